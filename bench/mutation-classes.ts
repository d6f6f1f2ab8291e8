import type { FixId } from './mutation-verdicts/reasons.js';
import { VERDICTS } from './mutation-verdicts/index.js';

/** How a surviving mutant is judged. */
export interface MutantClass {
  /**
   * `equivalent`: no behaviour any byzcheck property observes changes, for any run within f;
   * `weakness`: byzcheck should kill it; `outside-model`: it only changes behaviour beyond f faults
   * or for messages no codec lets through.
   */
  readonly kind: 'equivalent' | 'weakness' | 'outside-model' | 'unclassified';
  /** One line: why, and for a weakness the scenario shape, strategy and property that would expose it. */
  readonly why: string;
  /** For a weakness: the improvement to byzcheck (bench/mutation-verdicts/reasons.ts FIXES) that would kill it. */
  readonly fix?: FixId;
  /** True for a verdict from the per-mutant review; false or absent for the method-level fallback rules. */
  readonly reviewed?: boolean;
}

/** What the classifier reads of a survivor. */
export interface MutantInfo {
  /** mutantKey() of the survivor: the per-mutant verdicts are looked up by it. */
  readonly key: string;
  readonly file: string;
  readonly method: string;
  readonly mutator: string;
  readonly original: string;
  readonly replacement: string;
}

/**
 * The stable key of a mutant (Stryker's ids change between runs): its file, start and end position
 * (nested sub-expressions share a start), mutator and replacement with whitespace collapsed.
 */
export function mutantKey(file: string, start: { line: number; column: number }, end: { line: number; column: number }, mutator: string, replacement: string): string {
  return `${file}:${start.line}:${start.column}-${end.line}:${end.column}:${mutator}:${replacement.replace(/\s+/g, ' ').trim()}`;
}

/**
 * Classifies a surviving mutant: the per-mutant verdict of bench/mutation-verdicts/ when there is one,
 * else the method-level rules below (first match wins), labelled "by rule, not reviewed".
 */
export function classify(m: MutantInfo): MutantClass {
  return VERDICTS[m.key] ?? classifyByRule(m);
}

/** The method-level fallback alone (what every survivor got before the per-mutant review). */
export function classifyByRule(m: MutantInfo): MutantClass {
  for (const rule of RULES) if (rule.when(m)) return { ...rule.verdict, why: `by rule, not reviewed: ${rule.verdict.why}`, reviewed: false };
  return { kind: 'unclassified', why: 'by rule, not reviewed: no rule matches', reviewed: false };
}

const inMethods = (...names: string[]) => (m: MutantInfo): boolean => names.includes(m.method);
const weakness = (why: string): MutantClass => ({ kind: 'weakness', why });

// Fallback rules by what a mutant changes and the method it sits in, for survivors without a
// per-mutant verdict (a new run's mutants, or code changed since the review). They were written from
// the survivor list of one run, read method by method; the review found many of them wrong (e.g.
// `(module)` meant every multi-line function signature), so trust a reviewed verdict over them.
const RULES: readonly { when: (m: MutantInfo) => boolean; verdict: MutantClass }[] = [
  {
    when: (m) => m.mutator === 'StringLiteral' && m.replacement.includes('Stryker was here') && /sig: ''/.test(m.original),
    verdict: { kind: 'equivalent', why: "the `sig: ''` placeholder: seal() overwrites it with the real signature" },
  },
  {
    when: (m) => m.mutator === 'StringLiteral' && /_TIMER = '/.test(m.original),
    verdict: { kind: 'equivalent', why: 'a timer name: only its distinctness from the other timer names matters, and "" is still distinct' },
  },
  {
    when: inMethods('isValidPreparedCert', 'validateNewView', 'isValidViewChange', 'matchesPlan', 'onNewView', 'onViewChange', 'adoptNewViewCheckpoint', '(module)', 'inspect', 'verifyMessage', 'verifyClientRequest', 'batchIsValid', 'isWellFormedRequest', 'acceptPrePrepare'),
    verdict: weakness('a check against malformed Byzantine input that no strategy sends in this form (lying-proofs fabricates digests and seqs, not view numbers, windows, duplicate senders or batch shapes): agreement, with a lying-proofs / small-scope mutation plan aimed at that field'),
  },
  {
    when: inMethods('enterView', 'computeNewViewO', 'better', 'replayFuture', 'buffer', 'dispatch', 'maybeJoinViewChange', 'startViewChange', 'checkViewChangeQuorum', 'sendNewView', 'storeViewChange', 'viewChangeQuorum', 'onViewChangeTimer', 'preparedAbove', 'recordPrepared', 'clearSlots'),
    verdict: weakness('view-change path with prepared certificates in flight: few of the 200 runs per mutant change view mid-round; agreement and liveness with plans that fail the primary after a partial commit (the same gap as the zoo misses)'),
  },
  {
    when: inMethods('makeStable', 'advanceStable', 'takeCheckpoint', 'onCheckpoint', 'addVote', 'count', 'proof', 'recordOwn', 'collectGarbage', 'dropUpTo', 'hasCommitChain', 'checkpointStableQuorum', 'inWatermarks'),
    verdict: weakness('checkpoints, watermarks and garbage collection: runs rarely pass enough checkpoint intervals to fill the log window; liveness and total-order with longer request streams and a lagging replica'),
  },
  {
    when: inMethods('init', 'onTimer', 'restartViewChangeTimer', 'viewChangeTimeout', 'stopViewChangeTimer', 'onStatusTimer', 'afterProgress'),
    verdict: weakness('timers: the liveness bound allows the capped back-off, so a timer that fires later or is re-armed needlessly only slows a run; a tighter bound (or a time-to-commit statistic with a threshold) would catch it'),
  },
  {
    when: inMethods('receiveRequest', 'resendReply', 'nextBatch', 'proposePending', 'onForwardedRequest', 'onRequest', 'executeRequest', 'executeBatch', 'markCommitted', 'isDuplicateRequest'),
    verdict: weakness('request path (retransmission, forwarding, batching, reply cache): most runs deliver each request directly; integrity and liveness with more drops, duplicates and retransmissions of executed requests'),
  },
  {
    when: inMethods('countMatching', 'matchingVotes', 'countPrepares', 'countCommits', 'isPrepared', 'prepareQuorum', 'commitQuorum', 'onPrepare', 'onCommit', 'onPrePrepare', 'sendPrepare', 'checkPrepared', 'checkCommitted', 'slot', 'find', 'constructor'),
    verdict: weakness('normal-case quorum counting: within f these mutants need an equivocation split the 200 runs did not draw (see the zoo misses); agreement with the double dealer and a coalition'),
  },
];
