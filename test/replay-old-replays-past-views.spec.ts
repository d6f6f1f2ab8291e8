import { describe, expect, it } from 'vitest';
import { ADVERSARIES } from '../adversaries/index.js';
import { PROPERTIES } from '../properties/index.js';
import type { Target } from '../src/adapter/contract.js';
import { runScenarioChecked } from '../src/check/run-scenario.js';
import { judge } from '../src/check/verdict.js';
import type { Scenario } from '../src/scenario/types.js';
import { withoutCodec } from '../src/adapter/codec-option.js';
import pbft from '../targets/pbft/index.js';
import { fourRequestScenario } from './fixtures/four-requests.js';

const ADVERSARY_MAP = new Map(ADVERSARIES.map((a) => [a.name, a]));

/** Two requests committed in view 0, then primary 0 cut off until 1.5 s, so view 1 starts; replica 1 replays at every message it sends. */
function viewChangeScenario(): Scenario {
  return fourRequestScenario([{ node: 1, adversary: 'replay-old', params: { everyK: 1, lag: 1 } }], {
    requests: [
      { client: 0, atMs: 0, operation: 'put a 1' },
      { client: 1, atMs: 5, operation: 'put b 2' },
      { client: 1, atMs: 60, operation: 'put c 3' },
      { client: 0, atMs: 3_000, operation: 'get a' },
      { client: 1, atMs: 3_200, operation: 'get b' },
    ],
    network: { delayMsMin: 1, delayMsMax: 5, preGstDelayMsMax: 5, dropPercent: 0, partitions: [{ startMs: 40, endMs: 1_500, side: [0], direction: 'both' }] },
    gstMs: 2_000,
  });
}

interface Sent { readonly view: number; readonly sender: number; readonly type: string }

/** Messages replica 1 delivered to other replicas after the first NEW-VIEW arrived anywhere, parsed. */
async function replayedAfterViewChange(target: Target<unknown>) {
  const s = viewChangeScenario();
  const out = await runScenarioChecked(s, { target, adversaries: ADVERSARY_MAP, properties: PROPERTIES }, true);
  const trace = out.trace ?? [];
  const firstNewView = trace.findIndex((e) => e.kind === 'deliver' && e.from < s.n && e.to < s.n && (JSON.parse(e.payload) as Sent).type === 'NEW-VIEW');
  const after = trace.slice(firstNewView).flatMap((e) => (e.kind === 'deliver' && e.from === 1 && e.to < s.n ? [JSON.parse(e.payload) as Sent] : []));
  return { firstNewView, after, violations: judge(s, out.facts, PROPERTIES).violations.map((v) => v.property) };
}

describe('replay-old: after a view change, it replays messages of the view now past', () => {
  it.each([
    { label: 'with the codec', target: pbft as Target<unknown> },
    { label: 'codec withheld (views read from key names)', target: withoutCodec(pbft as Target<unknown>) },
  ])('$label: others’ view-0 messages reach replicas in view 1, and the reference PBFT ignores them', async ({ target }) => {
    const { firstNewView, after, violations } = await replayedAfterViewChange(target);
    expect(firstNewView).toBeGreaterThan(0);
    // Old proposals and votes, not the status chatter a view change is full of (the replay before this
    // plan gave only those).
    const pastViewOfOthers = after.filter((m) => m.view === 0 && m.sender !== 1 && ['PRE-PREPARE', 'PREPARE', 'COMMIT'].includes(m.type));
    expect(pastViewOfOthers.length).toBeGreaterThan(0);
    expect(after.some((m) => m.view >= 1)).toBe(true);
    expect(violations).toEqual([]);
  });
});
