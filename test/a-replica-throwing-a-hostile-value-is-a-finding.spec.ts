import { describe, expect, it } from 'vitest';
import type { HandlerResult, ReplicaContext } from '../src/adapter/contract.js';
import { runScenarioChecked } from '../src/check/run-scenario.js';
import { baseScenario, contextFor, targetOf } from './fixtures/world-kit.js';

// A replica threw a Proxy whose traps throw (even `instanceof` asks one), or an Error whose
// `message` getter throws: reading it to report the finding threw again, inside byzcheck, and the
// CLI ended with exit 3 ("internal error (please report it)") instead of a replayable finding.

/** A value every question about throws. */
const hostile = new Proxy({}, {
  get() { throw new Error('get trap'); },
  ownKeys() { throw new Error('ownKeys trap'); },
  getPrototypeOf() { throw new Error('getPrototypeOf trap'); },
});

class Unreadable extends Error {
  override get message(): string {
    throw hostile;
  }
}

const requests = [{ client: 0, atMs: 0, operation: 'get a' }];

/** The finding's message; un-awaited work of a synchronous replica is reported once the run returned, so once per retransmission. */
async function findingOf(onRequest: (ctx: ReplicaContext<unknown>) => HandlerResult<unknown>): Promise<string> {
  const target = targetOf((ctx) => ({ onMessage: () => undefined, onRequest: () => (ctx.config.id === 0 ? onRequest(ctx) : undefined) }));
  const out = await runScenarioChecked(baseScenario({ requests }), contextFor(target), true);
  expect(out.facts.replicaErrors.length).toBeGreaterThan(0);
  expect(out.facts.replicaErrors.every((e) => e.replica === 0)).toBe(true);
  return out.facts.replicaErrors[0]?.message ?? '';
}

describe('a replica that throws what cannot be read', () => {
  it('a Proxy whose traps throw, thrown', async () => {
    expect(await findingOf(() => { throw hostile; })).toMatch(/^threw <unserialisable payload: /);
  });

  it('a Proxy whose traps throw, as a rejection and as an un-awaited rejection', async () => {
    expect(await findingOf(() => Promise.reject(hostile))).toMatch(/^threw /);
    expect(await findingOf(() => void Promise.reject(hostile))).toMatch(/^threw /);
  });

  it('an Error whose message getter throws', async () => {
    expect(await findingOf(() => { throw new Unreadable(); })).toBe('Error: <its message cannot be read>');
  });

  it('a payload whose getter throws a hostile value', async () => {
    const target = targetOf((ctx) => ({
      onMessage: () => undefined,
      onRequest: () => (ctx.config.id === 0 ? ctx.broadcast({ get boom(): never { throw hostile; } }) : undefined),
    }));
    const out = await runScenarioChecked(baseScenario({ requests }), contextFor(target), true);
    const sent = (out.trace ?? []).find((e) => e.kind === 'send' && e.from === 0);
    expect(JSON.stringify(sent)).toMatch(/unserialisable payload/);
  });
});
