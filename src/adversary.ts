import type fc from 'fast-check';
import type { z } from 'zod';
import type { Codec, NodeId, Replica, ReplicaContext, ReplicaFactory } from './adapter/contract.js';
import type { SignatureTable } from './crypto/provider.js';
import type { RoleBook } from './adapter/structural-roles.js';
import type { PartitionPlan } from './scenario/types.js';

/** What an adversary controls: its own replica slot's context, and the honest code it may run or not. */
export interface AdversaryEnv {
  /** The faulty slot's real context: sends from here leave under the faulty node's identity. */
  readonly ctx: ReplicaContext<unknown>;
  /** The target's honest replica code, for strategies that run it with a doctored context. */
  readonly createHonest: ReplicaFactory<unknown>;
  /** The target's codec, when it has one, for protocol-aware strategies. */
  readonly codec: Codec<unknown> | undefined;
  /** Every faulty replica of this run (this one included): colluding nodes know each other. */
  readonly coalition: readonly NodeId[];
  /** Per-run state shared by the faulty replicas only: how a coalition coordinates (never visible to honest ones). */
  readonly blackboard: Map<string, unknown>;
  /**
   * The run's table of the signatures the harness issued (who signed what), for signed-item
   * discovery in payloads of any shape; absent when the provider keeps none.
   */
  readonly signatures?: SignatureTable;
  /** For a target with no codec, the run's book of message roles (by type name, else learnt from structure): see {@link RoleBook}. */
  readonly roles?: RoleBook;
}

/** Facts about the cluster that an adversary's parameter arbitrary may depend on. */
export interface AdversarySpace {
  /** Largest cluster size the campaign generates. */
  readonly maxN: number;
}

/**
 * A Byzantine strategy: a fast-check arbitrary of its own parameters (shrinking towards less
 * fault), a schema that validates those parameters when read from a file, and the code that
 * enacts it on the faulty slot. It never reaches into honest replicas.
 */
export interface Adversary<P> {
  /** CLI name, e.g. `equivocator`. */
  readonly name: string;
  /** One line: what the strategy does. */
  readonly description: string;
  /** Parameters, shrinking towards less fault. */
  params(space: AdversarySpace): fc.Arbitrary<P>;
  /** Validates parameters from an untrusted scenario file. */
  readonly schema: z.ZodType<P>;
  /** Builds the faulty replica for one run. */
  enact(env: AdversaryEnv, params: P): Replica<unknown>;
  /**
   * Network faults the strategy's plan needs (an adversary cannot drop honest messages itself),
   * for the faulty replica `node` of `coalition` (every faulty replica, in the scenario's order) in a
   * cluster of n: the scenario generator makes them the run's partitions (in place of random
   * ones, which would cut what the plan relies on) and holds GST back until they end, so plan and
   * partitions shrink together.
   */
  partitions?(params: P, at: { readonly node: NodeId; readonly n: number; readonly coalition: readonly NodeId[] }): readonly PartitionPlan[];
  /**
   * Until when (virtual ms) the strategy runs the honest code unchanged — a crash's time, say: the
   * run is fault-free before it, and timeliness judges that stretch. Omitted: faulty from the start.
   */
  honestUntilMs?(params: P): number;
}

/** An adversary with its parameter type erased, as held in registries. */
export type AnyAdversary = Adversary<unknown>;

/**
 * Declares a strategy: checks `enact` against the parameter type `P` of `params` and `schema`, then
 * erases `P` so strategies of any parameters sit in one registry (a scenario's parameters are
 * validated by the schema before `enact` sees them). A user's module exports the result as default
 * (or several as named exports) and runs with `--adversary ./module.ts`; see docs/extending.md.
 *
 * @example
 * export default defineAdversary<{ victim: number }>({
 *   name: 'mute-to-one', description: 'runs the honest code but never sends to one chosen replica',
 *   params: ({ maxN }) => fc.record({ victim: fc.nat(maxN - 1) }),
 *   schema: z.object({ victim: z.number().int().min(0) }).strict(),
 *   enact: (env, { victim }) => interceptOutbox(env, { send: (to, payload, post) => (to === victim ? undefined : post(to, payload)) }),
 * });
 */
export function defineAdversary<P>(adversary: Adversary<P>): AnyAdversary {
  return adversary as unknown as AnyAdversary;
}

/**
 * A context that forwards everything to `ctx` except the methods given in `overrides`: how a
 * strategy runs the honest code (`env.createHonest(interpose(env.ctx, { send }))`) while deciding
 * itself what leaves the node.
 */
export function interpose(ctx: ReplicaContext<unknown>, overrides: Partial<ReplicaContext<unknown>>): ReplicaContext<unknown> {
  return {
    config: ctx.config,
    send: (to, payload) => ctx.send(to, payload),
    broadcast: (payload) => ctx.broadcast(payload),
    setTimer: (id, afterMs) => ctx.setTimer(id, afterMs),
    cancelTimer: (id) => ctx.cancelTimer(id),
    commit: (seq, value) => ctx.commit(seq, value),
    execute: (seq, operation, result, origin) => ctx.execute(seq, operation, result, origin),
    reply: (client, requestId, result) => ctx.reply(client, requestId, result),
    installState: (seq, digest) => ctx.installState(seq, digest),
    membership: (fromSeq, members) => ctx.membership?.(fromSeq, members),
    log: (message) => ctx.log(message),
    now: () => ctx.now(),
    random: () => ctx.random(),
    sign: (data) => ctx.sign(data),
    verify: (signer, data, signature) => ctx.verify(signer, data, signature),
    ...overrides,
  };
}
