import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ADVERSARIES } from '../adversaries/index.js';
import { PROPERTIES } from '../properties/index.js';
import type { ClientRequest, NodeId, Target } from '../src/adapter/contract.js';
import { defineAdversary, type AnyAdversary } from '../src/adversary.js';
import { runScenarioChecked } from '../src/check/run-scenario.js';
import { judge } from '../src/check/verdict.js';
import { interceptOutbox } from '../src/strategy-kit.js';
import type { Scenario } from '../src/scenario/types.js';
import modsmart from '../targets/modsmart/index.js';
import { batchDigest, seal, type AcceptMsg, type ModSmartMessage, type ProposeMsg } from '../targets/modsmart/messages.js';
import decideOnFPlus1 from '../targets/zoo/modsmart-decide-on-f-plus-1/index.js';
import { fourRequestScenario } from './fixtures/four-requests.js';

// A hand-played plan (forged-certificate's first-proposal split now plays it, see
// forged-certificate-first-split.spec.ts) showing that zoo/modsmart-decide-on-f-plus-1
// breaks agreement within f, so it is no equivalent mutant: n = 4, faulty leader 0 of regency 0,
// victim 2, replica 1 leads regency 1. The leader proposes the real batch h to 1 and 2 and a rival
// h' whose digest sorts first to 3; it sends its WRITE and an ACCEPT for h to the victim only. The
// victim (its outgoing messages lost until after the synchronization) has WRITEs from 1, 2 and 0
// and accepts; with its ACCEPT and 0's — f + 1 — the variant decides h. Nobody else has a write
// certificate, so regency 1's collect sees only written values (1: h, 3: h') and re-proposes the
// smaller, h', which 1, 3 and 0 decide at the same instance. The reference needs 2f + 1 ACCEPTs:
// the victim does not decide, and h' is decided alone.
const VICTIM = 2;
const RIVAL_TO = 3;

/** A rival batch from requests seen beside the real batch (one, or the real batch plus one) whose digest sorts below the real one. */
function rivalBatch(seen: readonly ClientRequest[], real: ProposeMsg): ClientRequest[] | undefined {
  const others = seen.filter((r) => !real.batch.some((b) => b.client === r.client && b.requestId === r.requestId));
  return [...others.map((r) => [r]), ...others.map((r) => [...real.batch, r])].find((b) => batchDigest(b) < real.digest);
}

const leaderVotesToVictim: AnyAdversary = defineAdversary<Record<string, never>>({
  name: 'leader-votes-to-victim',
  description: 'test only: the regency-0 leader splits its first proposal and votes for it to the victim alone',
  params: () => fc.constant({}),
  schema: z.object({}).strict(),
  enact(env) {
    const seen: ClientRequest[] = [];
    const sign = (data: string): string => env.ctx.sign(data);
    let real: ProposeMsg | undefined;
    let rivalSent = false;
    // The rival goes out once a request makes one whose digest sorts first (the next client's, usually).
    const sendRival = (): void => {
      const batch = real === undefined || rivalSent ? undefined : rivalBatch(seen, real);
      if (real === undefined || batch === undefined) return;
      rivalSent = true;
      env.ctx.send(RIVAL_TO, seal({ ...real, batch, digest: batchDigest(batch), sig: '' }, sign));
    };
    const replica = interceptOutbox(env, {
      send: (to: NodeId, payload: unknown, post) => {
        const m = payload as ModSmartMessage;
        if (m.type === 'PROPOSE' && m.reg === 0 && m.cid === 1) {
          real = m;
          if (to !== RIVAL_TO) return post(to, m);
          return sendRival();
        }
        if (m.type === 'WRITE' && m.reg === 0 && m.cid === 1 && real !== undefined) {
          if (to !== VICTIM) return;
          post(to, m);
          const accept: AcceptMsg = seal({ type: 'ACCEPT', reg: 0, cid: 1, digest: real.digest, sender: env.ctx.config.id, sig: '' }, sign);
          return post(to, accept);
        }
        if (m.type === 'ACCEPT' && m.reg === 0) return;
        post(to, payload);
      },
    });
    return {
      ...replica,
      onRequest: (request: ClientRequest) => {
        if (!seen.some((r) => r.client === request.client && r.requestId === request.requestId)) seen.push(request);
        const result = replica.onRequest(request);
        sendRival();
        return result;
      },
    };
  },
});

const ADVERSARY_MAP = new Map([...ADVERSARIES, leaderVotesToVictim].map((a) => [a.name, a]));

function planScenario(): Scenario {
  // Client 1's first request, 10 ms after client 0's, makes a rival that sorts first (digest 64fb… < cb23…).
  return fourRequestScenario([{ node: 0, adversary: 'leader-votes-to-victim', params: {} }], {
    requests: [{ client: 0, atMs: 0, operation: 'put c 3' }, { client: 1, atMs: 10, operation: 'put b 2' }, { client: 0, atMs: 20, operation: 'get a' }],
    network: { delayMsMin: 1, delayMsMax: 5, preGstDelayMsMax: 5, dropPercent: 0, partitions: [{ startMs: 0, endMs: 3_000, side: [VICTIM], direction: 'out' }] },
    gstMs: 3_000,
  });
}

async function verdictOf(target: Target<unknown>, s: Scenario): Promise<{ violations: string[]; accepted: number }> {
  const out = await runScenarioChecked(s, { target, adversaries: ADVERSARY_MAP, properties: PROPERTIES }, false);
  return { violations: judge(s, out.facts, PROPERTIES).violations.map((v) => v.property), accepted: out.facts.accepted.length };
}

describe('zoo/modsmart-decide-on-f-plus-1 is reachable within f', () => {
  it('a leader that votes to the victim alone, with a rival written elsewhere, breaks agreement in the variant', async () => {
    expect((await verdictOf(decideOnFPlus1 as Target<unknown>, planScenario())).violations).toEqual(['agreement']);
  });

  it('the reference Mod-SMaRt survives the same plan: every property holds, every request is accepted', async () => {
    const s = planScenario();
    const { violations, accepted } = await verdictOf(modsmart as Target<unknown>, s);
    expect(violations).toEqual([]);
    expect(accepted).toBe(s.requests.length);
  });
});
