import { describe, expect, it } from 'vitest';
import { ADVERSARY_MAP, baseScenario } from './fixtures/world-kit.js';
import { integrity } from '../properties/integrity.js';
import { validity } from '../properties/validity.js';
import { shrunkCounterexample } from '../src/check/failure.js';
import { spaceFor } from '../src/check/space.js';
import type { Target } from '../src/adapter/contract.js';
import type { Verdict } from '../src/check/verdict.js';

// Every replica executes an operation no client sent: each rerun violates validity.
const inventing: Target<never> = {
  name: 'inventing',
  description: 'executes an operation nobody submitted',
  createReplica: (ctx) => ({
    onMessage: () => undefined,
    onRequest: (r) => ctx.execute(1, `${r.operation}~`, 'ok', { client: r.client, requestId: r.requestId }),
  }),
};

// The campaign saw another violation than its reruns (a replica whose behaviour depends on load,
// or on what its reused process did before): the counterexample showed the replay's verdict while
// saying "the violation above is the one the campaign saw", and the campaign's own was lost.
describe('a failure whose reruns give another verdict', () => {
  it('keeps the verdict the campaign saw, and records the replay\'s apart', async () => {
    const scenario = baseScenario({ requests: [{ client: 0, atMs: 0, operation: 'put a 1' }] });
    const seen: Verdict = { ok: false, regime: 'within-f', violations: [{ property: 'integrity', message: 'the violation the campaign saw', nodes: [0], seqs: [1], values: [], steps: [] }] };
    const properties = [integrity, validity];
    const options = { target: inventing, adversaries: ADVERSARY_MAP, properties, space: spaceFor(inventing, [], false, [4]), runs: 1, seed: 1 };
    const cx = await shrunkCounterexample({ scenario, verdict: seen }, options, { seed: 1, path: null, failedAtRun: 1 }, 0, false, false);
    expect(cx.verdict).toEqual(seen);
    expect(cx.notReproduced?.replayVerdict.violations.map((v) => v.property)).toEqual(['validity']);
  });
});
