/**
 * A run's behaviour signature: what the honest replicas did, read from outside them (their context
 * and handlers), as a set of feature strings a guided campaign keeps novelty of. Only runs that
 * ask for it pay: the probe wraps the honest replicas' factories, the world itself is untouched.
 */
import type { Codec, NodeId, Replica, ReplicaContext, ReplicaFactory, TimerId } from '../adapter/contract.js';
import type { RunFacts } from '../sim/facts.js';

/** Hit-count bucket: 0, 1, 2–3, 4–15, 16–63, 64+, so a count matters by its rough order of magnitude (finer buckets fill the corpus with noise). */
export function bucket(count: number): number {
  return count <= 1 ? count : count < 4 ? 2 : count < 16 ? 3 : count < 64 ? 4 : 5;
}

/** Largest view (and view index) a feature names: beyond it views are alike. */
const VIEW_CAP = 12;

/**
 * A payload's message type: the codec's, else its `type` or `kind` field, else its key shape (the
 * keys in their order, which a deterministic replica builds the same way every time).
 */
export function messageType(payload: unknown, codec: Codec<unknown> | undefined): string {
  if (codec !== undefined) {
    try {
      const type = codec.fields(payload).type;
      if (typeof type === 'string') return type;
    } catch {
      // A payload the codec cannot read is typed by its shape, like any other.
    }
  }
  if (typeof payload !== 'object' || payload === null) return typeof payload;
  if (Array.isArray(payload)) return `[${payload.length === 0 ? '' : messageType(payload[0], undefined)}]`;
  const record = payload as Record<string, unknown>;
  if (typeof record.type === 'string') return record.type;
  if (typeof record.kind === 'string') return record.kind;
  return `{${Object.keys(record).join(',')}}`;
}

/** An edge's text: `cause>types sent`, the types sorted by name and joined by `+`. */
function edgeText(cause: number, mask: number, beyond: readonly number[] | null): string {
  const sent = new Set<string>(beyond?.map((id) => TYPES.names[id] as string));
  for (let id = 0; id < MASK_BITS; id++) if ((mask & (1 << id)) !== 0) sent.add(TYPES.names[id] as string);
  return `${CAUSES.names[cause] as string}>${[...sent].sort().join('+')}`;
}

/** Names interned to small integers, so the probe's per-event work is integer arithmetic; shared by every run (ids never reach a feature, names do). */
class Names {
  private readonly ids = new Map<string, number>();
  readonly names: string[] = [];

  id(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(name, id);
      this.names.push(name);
    }
    return id;
  }
}

/** Message types, and handler causes (`m:TYPE`, `request`, `init`, `t:NAME`). */
const TYPES = new Names();
const CAUSES = new Names();
/** Cause id of each message type id. */
const causeOfType: number[] = [];
/** Cause ids of timer names (digits folded into `#`), so a timer's regex runs once per name. */
const timerCauses = new Map<string, number>();
const REQUEST = CAUSES.id('request');
const INIT = CAUSES.id('init');

/** Types sent within one handler call fit a bit set up to this id; a rare later type goes to a list. */
const MASK_BITS = 30;
/** An edge key: cause id × 2^30 + sent-type bit set, exact in a double for any cause id below 2^23. */
const CAUSE_STRIDE = 2 ** MASK_BITS;

function messageCause(typeId: number): number {
  let cause = causeOfType[typeId];
  if (cause === undefined) {
    cause = CAUSES.id(`m:${TYPES.names[typeId] as string}`);
    causeOfType[typeId] = cause;
  }
  return cause;
}

function timerCause(id: TimerId): number {
  const key = String(id);
  let cause = timerCauses.get(key);
  if (cause === undefined) {
    cause = CAUSES.id(`t:${key.replace(/\d+/g, '#')}`);
    timerCauses.set(key, cause);
  }
  return cause;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/** One honest replica as the probe follows it. */
class Follower {
  /** What the running handler was called for (a cause id), and the type ids it sent so far: a bit set, and any beyond it. */
  cause = 0;
  sentMask = 0;
  sentBeyond: number[] | null = null;
  /** Highest view it sent a message in, and commits per view it committed in. */
  view = 0;
  readonly commitsPerView = new Map<number, number>();
}

/** Follows the honest replicas of one run and turns what they did into signature features. */
export class BehaviourProbe {
  /** (cause → types sent) edges with their hit counts, keyed by cause × 2^30 + sent bit set. */
  private readonly edges = new Map<number, number>();
  /** Edges whose sent types go beyond the bit set, by their feature text. */
  private readonly wideEdges = new Map<string, number>();
  private readonly followers: Follower[] = [];
  /** Type id of each payload object seen: a broadcast is typed once, and its deliveries find it here. */
  private readonly typed = new WeakMap<object, number>();

  constructor(private readonly codec: Codec<unknown> | undefined) {}

  /** The factory of an honest slot, wrapped so its replica's causes, sends and commits are followed. */
  wrap(factory: ReplicaFactory<unknown>): ReplicaFactory<unknown> {
    return (ctx) => {
      const follower = new Follower();
      this.followers.push(follower);
      return this.followReplica(factory(this.followContext(ctx, follower)), follower);
    };
  }

  /** A payload's type id (and, when `follower` is given, the view it names raises the follower's). */
  private typeOf(payload: unknown, follower?: Follower): number {
    const object = typeof payload === 'object' && payload !== null;
    if (object && follower === undefined) {
      const known = this.typed.get(payload);
      if (known !== undefined) return known;
    }
    let type: string | undefined;
    let view: unknown;
    if (this.codec !== undefined) {
      try {
        const fields = this.codec.fields(payload);
        if (typeof fields.type === 'string') type = fields.type;
        view = fields.view;
      } catch {
        // A payload the codec cannot read is typed by its shape, like any other.
      }
    } else if (object) view = (payload as { view?: unknown }).view;
    const id = TYPES.id(type ?? messageType(payload, undefined));
    if (object) this.typed.set(payload, id);
    if (follower !== undefined && typeof view === 'number' && Number.isFinite(view) && view > follower.view) follower.view = view;
    return id;
  }

  private static noteSent(follower: Follower, typeId: number): void {
    if (typeId < MASK_BITS) follower.sentMask |= 1 << typeId;
    else (follower.sentBeyond ??= []).push(typeId);
  }

  private static noteCommit(follower: Follower): void {
    follower.commitsPerView.set(follower.view, (follower.commitsPerView.get(follower.view) ?? 0) + 1);
  }

  private followContext(ctx: ReplicaContext<unknown>, follower: Follower): ReplicaContext<unknown> {
    return {
      ...ctx,
      send: (to: NodeId, payload: unknown) => {
        BehaviourProbe.noteSent(follower, this.typeOf(payload, follower));
        ctx.send(to, payload);
      },
      broadcast: (payload: unknown) => {
        BehaviourProbe.noteSent(follower, this.typeOf(payload, follower));
        ctx.broadcast(payload);
      },
      commit: (seq: number, value: string) => {
        BehaviourProbe.noteCommit(follower);
        ctx.commit(seq, value);
      },
    };
  }

  private followReplica(replica: Replica<unknown>, follower: Follower): Replica<unknown> {
    const begin = (cause: number): void => {
      follower.cause = cause;
      follower.sentMask = 0;
      follower.sentBeyond = null;
    };
    const end = <T>(result: T): T => {
      if (isThenable(result)) return Promise.resolve(result).then((effects: unknown) => (this.settle(follower, effects), effects)) as T;
      this.settle(follower, result);
      return result;
    };
    const { onTimer, init } = replica;
    return {
      onMessage: (from, payload) => {
        begin(messageCause(this.typeOf(payload)));
        return end(replica.onMessage(from, payload));
      },
      onRequest: (request) => {
        begin(REQUEST);
        return end(replica.onRequest(request));
      },
      ...(onTimer === undefined ? {} : {
        onTimer: (id: TimerId) => {
          begin(timerCause(id));
          return end(onTimer.call(replica, id));
        },
      }),
      ...(init === undefined ? {} : {
        init: () => {
          begin(INIT);
          return end(init.call(replica));
        },
      }),
    };
  }

  /** A handler call ended: its edge counts once, with the effects it returned as data. */
  private settle(follower: Follower, effects: unknown): void {
    if (Array.isArray(effects)) {
      for (const e of effects as readonly { kind?: unknown; payload?: unknown }[]) {
        if (e?.kind === 'send' || e?.kind === 'broadcast') BehaviourProbe.noteSent(follower, this.typeOf(e.payload, follower));
        else if (e?.kind === 'commit') BehaviourProbe.noteCommit(follower);
      }
    }
    if (follower.sentBeyond === null) {
      const key = follower.cause * CAUSE_STRIDE + follower.sentMask;
      this.edges.set(key, (this.edges.get(key) ?? 0) + 1);
    } else {
      const key = edgeText(follower.cause, follower.sentMask, follower.sentBeyond);
      this.wideEdges.set(key, (this.wideEdges.get(key) ?? 0) + 1);
    }
  }

  /** The run's features, sorted: edges with count buckets, views, view changes, commits per view, state transfers, how it ended. */
  features(facts: RunFacts): string[] {
    const features = new Set<string>();
    const prefix = `n${facts.n}|`;
    for (const [key, count] of this.edges) {
      const mask = key % CAUSE_STRIDE;
      features.add(`${prefix}e:${edgeText((key - mask) / CAUSE_STRIDE, mask, null)}#${bucket(count)}`);
    }
    for (const [edge, count] of this.wideEdges) features.add(`${prefix}e:${edge}#${bucket(count)}`);
    let maxView = 0;
    for (const f of this.followers) maxView = Math.max(maxView, f.view);
    const atMax = this.followers.filter((f) => f.view === maxView).length;
    features.add(`${prefix}view:${Math.min(maxView, VIEW_CAP)}/${atMax}`);
    const viewsWithCommits = new Set<number>();
    for (const f of this.followers) {
      for (const [view, commits] of f.commitsPerView) {
        viewsWithCommits.add(view);
        features.add(`${prefix}commits@view:${Math.min(view, VIEW_CAP)}#${bucket(commits)}`);
      }
    }
    features.add(`${prefix}views-committing:${bucket(viewsWithCommits.size)}`);
    features.add(`${prefix}installs:${bucket(facts.installs.length)}`);
    features.add(`${prefix}stop:${facts.stopReason}`);
    features.add(`${prefix}accepted:${bucket(facts.accepted.length)}/${bucket(facts.submitted.length)}`);
    if (facts.rejectedSignatures > 0) features.add(`${prefix}rejected-signatures:${bucket(facts.rejectedSignatures)}`);
    return [...features].sort();
  }
}
