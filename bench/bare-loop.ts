/**
 * The reference the harness is measured against: PBFT's normal case for n replicas and one client,
 * hand-written as a bare discrete-event loop — a binary heap of deliveries ordered by (time, seq),
 * every message 1 ms like the benchmarks' empty tape, quorums counted in plain maps, no signatures,
 * no trace, no facts, no properties, no checkpoints. What a simulator that knows only this protocol
 * costs per delivery: the floor the general harness is compared with (bench/sections/ratios.ts).
 */

/** A message in flight. */
interface Msg {
  readonly time: number;
  readonly seq: number;
  readonly to: number;
  readonly from: number;
  readonly kind: number;
  readonly view: number;
  readonly slot: number;
  readonly digest: number;
}

const REQUEST = 0, PRE_PREPARE = 1, PREPARE = 2, COMMIT = 3, REPLY = 4;

/** A min-heap of messages by (time, seq). */
class Heap {
  private readonly items: Msg[] = [];
  get size(): number {
    return this.items.length;
  }
  push(m: Msg): void {
    const a = this.items;
    let i = a.length;
    a.push(m);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(m, a[p] as Msg)) break;
      a[i] = a[p] as Msg;
      i = p;
    }
    a[i] = m;
  }
  pop(): Msg | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length === 0 || last === undefined) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= a.length) break;
      const r = l + 1;
      const c = r < a.length && before(a[r] as Msg, a[l] as Msg) ? r : l;
      if (!before(a[c] as Msg, last)) break;
      a[i] = a[c] as Msg;
      i = c;
    }
    a[i] = last;
    return top;
  }
}

function before(a: Msg, b: Msg): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}

/** One replica's normal-case state: votes per slot and what it already sent. */
interface ReplicaState {
  nextSlot: number;
  readonly prepares: Map<number, number>;
  readonly commits: Map<number, number>;
  readonly committed: Set<number>;
  executed: number;
}

/** Runs `requests` requests through n replicas, one outstanding at a time; returns the deliveries. */
export function bareRun(n: number, requests: number): number {
  const f = Math.floor((n - 1) / 3);
  const client = n;
  const heap = new Heap();
  const replicas: ReplicaState[] = Array.from({ length: n }, () => ({ nextSlot: 1, prepares: new Map(), commits: new Map(), committed: new Set(), executed: 0 }));
  let seq = 0;
  let time = 0;
  let deliveries = 0;
  let accepted = 0;
  let replies = 0;
  const send = (from: number, to: number, kind: number, slot: number, digest: number): void => {
    heap.push({ time: time + 1, seq: seq++, to, from, kind, view: 0, slot, digest });
  };
  const broadcast = (from: number, kind: number, slot: number, digest: number): void => {
    for (let to = 0; to < n; to++) if (to !== from) send(from, to, kind, slot, digest);
  };
  const vote = (r: ReplicaState, me: number, m: Msg): void => {
    if (m.kind === PREPARE) {
      const count = (r.prepares.get(m.slot) ?? 0) + 1;
      r.prepares.set(m.slot, count);
      if (count === 2 * f) broadcast(me, COMMIT, m.slot, m.digest);
      return;
    }
    const count = (r.commits.get(m.slot) ?? 0) + 1;
    r.commits.set(m.slot, count);
    if (count === 2 * f + 1 && !r.committed.has(m.slot)) {
      r.committed.add(m.slot);
      r.executed++;
      send(me, client, REPLY, m.slot, m.digest);
    }
  };
  send(client, 0, REQUEST, 0, 1);
  for (let m = heap.pop(); m !== undefined; m = heap.pop()) {
    time = m.time;
    deliveries++;
    if (m.to === client) {
      if (++replies === f + 1) {
        replies = 0 - (n - f - 1); // the late replies of this request are ignored
        if (++accepted < requests) send(client, 0, REQUEST, 0, accepted + 1);
      }
      continue;
    }
    const r = replicas[m.to] as ReplicaState;
    if (m.kind === REQUEST) {
      const slot = r.nextSlot++;
      broadcast(m.to, PRE_PREPARE, slot, m.digest);
      // The primary's pre-prepare counts as its prepare; it also commits.
      r.prepares.set(slot, 0);
    } else if (m.kind === PRE_PREPARE) {
      broadcast(m.to, PREPARE, m.slot, m.digest);
    } else {
      vote(r, m.to, m);
    }
  }
  if (accepted !== requests) throw new Error(`bare loop: ${accepted}/${requests} requests accepted`);
  return deliveries;
}
