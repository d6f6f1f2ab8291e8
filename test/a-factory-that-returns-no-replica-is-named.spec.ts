import { describe, expect, it } from 'vitest';
import type { ReplicaFactory } from '../src/adapter/contract.js';
import { runScenarioChecked } from '../src/check/run-scenario.js';
import { baseScenario, contextFor, targetOf } from './fixtures/world-kit.js';

// `createReplica: async (ctx) => ({ … })` — or a factory returning nothing — failed only at the
// first event, as "TypeError: replica.onRequest is not a function": a finding that names neither
// the factory nor the fix.

const requests = [{ client: 0, atMs: 0, operation: 'get a' }];

async function constructionFinding(factory: unknown): Promise<string | undefined> {
  const out = await runScenarioChecked(baseScenario({ requests }), contextFor(targetOf(factory as ReplicaFactory<unknown>)), true);
  expect(out.facts.replicaErrors[0]?.event).toBe('construction');
  return out.facts.replicaErrors[0]?.message;
}

describe('a replica factory that returns no replica', () => {
  it('an async factory: the finding says a Promise came back and what to do', async () => {
    expect(await constructionFinding(async () => ({ onMessage: () => undefined, onRequest: () => undefined }))).toMatch(/^ContractError: createReplica returned a Promise, not a replica/);
  });

  it('nothing, or a number: the finding names what came back', async () => {
    expect(await constructionFinding(() => undefined)).toMatch(/^ContractError: createReplica returned undefined, not a replica/);
    expect(await constructionFinding(() => 42)).toMatch(/^ContractError: createReplica returned number, not a replica/);
  });

  it('an object with no handler at all', async () => {
    expect(await constructionFinding(() => ({ handle: () => undefined }))).toMatch(/neither onMessage nor onRequest/);
  });

  it('a replica with one handler only is still a replica', async () => {
    const out = await runScenarioChecked(baseScenario({ requests }), contextFor(targetOf(() => ({ onRequest: () => undefined }) as never)), true);
    expect(out.facts.replicaErrors.filter((e) => e.event === 'construction')).toEqual([]);
  });
});
