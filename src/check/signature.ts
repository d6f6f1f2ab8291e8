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

function viewOf(payload: unknown, codec: Codec<unknown> | undefined): number | undefined {
  if (codec !== undefined) {
    try {
      const view = codec.fields(payload).view;
      return typeof view === 'number' && Number.isFinite(view) ? view : undefined;
    } catch {
      return undefined;
    }
  }
  const view = typeof payload === 'object' && payload !== null ? (payload as { view?: unknown }).view : undefined;
  return typeof view === 'number' && Number.isFinite(view) ? view : undefined;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/** One honest replica as the probe follows it. */
class Follower {
  /** What the running handler was called for, and the message types it sent so far. */
  cause = '';
  sent: string[] = [];
  /** Highest view it sent a message in, and commits per view it committed in. */
  view = 0;
  readonly commitsPerView = new Map<number, number>();
}

/** Follows the honest replicas of one run and turns what they did into signature features. */
export class BehaviourProbe {
  /** (cause → types sent) edges with their hit counts, over every honest replica. */
  private readonly edges = new Map<string, number>();
  private readonly followers: Follower[] = [];

  constructor(private readonly codec: Codec<unknown> | undefined) {}

  /** The factory of an honest slot, wrapped so its replica's causes, sends and commits are followed. */
  wrap(factory: ReplicaFactory<unknown>): ReplicaFactory<unknown> {
    return (ctx) => {
      const follower = new Follower();
      this.followers.push(follower);
      return this.followReplica(factory(this.followContext(ctx, follower)), follower);
    };
  }

  private followContext(ctx: ReplicaContext<unknown>, follower: Follower): ReplicaContext<unknown> {
    const sent = (payload: unknown): void => {
      follower.sent.push(messageType(payload, this.codec));
      const view = viewOf(payload, this.codec);
      if (view !== undefined && view > follower.view) follower.view = view;
    };
    return {
      ...ctx,
      send: (to: NodeId, payload: unknown) => {
        sent(payload);
        ctx.send(to, payload);
      },
      broadcast: (payload: unknown) => {
        sent(payload);
        ctx.broadcast(payload);
      },
      commit: (seq: number, value: string) => {
        follower.commitsPerView.set(follower.view, (follower.commitsPerView.get(follower.view) ?? 0) + 1);
        ctx.commit(seq, value);
      },
    };
  }

  private followReplica(replica: Replica<unknown>, follower: Follower): Replica<unknown> {
    const handle = <T>(cause: string, call: () => T): T => {
      follower.cause = cause;
      follower.sent = [];
      const result = call();
      if (isThenable(result)) return Promise.resolve(result).then((effects: unknown) => (this.settle(follower, effects), effects)) as T;
      this.settle(follower, result);
      return result;
    };
    const { onTimer, init } = replica;
    return {
      onMessage: (from, payload) => handle(`m:${messageType(payload, this.codec)}`, () => replica.onMessage(from, payload)),
      onRequest: (request) => handle('request', () => replica.onRequest(request)),
      ...(onTimer === undefined ? {} : { onTimer: (id: TimerId) => handle(`t:${String(id).replace(/\d+/g, '#')}`, () => onTimer.call(replica, id)) }),
      ...(init === undefined ? {} : { init: () => handle('init', () => init.call(replica)) }),
    };
  }

  /** A handler call ended: its edge counts once, with the effects it returned as data. */
  private settle(follower: Follower, effects: unknown): void {
    if (Array.isArray(effects)) {
      for (const e of effects as readonly { kind?: unknown; payload?: unknown }[]) {
        if (e?.kind === 'send' || e?.kind === 'broadcast') follower.sent.push(messageType(e.payload, this.codec));
        else if (e?.kind === 'commit') follower.commitsPerView.set(follower.view, (follower.commitsPerView.get(follower.view) ?? 0) + 1);
      }
    }
    const out = follower.sent.length === 0 ? '' : [...new Set(follower.sent)].sort().join('+');
    const edge = `${follower.cause}>${out}`;
    this.edges.set(edge, (this.edges.get(edge) ?? 0) + 1);
  }

  /** The run's features, sorted: edges with count buckets, views, view changes, commits per view, state transfers, how it ended. */
  features(facts: RunFacts): string[] {
    const features = new Set<string>();
    const prefix = `n${facts.n}|`;
    for (const [edge, count] of this.edges) features.add(`${prefix}e:${edge}#${bucket(count)}`);
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
