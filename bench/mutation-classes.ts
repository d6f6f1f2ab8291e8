/** How a surviving mutant is judged. */
export interface MutantClass {
  /** `equivalent`: no behaviour a harness can observe changes; `weakness`: byzcheck should kill it. */
  readonly kind: 'equivalent' | 'weakness' | 'unclassified';
  /** One line: why, and for a weakness the adversary or property that should catch it. */
  readonly why: string;
}

/** What the classifier reads of a survivor. */
export interface MutantInfo {
  readonly file: string;
  readonly method: string;
  readonly mutator: string;
  readonly original: string;
  readonly replacement: string;
}

/** Classifies a surviving mutant by the rules below (first match wins). */
export function classify(m: MutantInfo): MutantClass {
  for (const rule of RULES) if (rule.when(m)) return rule.verdict;
  return { kind: 'unclassified', why: 'not yet reviewed' };
}

const inMethods = (...names: string[]) => (m: MutantInfo): boolean => names.includes(m.method);
const weakness = (why: string): MutantClass => ({ kind: 'weakness', why });

// Rules by what a mutant changes and the method it sits in. They were written from the survivor
// list of one run, read method by method — not from a review of each mutant one by one.
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
