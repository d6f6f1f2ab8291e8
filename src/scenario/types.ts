/**
 * A scenario is plain, JSON-serialisable data that fully determines one simulated run: the same
 * scenario always yields the same trace.
 */

/** One client request in the workload. */
export interface RequestPlan {
  /** Client index, 0-based (its node id is n + client). */
  readonly client: number;
  /** Earliest virtual time at which the client issues it; a client has one request outstanding at a time. */
  readonly atMs: number;
  /** The operation submitted. */
  readonly operation: string;
}

/** A replica under an adversary's control. */
export interface ByzantinePlan {
  /** The replica's id. */
  readonly node: number;
  /** Name of the adversary strategy (see `byzcheck list`). */
  readonly adversary: string;
  /** The strategy's own parameters, validated by the strategy's schema. */
  readonly params: unknown;
  /** Outgoing messages the replica replaces with malformed ones, whatever its strategy (see src/malformed-sends.ts); absent: none. */
  readonly malformed?: readonly MalformedSend[];
}

/**
 * One malformed send of a faulty replica: its outgoing message number `at` (0-based, a broadcast
 * counting once), and again every `every` messages after it when `every` > 0, is replaced by the
 * malformation `kind` indexes (see MALFORMED_KINDS in src/malformed-payload.ts).
 */
export interface MalformedSend {
  readonly at: number;
  readonly kind: number;
  readonly every: number;
}

/** A partition cutting replicas `side` off from every other node, during [startMs, endMs) (and never after GST). */
export interface PartitionPlan {
  /** When it starts, virtual ms. */
  readonly startMs: number;
  /** When it heals, virtual ms. */
  readonly endMs: number;
  /** The isolated replicas. */
  readonly side: readonly number[];
  /** `both`: symmetric; `out`: the side's messages are lost; `in`: messages to the side are lost. */
  readonly direction: 'both' | 'out' | 'in';
}

/**
 * A ByzzFuzz round partition: while a message's protocol round (its sequence number, or its view if
 * it has none, as the target's codec reports) equals `round`, replicas in different groups cannot
 * reach each other. Applies before GST only.
 */
export interface RoundPartitionPlan {
  /** The protocol round affected. */
  readonly round: number;
  /** groups[i] is replica i's group label; replicas with different labels are cut apart. */
  readonly groups: readonly number[];
}

/**
 * Before GST, the messages of one kind (and of one view) on some replicas' links are lost: those
 * they send (`out`) or those sent to them (`in`), between replicas — a partition that cuts one
 * phase of the protocol instead of a time span, so that some replicas miss a phase (their
 * CHECKPOINTs, the PREPAREs of view 0, every message of view 1) while their peers go through it.
 * A kind is a message type as the target's codec names it, else the payload's top-level key shape
 * (codec-free targets). Kinds are named by rank, not by name, so one plan fits any protocol: `kind`
 * k is the k-th distinct kind replicas put on the wire in this run (0 = the first), counted among
 * replica-to-replica messages sent before GST. A view is the message's own view field (codec, or
 * the usual key names without one); a message with none never matches a plan that names a view.
 */
export interface KindLossPlan {
  /** The replicas whose links lose the messages. */
  readonly nodes: readonly number[];
  /** `out`: the messages they send are lost; `in`: the messages sent to them are lost (between any two replicas, unlike a partition's sides). */
  readonly direction: 'in' | 'out';
  /** Rank of the kind by first appearance on the wire in this run, from 0; absent: every kind. */
  readonly kind?: number;
  /** Only messages of this view; absent: every view. */
  readonly view?: number;
  /** Only messages whose sequence number is at least this (codec, or the usual key names); absent: every message. */
  readonly fromSeq?: number;
}

/**
 * One message the network loses: the `nth` (1-based) that node `from` sends node `to`. Safety must
 * hold however the network behaves, so a safety counterexample may lose messages after GST too;
 * a run that does is not judged for liveness (its premise, a reliable network after GST, fails).
 */
export interface LostMessage {
  /** Sender (replica or client id). */
  readonly from: number;
  /** Receiver (replica or client id). */
  readonly to: number;
  /** Which of the messages on that link, counting from 1 (every message sent on it counts). */
  readonly nth: number;
}

/** How the network treats messages. Before GST it may drop, duplicate, partition and delay more; after GST it is reliable. */
export interface NetworkPlan {
  /** Smallest one-way delay, and the canonical one. */
  readonly delayMsMin: number;
  /** Largest one-way delay after GST. */
  readonly delayMsMax: number;
  /** Largest one-way delay before GST. */
  readonly preGstDelayMsMax: number;
  /** Chance, in percent, that the tape may drop a message sent before GST. */
  readonly dropPercent: number;
  /** Chance, in percent, that the tape may duplicate a message sent before GST (default 0). */
  readonly duplicatePercent?: number;
  /** Timed partitions (default none). */
  readonly partitions?: readonly PartitionPlan[];
  /** ByzzFuzz-style round partitions (default none). */
  readonly roundPartitions?: readonly RoundPartitionPlan[];
  /** Message kinds lost on one replica's links before GST (default none). */
  readonly kindLosses?: readonly KindLossPlan[];
  /** Messages lost by name (default none): the traffic the counterexample minimiser found a violation does not need. */
  readonly lost?: readonly LostMessage[];
}

/** Bounds that end a run even if the replicas never go quiet. */
export interface RunLimits {
  /** Virtual-time limit in ms. */
  readonly timeMs: number;
  /** Maximum number of processed events. */
  readonly events: number;
}

/** Everything one run needs. */
export interface Scenario {
  /** Format version of this file. */
  readonly version: 1;
  /** Number of replicas. */
  readonly n: number;
  /** Number of simulated clients. */
  readonly clients: number;
  /** The client workload. */
  readonly requests: readonly RequestPlan[];
  /** Faulty replicas and their strategies. */
  readonly byzantine: readonly ByzantinePlan[];
  /** True when the scenario deliberately has more than f faulty replicas. */
  readonly beyondF: boolean;
  /** Network behaviour. */
  readonly network: NetworkPlan;
  /** Global stabilisation time, virtual ms. */
  readonly gstMs: number;
  /** Run bounds. */
  readonly limits: RunLimits;
  /** Seed of the PRNG that replicas and adversaries draw from. */
  readonly seed: number;
  /** The choice tape (see `src/sim/tape.ts`). */
  readonly tape: readonly number[];
  /**
   * The target's options as given (`--target-option`), validated by the target's schema when the
   * run starts; absent when none were given (the target's defaults).
   */
  readonly targetOptions?: Readonly<Record<string, unknown>>;
}
