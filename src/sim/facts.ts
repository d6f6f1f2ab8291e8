import type { NodeId, RequestOrigin } from '../adapter/contract.js';

/** An honest replica's decision at a sequence number. */
export interface CommitFact {
  readonly replica: NodeId;
  readonly seq: number;
  readonly value: string;
  /** Index of the event during which it happened (a trace position). */
  readonly step: number;
  readonly timeMs: number;
}

/** An honest replica's execution of an operation. */
export interface ExecuteFact {
  readonly replica: NodeId;
  readonly seq: number;
  readonly operation: string;
  readonly result: string;
  /** The client request it came from, when the replica said. */
  readonly origin: RequestOrigin | undefined;
  readonly step: number;
  readonly timeMs: number;
}

/** A reply an honest replica sent to a client. */
export interface ReplyFact {
  readonly replica: NodeId;
  readonly client: NodeId;
  readonly requestId: number;
  readonly result: string;
  readonly step: number;
}

/** An honest replica installed state up to `seq` by state transfer. */
export interface InstallFact {
  readonly replica: NodeId;
  readonly seq: number;
  readonly digest: string;
  readonly step: number;
  readonly timeMs: number;
}

/** An honest replica declared its view: the members it orders with from slot `fromSeq` on. */
export interface MembershipFact {
  readonly replica: NodeId;
  readonly fromSeq: number;
  /** The members, ascending. */
  readonly members: readonly NodeId[];
  readonly step: number;
  readonly timeMs: number;
}

/** A request a client issued (first transmission). */
export interface SubmitFact {
  readonly client: NodeId;
  readonly requestId: number;
  readonly operation: string;
  readonly step: number;
  readonly timeMs: number;
}

/** A result a client accepted on f+1 matching replies. */
export interface AcceptFact {
  readonly client: NodeId;
  readonly requestId: number;
  readonly result: string;
  /** The replicas whose matching replies made up the quorum. */
  readonly replicas: readonly NodeId[];
  readonly step: number;
  readonly timeMs: number;
}

/**
 * An honest replica sent its first message of a view above every view it had sent in before (its
 * first message of all included), as the target's codec reads the payload's view.
 */
export interface ViewFact {
  readonly replica: NodeId;
  readonly view: number;
  /** The view's leader, when the target declares who leads a view (`Target.leaderOf`). */
  readonly leader?: NodeId;
  readonly step: number;
  readonly timeMs: number;
}

/** A replica that threw, returned malformed effects, or broke the contract. */
export interface ReplicaErrorFact {
  readonly replica: NodeId;
  /** The event being handled, e.g. `message from 2`. */
  readonly event: string;
  readonly message: string;
  readonly step: number;
  readonly timeMs: number;
  /** The error's stack, for reports only: it holds paths of this machine, so it never enters a trace or a verdict. */
  readonly stack?: string;
  /**
   * The error's `detail` string, when it has one: diagnostics that differ between processes (a
   * child's pid, its stderr). Shown in reports, kept out of traces, verdicts and trace hashes.
   */
  readonly detail?: string;
  /** The error's `hang` flag: the replica did not answer within a wall-clock budget (not shrunk). */
  readonly hang?: true;
}

/**
 * Why a run ended; `violation` means a safety property's tripwire stopped it at the violating event;
 * `settled` that nothing could happen in it any more but repeats of what it had done since its last
 * fact (see src/sim/settle-watch.ts): judged as the same run stopped at its time limit would be.
 */
/** Why a run ended; `cancelled`: the campaign's wall-clock budget ran out under it, and such a run is never judged. */
export type StopReason = 'quiescent' | 'time-limit' | 'event-limit' | 'replica-error' | 'violation' | 'settled' | 'cancelled';

/** The kinds of facts a run records, as tripwires are told about them. */
export type FactKind = 'commit' | 'execute' | 'reply' | 'submit' | 'accept';

/**
 * The compact summary of a run that properties judge: recorded on the fast path too (a few pushes
 * per commit), so no trace is needed to decide a verdict.
 */
export interface RunFacts {
  readonly n: number;
  readonly f: number;
  /** honest[i] is false for replicas under an adversary. */
  readonly honest: readonly boolean[];
  /** Global stabilisation time of the run. */
  readonly gstMs: number;
  /** The target's liveness bound per request, when it declares one. */
  readonly livenessBoundMs: number | undefined;
  /** How long a client waits before retransmitting its outstanding request (absent in hand-built facts). */
  readonly clientRetransmitMs?: number;
  /**
   * The target's timeliness bound per request, when it declares one, for a network whose largest
   * delay is `calmDelayMsMax`: the calm part of the run is one such a network could have produced.
   * Set when the run ends.
   */
  timelinessBoundMs: number | undefined;
  /**
   * The target's timeliness bound for the network's largest delay after GST (`NetworkPlan.delayMsMax`):
   * what a request may take once the run has recovered from its faults. Set when the run ends.
   */
  settledTimelinessBoundMs?: number | undefined;
  readonly commits: CommitFact[];
  readonly executions: ExecuteFact[];
  readonly replies: ReplyFact[];
  readonly installs: InstallFact[];
  /** Views honest replicas declared; none means every replica is a member throughout. */
  readonly memberships: MembershipFact[];
  readonly submitted: SubmitFact[];
  readonly accepted: AcceptFact[];
  readonly replicaErrors: ReplicaErrorFact[];
  /**
   * Views honest replicas moved into, recorded only in runs the timing properties can judge (a
   * timeliness bound declared and a codec to read views): other runs pay nothing for it.
   */
  readonly views: ViewFact[];
  /** Counters. */
  events: number;
  deliveries: number;
  drops: number;
  /** Messages the plan's `lost` list took at or after GST: the network was then not reliable after GST. */
  lostAfterGst: number;
  /**
   * When the first faulty replica may first deviate from the honest code, as its strategy declares
   * (a crash's time, say; 0 when it declares nothing); +∞ when every replica is honest.
   */
  readonly faultsFromMs: number;
  /**
   * When the network first misbehaved: the send time of the first message it dropped (plan, tape or
   * partition), duplicated or delayed beyond `delayMsMax`, the largest delay after GST; +∞ if never.
   * Before it, the run is one a synchronous network could have produced.
   */
  calmUntilMs: number;
  /** The largest delay a message sent while the network was calm took (0 if none was sent). */
  calmDelayMsMax: number;
  /**
   * From when on every message still to arrive was sent at or after GST by an honest replica: GST,
   * or the latest arrival of a message sent before GST or by a faulty replica, if later. After it a
   * faulty replica has fallen silent (as a crashed one does) and nothing from before GST is left on
   * the wire: the rest of the run is one of honest replicas on a synchronous network, some of them
   * possibly crashed. Absent in hand-built facts.
   */
  settledFromMs?: number;
  /**
   * From when on every message still to arrive was sent by an honest replica after the network's
   * last drop or duplication (0 if it never misbehaved and no replica is faulty): from then on the
   * run is one of honest replicas, some possibly crashed, on a synchronous network whose delays are
   * at most `syncDelayMsMax` — before GST too. Absent in hand-built facts.
   */
  syncFromMs?: number;
  /** The largest delay of a message sent since the network's last drop or duplication (0 if none). */
  syncDelayMsMax?: number;
  /**
   * The target's leader timeouts (`Target.leaderTimeoutMs`): entry k after k view changes since the
   * replica's last execution; the last entry for more.
   */
  leaderTimeoutsMs?: readonly number[];
  /** The target's timeliness bound for `syncDelayMsMax`, when it declares one for that delay. Set when the run ends. */
  syncTimelinessBoundMs?: number | undefined;
  /** Signature checks by honest replicas that failed: forgeries (or corruption) they caught. */
  rejectedSignatures: number;
  endTimeMs: number;
  stopReason: StopReason;
}
