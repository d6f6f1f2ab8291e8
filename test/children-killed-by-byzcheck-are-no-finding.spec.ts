import { afterAll, describe, expect, it } from 'vitest';
import { closeAllChildren, liveChildPids } from '../src/adapter/subprocess/index.js';
import { runScenarioChecked } from '../src/check/run-scenario.js';
import { baseScenario, contextFor } from './fixtures/world-kit.js';
import { childTarget } from './fixtures/subprocess/kit.js';

afterAll(closeAllChildren);

// Ctrl-C or SIGTERM kills every child (the registry's kill-all), then the campaign still replays
// its counterexample to write the reports: that replay leased the killed, idle children before
// their exit had been noticed, and reported "child was killed by SIGKILL" as the replica's
// replica-contract finding, in place of the violation the campaign had really found.
describe('children byzcheck itself killed', () => {
  it('are never leased again: the next run spawns fresh ones and is judged on the replica alone', async () => {
    const scenario = baseScenario({ requests: [{ client: 0, atMs: 0, operation: 'x' }] });
    const context = contextFor(childTarget('ok'));
    const first = await runScenarioChecked(scenario, context);
    expect(first.facts.replicaErrors).toEqual([]);
    const killed = liveChildPids();
    expect(killed).toHaveLength(4);
    // As the first SIGTERM does: the registry kills every child at once, and the campaign (which
    // keeps the process alive to write its reports) replays at once, before any exit is noticed.
    const keepAlive = (): void => undefined;
    process.on('SIGTERM', keepAlive);
    try {
      (process.emit as (event: string, signal: string) => boolean)('SIGTERM', 'SIGTERM'); // as node dispatches it
    } finally {
      process.off('SIGTERM', keepAlive);
    }
    const again = await runScenarioChecked(scenario, context);
    expect(again.facts.replicaErrors.map((e) => e.message)).toEqual([]);
    expect(again.facts.accepted).toHaveLength(1);
    expect(liveChildPids().filter((pid) => killed.includes(pid))).toEqual([]);
  });
});
