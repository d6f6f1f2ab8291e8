import { afterAll, describe, expect, it } from 'vitest';
import { closeAllChildren, subprocessTarget } from '../../src/adapter/subprocess/index.js';
import { runScenarioChecked } from '../../src/check/run-scenario.js';
import { baseScenario, contextFor } from '../fixtures/world-kit.js';
import { faultyCommand } from '../fixtures/subprocess/faults.js';

afterAll(closeAllChildren);

/** What the child logged at init in a fresh process: its PYTHONHASHSEED and its set order. */
async function initLog(env?: Record<string, string>): Promise<string> {
  const target = subprocessTarget({ name: 'hashseed', command: faultyCommand('hashseed'), ...(env === undefined ? {} : { env }) });
  try {
    const { trace } = await runScenarioChecked(baseScenario(), contextFor(target), true);
    const log = (trace ?? []).find((e) => e.kind === 'log' && e.node === 0);
    return log?.kind === 'log' ? log.message : 'no log';
  } finally {
    target.close();
  }
}

describe('Python children get a fixed PYTHONHASHSEED', () => {
  it('is 0 in every child, so set order of strings is the same in every process', async () => {
    const first = await initLog();
    const second = await initLog();
    expect(first).toMatch(/^PYTHONHASHSEED=0 order=/);
    expect(second).toBe(first);
  });

  it("the target's own env may set another", async () => {
    expect(await initLog({ PYTHONHASHSEED: '123' })).toMatch(/^PYTHONHASHSEED=123 order=/);
  });
});
