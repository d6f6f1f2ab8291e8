import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closeAllChildren, subprocessTarget } from '../../src/adapter/subprocess/index.js';
import { runScenarioChecked } from '../../src/check/run-scenario.js';
import type { TraceEvent } from '../../src/sim/trace.js';
import { baseScenario, contextFor } from '../fixtures/world-kit.js';
import { faultyCommand } from '../fixtures/subprocess/faults.js';

afterAll(closeAllChildren);

const ONE_REQUEST = baseScenario({ requests: [{ client: 0, atMs: 0, operation: 'put a 1' }] });

function logs(trace: readonly TraceEvent[] | null): string[] {
  return (trace ?? []).flatMap((e) => (e.kind === 'log' ? [`${e.node}: ${e.message}`] : []));
}

describe('a step that times out once, on a slow moment, is retried on a fresh process before it counts as a hang', () => {
  it('gives the run the same trace as a run that was never slow, random numbers included', async () => {
    const marker = join(mkdtempSync(join(tmpdir(), 'byzcheck-slow-')), 'slow');
    const slow = subprocessTarget({ name: 'slow-once', command: faultyCommand('slow-once'), stepTimeoutMs: 1_000, env: { SLOW_ONCE_MARKER: marker } });
    const first = await runScenarioChecked(ONE_REQUEST, contextFor(slow), true);
    // The first process slept 3 s past the 1 s step timeout: only the retry can have answered.
    expect(existsSync(marker)).toBe(true);
    // The marker now exists: this run is never slow.
    const second = await runScenarioChecked(ONE_REQUEST, contextFor(slow), true);
    slow.close();
    expect(first.facts.replicaErrors).toEqual([]);
    expect(logs(first.trace)).toEqual(logs(second.trace));
    expect(logs(first.trace)[0]).toMatch(/^0: random 0\.\d+$/);
    expect(JSON.stringify(first.trace)).toBe(JSON.stringify(second.trace));
  });
});
