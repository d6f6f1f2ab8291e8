/**
 * lying-proofs' checkpoint of one voice: in a VIEW-CHANGE it signs (alone or inside its NEW-VIEW),
 * the checkpoint proof becomes its own CHECKPOINT for a checkpoint nobody reached, repeated to the
 * proof's length (src/one-voice-proof.ts). Pinned against a hand-made copy of the reference whose
 * VIEW-CHANGE check counts a checkpoint proof's messages, not its distinct senders.
 */
import { describe, expect, it } from 'vitest';
import type { Target } from '../src/adapter/contract.js';
import { runScenarioChecked } from '../src/check/run-scenario.js';
import { judge } from '../src/check/verdict.js';
import { ALL_ADVERSARIES, selectProperties } from '../src/cli/selection.js';
import { loadTarget } from '../src/cli/targets.js';
import type { Scenario } from '../src/scenario/types.js';
import { checkpointProofs, oneVoiceProof, structureCodec } from '../src/strategy-kit.js';
import { PbftReplica, pbftCodec, type PbftMessage } from '../targets/pbft/index.js';
import { seal, type CheckpointMsg, type ViewChangeMsg } from '../targets/pbft/messages.js';
import scenarioJson from './fixtures/one-voice-checkpoint.json' with { type: 'json' };

/** The reference with one change: a VIEW-CHANGE's checkpoint proof certifies with 2f+1 valid CHECKPOINTs, distinct senders or not. */
class ProofCountsMessages extends PbftReplica {
  protected override isValidViewChange(vc: ViewChangeMsg): boolean {
    if (vc.seq > 0) {
      const counts = new Map<string, number>();
      let certified = false;
      for (const m of vc.checkpointProof) {
        if (m.seq !== vc.seq || !this.verifyMessage(m)) continue;
        const c = (counts.get(m.digest) ?? 0) + 1;
        counts.set(m.digest, c);
        if (c >= this.checkpointStableQuorum()) certified = true;
      }
      if (!certified) return false;
    }
    const seqs = new Set<number>();
    for (const cert of vc.prepared) {
      if (seqs.has(cert.prePrepare.seq) || !this.isValidPreparedCert(cert, vc)) return false;
      seqs.add(cert.prePrepare.seq);
    }
    return true;
  }
}

// A generated small-window run (L = K = 2, n = 7): two lying-proofs replicas, plans [5, 5] and [1].
const SCENARIO = scenarioJson as unknown as Scenario;

async function violations(target: Target<unknown>, s: Scenario): Promise<string[]> {
  const properties = selectProperties(undefined);
  const { facts } = await runScenarioChecked(s, { target, adversaries: ALL_ADVERSARIES, properties });
  return judge(s, facts, properties).violations.map((v) => v.property);
}

describe('lying-proofs: a checkpoint certified by its own voice alone', () => {
  it('breaks liveness in a copy of the reference that counts a proof\'s messages, not its senders', async () => {
    const base = (await loadTarget('pbft-small-window')) as Target<unknown>;
    const mutant = { ...base, createReplica: (ctx: never, options: never) => new ProofCountsMessages(ctx, options) } as unknown as Target<unknown>;
    expect(await violations(mutant, SCENARIO)).toContain('liveness');
  });

  it('the reference survives the same run', async () => {
    expect(await violations((await loadTarget('pbft-small-window')) as Target<unknown>, SCENARIO)).toEqual([]);
  });

  it('builds the proof from its own CHECKPOINT, past every seq the message mentions, and drops the slots below it', () => {
    const sign = (node: number) => (data: string): string => `sig(${node}:${data})`;
    const ck = (from: number): CheckpointMsg => seal<CheckpointMsg>({ type: 'CHECKPOINT', seq: 4, digest: 'real', sender: from, sig: '' }, sign(from));
    const vc = seal<ViewChangeMsg>({ type: 'VIEW-CHANGE', view: 1, seq: 4, checkpointProof: [ck(0), ck(1), ck(2)], prepared: [], sender: 1, sig: '' }, sign(1));
    const structure = structureCodec(pbftCodec, undefined);
    const [proof] = checkpointProofs(structure, vc);
    const ownLike = (_t: unknown, f: object): unknown => pbftCodec.resign?.(pbftCodec.build?.('CHECKPOINT', { seq: 0, digest: '', sender: 1, ...f }) as PbftMessage, sign(1));
    const lied = oneVoiceProof({ structure, self: 1, ownLike }, vc, proof as NonNullable<typeof proof>, 3, 'fabricated') as ViewChangeMsg;
    expect(lied.seq).toBe(7);
    expect(lied.checkpointProof.map((m) => [m.sender, m.seq, m.digest])).toEqual([[1, 7, 'fabricated'], [1, 7, 'fabricated'], [1, 7, 'fabricated']]);
  });
});
