import { describe, expect, it } from 'vitest';
import type { ReplicaContext, Target } from '../src/adapter/contract.js';
import { withoutCodec } from '../src/adapter/codec-option.js';
import type { Scenario } from '../src/scenario/types.js';
import pbft, { PbftReplica, type PbftMessage, type PbftOptions } from '../targets/pbft/index.js';
import type { PrepareMsg } from '../targets/pbft/messages.js';
import { verdictOf } from './fixtures/forged-plan.js';
import { fourRequestScenario } from './fixtures/four-requests.js';

/** Mutant 374 of the mutation report: onPrepare's `p.view !== this.view` → false, so an old view's PREPARE opens (replaces) the slot. */
class OldPrepareCounted extends PbftReplica {
  protected override onPrepare(p: PrepareMsg): void {
    if (!this.inWatermarks(p.seq) || p.sender === this.primaryOf(p.view)) return;
    const slot = this.log.slot(p.view, p.seq);
    this.addVote(slot.prepares, p);
    this.checkPrepared(slot);
  }
}

function target(codecOff: boolean): { reference: Target<unknown>; mutant: Target<unknown> } {
  const reference = codecOff ? withoutCodec(pbft as Target<unknown>) : (pbft as Target<unknown>);
  const create = (ctx: ReplicaContext<PbftMessage>, options?: Partial<PbftOptions>) => new OldPrepareCounted(ctx, options);
  return { reference, mutant: { ...reference, createReplica: create } as Target<unknown> };
}

// Replica 0, the first view's leader, is replay-old with lag 1: one proposal, the next to replica 1
// alone (a slot left open), the rest withheld, so view 1 starts; whenever a later view's proposal
// or NEW-VIEW reaches it (or it sends one itself), the earlier views' messages of those slots follow.
function scenario(): Scenario {
  return fourRequestScenario([{ node: 0, adversary: 'replay-old', params: { everyK: 8, lag: 1 } }], {
    requests: [
      { client: 0, atMs: 0, operation: 'put a 1' },
      { client: 1, atMs: 20, operation: 'put b 2' },
      { client: 0, atMs: 40, operation: 'put c 3' },
      { client: 1, atMs: 60, operation: 'put d 4' },
    ],
  });
}

describe('replay-old: as a leader it leaves a slot open, and replays the past views into the next views\' open slots', () => {
  it.each([false, true])('codec withheld: %s — the reference PBFT survives, a PBFT that counts old-view PREPAREs stalls', async (codecOff) => {
    const { reference, mutant } = target(codecOff);
    const s = scenario();
    const ok = await verdictOf(reference, s);
    expect(ok.violations).toEqual([]);
    expect(ok.accepted).toBe(s.requests.length);
    expect((await verdictOf(mutant, s)).violations).toContain('liveness');
  });
});
