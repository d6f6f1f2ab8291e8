/**
 * request-forger's request under its own replica id: a forwarded client request is followed by a
 * copy carrying a request the forger signed itself, as client `its id`. A replica is no client, so
 * the reference refuses it; pinned against a hand-made copy that checks only the signature and
 * the upper bound of client ids.
 */
import { describe, expect, it } from 'vitest';
import type { ClientRequest, Target } from '../src/adapter/contract.js';
import type { Scenario } from '../src/scenario/types.js';
import pbft, { PbftReplica } from '../targets/pbft/index.js';
import { zooTarget } from '../targets/zoo/kit.js';
import { verdictOf, expectSurvives } from './fixtures/forged-plan.js';
import { fourRequestScenario } from './fixtures/four-requests.js';

/** The reference with one change: `r.client >= n` left out of the request check. */
class ReplicaIdsAreClients extends PbftReplica {
  protected override isWellFormedRequest(r: unknown): r is ClientRequest {
    const q = r as Partial<ClientRequest> | null;
    return typeof q === 'object' && q !== null && typeof q.client === 'number' && typeof q.requestId === 'number' && typeof q.operation === 'string'
      && q.client < this.n + this.ctx.config.clients.length && q.requestId > 0 && this.verifyClientRequest(q as ClientRequest);
  }
}

const mutant = zooTarget('replica-ids-are-clients', { description: 'takes a request from a replica id as a client\'s', expected: 'validity' }, (ctx) => new ReplicaIdsAreClients(ctx)) as Target<unknown>;

/** Backup 3 forges from the start. */
const SCENARIO: Scenario = fourRequestScenario([{ node: 3, adversary: 'request-forger', params: { atMs: 0, client: 0, count: 1 } }]);

describe('request-forger: a request under its own replica id, signed by itself', () => {
  it('breaks validity in a copy of the reference that takes replica ids for clients', async () => {
    expect((await verdictOf(mutant, SCENARIO)).violations).toContain('validity');
  });

  it('the reference PBFT survives it: every property holds, every request is accepted', async () => {
    await expectSurvives(pbft as Target<unknown>, SCENARIO);
  });
});
