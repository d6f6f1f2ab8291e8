/**
 * forged-certificate's checkpoint lie: as the last replica of n = 4, on a draw that forges its own
 * messages (outbound, an even pick), its VIEW-CHANGE claims a stable checkpoint past everything
 * executed, backed by a proof that breaks one rule, and asks for the next view with the same lie at
 * once, so the next view's set of view changes holds it. Pinned against hand-made copies of the
 * reference's checkpoint-proof check that each drop one rule (the mutation report's forged-checkpoint
 * survivors in certifiedDigest, and the VIEW-CHANGE checkpoint check skipped).
 */
import { describe, expect, it } from 'vitest';
import type { NodeId, ReplicaContext, Target } from '../src/adapter/contract.js';
import { checkpointLie, nextViewAsk } from '../adversaries/forged-certificate/checkpoint-lie.js';
import { structureCodec } from '../src/adapter/discovery.js';
import pbft, { PbftReplica, pbftCodec, type PbftMessage, type PbftOptions } from '../targets/pbft/index.js';
import { seal, type CheckpointMsg, type ViewChangeMsg } from '../targets/pbft/messages.js';
import { checkpointLieParams, checkpointLieScenario } from './fixtures/checkpoint-lie-plan.js';
import { verdictOf } from './fixtures/forged-plan.js';

type Counts = (m: CheckpointMsg, seq: number, seen: ReadonlySet<NodeId>, valid: () => boolean) => boolean;

/** The reference with a VIEW-CHANGE's checkpoint proof certified by a copy of certifiedDigest in which `counts` decides which CHECKPOINTs count, and `quorum` how many. */
function proofCheck(counts: Counts, quorum?: number) {
  return class extends PbftReplica {
    protected override isValidViewChange(vc: ViewChangeMsg): boolean {
      if (vc.seq > 0 && !this.certifies(vc)) return false;
      const seqs = new Set<number>();
      for (const cert of vc.prepared) {
        if (seqs.has(cert.prePrepare.seq) || !this.isValidPreparedCert(cert, vc)) return false;
        seqs.add(cert.prePrepare.seq);
      }
      return true;
    }

    private certifies(vc: ViewChangeMsg): boolean {
      const seen = new Set<NodeId>();
      const tally = new Map<string, number>();
      for (const m of vc.checkpointProof) {
        if (!counts(m, vc.seq, seen, () => this.verifyMessage(m))) continue;
        seen.add(m.sender);
        const c = (tally.get(m.digest) ?? 0) + 1;
        if (c >= (quorum ?? this.checkpointStableQuorum())) return true;
        tally.set(m.digest, c);
      }
      return false;
    }
  };
}

/** Mutant 4-like: one sender's CHECKPOINT counts as often as it is repeated. */
const SendersUncounted = proofCheck((m, seq, _seen, valid) => m.seq === seq && valid());
/** Mutant 6-like: a CHECKPOINT of another seq counts. */
const SeqUnchecked = proofCheck((m, _seq, seen, valid) => !seen.has(m.sender) && valid());
/** A CHECKPOINT counts unverified. */
const SignatureUnchecked = proofCheck((m, seq, seen) => m.seq === seq && !seen.has(m.sender));
/** Mutant 149 at f = 1 (quorum 2f − 1): one CHECKPOINT certifies. */
const QuorumOfOne = proofCheck((m, seq, seen, valid) => m.seq === seq && !seen.has(m.sender) && valid(), 1);

function target(create: new (ctx: ReplicaContext<PbftMessage>, options?: Partial<PbftOptions>) => PbftReplica): Target<unknown> {
  return { ...pbft, createReplica: (ctx, options) => new create(ctx, options) } as Target<unknown>;
}

describe('forged-certificate: a VIEW-CHANGE lying about its stable checkpoint, one rule at a time', () => {
  it.each([
    ['repeat', 'its own CHECKPOINT repeated', SendersUncounted],
    ['stale', 'the genuine CHECKPOINTs of its real checkpoint (another seq)', SeqUnchecked],
    ['claim', 'its own CHECKPOINT copied under the genuine signers\' names', SignatureUnchecked],
    ['short', 'its own CHECKPOINT alone', QuorumOfOne],
  ] as const)('%s backs it with %s: the reference survives, the copy without that rule loses liveness', async (rule, _what, mutant) => {
    for (const codecOff of [false, true]) {
      const s = checkpointLieScenario(checkpointLieParams(rule), { codecOff });
      const reference = await verdictOf(pbft as Target<unknown>, s);
      expect(reference.violations).toEqual([]);
      expect(reference.accepted).toBe(s.requests.length);
      expect((await verdictOf(target(mutant), s)).violations).toContain('liveness');
    }
  });

  it('each lie breaks only its own rule: the other copies survive it', async () => {
    expect((await verdictOf(target(SeqUnchecked), checkpointLieScenario(checkpointLieParams('repeat')))).violations).toEqual([]);
    expect((await verdictOf(target(SendersUncounted), checkpointLieScenario(checkpointLieParams('stale')))).violations).toEqual([]);
    expect((await verdictOf(target(QuorumOfOne), checkpointLieScenario(checkpointLieParams('stale')))).violations).toEqual([]);
    expect((await verdictOf(target(SignatureUnchecked), checkpointLieScenario(checkpointLieParams('short')))).violations).toEqual([]);
  });

  it('claims a checkpoint past every seq the VIEW-CHANGE mentions, and asks for the next view with it', () => {
    const sign = (node: number) => (data: string): string => `sig(${node}:${data})`;
    const ck = (from: number): CheckpointMsg => seal<CheckpointMsg>({ type: 'CHECKPOINT', seq: 5, digest: 'real', sender: from, sig: '' }, sign(from));
    const vc = seal<ViewChangeMsg>({ type: 'VIEW-CHANGE', view: 1, seq: 5, checkpointProof: [ck(0), ck(1), ck(3)], prepared: [], sender: 3, sig: '' }, sign(3));
    const structure = structureCodec(pbftCodec, undefined);
    const liar = {
      structure, self: 3, n: 4, renew: (_o: unknown, c: unknown) => c,
      ownLike: (_t: unknown, f: object): unknown => pbftCodec.resign?.(pbftCodec.build?.('CHECKPOINT', { seq: 0, digest: '', sender: 3, ...f }) as PbftMessage, sign(3)),
    };
    const proof = (rule: 'short' | 'repeat' | 'claim' | 'stale') => {
      const lied = checkpointLie(liar, vc, rule) as ViewChangeMsg;
      expect(lied.seq).toBe(15);
      return lied.checkpointProof.map((m) => [m.sender, m.seq, m.digest]);
    };
    expect(proof('stale')).toEqual([[0, 5, 'real'], [1, 5, 'real'], [3, 5, 'real']]);
    expect(proof('repeat')).toEqual([[3, 15, 'real'], [3, 15, 'real'], [3, 15, 'real']]);
    expect(proof('claim')).toEqual([[3, 15, 'real'], [0, 15, 'real'], [1, 15, 'real']]);
    expect(proof('short')).toEqual([[3, 15, 'real']]);
    expect((nextViewAsk(structure, vc) as ViewChangeMsg).view).toBe(2);
  });
});
