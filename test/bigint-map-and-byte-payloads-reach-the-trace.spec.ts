import { describe, expect, it } from 'vitest';
import type { Replica, ReplicaContext } from '../src/adapter/contract.js';
import { check } from '../src/check/driver.js';
import { runScenario } from '../src/check/run-scenario.js';
import { traceHash } from '../src/check/trace-hash.js';
import { defaultSpace } from '../src/scenario/arbitrary.js';
import { payloadText } from '../src/sim/trace.js';
import { ADVERSARIES } from '../adversaries/index.js';
import { agreement } from '../properties/agreement.js';
import { replicaContract } from '../properties/replica-contract.js';
import { ADVERSARY_MAP, baseScenario, contextFor, targetOf } from './fixtures/world-kit.js';

// A stranger's TypeScript replica sent class instances with bigint rounds, Maps of Uint8Array
// signatures and Sets: the trace kept `<unserialisable payload: …>` for every bigint message and
// `{}` for every Map or Set, so a replica that put Math.random into such a field passed a campaign
// (exit 0) and its reports showed none of its protocol messages.

/** A replica whose every run sends a value the last run did not: what Math.random or Date.now does. */
function leaking(shape: (k: number) => unknown) {
  let outside = 0;
  return targetOf((ctx: ReplicaContext<unknown>): Replica<unknown> => ({
    init: () => {
      if (ctx.config.id === 0) ctx.broadcast(shape(outside++));
    },
    onMessage: () => {},
    onRequest: () => {},
  }));
}

async function twoHashes(shape: (k: number) => unknown): Promise<[string, string]> {
  const target = leaking(shape);
  const once = await runScenario(baseScenario(), contextFor(target), true);
  const twice = await runScenario(baseScenario(), contextFor(target), true);
  return [traceHash(once.trace ?? []), traceHash(twice.trace ?? [])];
}

class Vote {
  readonly kind = 'VOTE';
  constructor(readonly round: bigint, readonly sig: Uint8Array) {}
}

describe('payloads JSON cannot say still reach the trace', () => {
  it.each([
    ['a bigint field', (k: number) => ({ type: 'HELLO', nonce: BigInt(k) })],
    ['a Map', (k: number) => ({ type: 'HELLO', sigs: new Map([[1, k]]) })],
    ['a Set', (k: number) => ({ type: 'HELLO', voters: new Set([k]) })],
    ['a Uint8Array', (k: number) => ({ type: 'HELLO', sig: new Uint8Array([k]) })],
    ['a class instance with bigint and bytes', (k: number) => new Vote(BigInt(k), new Uint8Array([k, 1]))],
  ])('a replica leaking run-to-run state through %s gets different trace hashes', async (_, shape) => {
    const [once, twice] = await twoHashes(shape);
    expect(twice).not.toBe(once);
  });

  it('writes bigints, Maps, Sets and bytes readably, and plain JSON as JSON', () => {
    expect(payloadText(new Vote(5n, new Uint8Array([1, 255])))).toBe('{"round":"5n","sig":{"$bytes":"01ff"},"kind":"VOTE"}');
    expect(payloadText({ m: new Map([['a', new Set([1, 2])]]) })).toBe('{"m":{"$map":[["a",{"$set":[1,2]}]]}}');
    expect(payloadText({ empty: {}, list: [1, 'x'] })).toBe('{"empty":{},"list":[1,"x"]}');
    expect(payloadText(3n)).toBe('"3n"');
  });

  it('a campaign reports a replica that puts Math.random into a bigint field as nondeterministic', async () => {
    const target = targetOf((ctx: ReplicaContext<unknown>): Replica<unknown> => ({
      onMessage: () => {},
      onRequest: () => {
        if (ctx.config.id === 0) ctx.broadcast({ type: 'HELLO', nonce: BigInt(Math.floor(Math.random() * 1e9)) });
      },
    }));
    const result = await check({
      target,
      adversaries: ADVERSARY_MAP,
      space: defaultSpace(ADVERSARIES, { timeMs: 5_000, events: 20_000 }),
      properties: [agreement, replicaContract],
      runs: 30,
      seed: 1,
    });
    expect(result.counterexample?.verdict.violations.map((v) => v.property)).toContain('determinism');
  }, 120_000);
});
