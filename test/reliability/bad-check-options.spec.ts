import { describe, expect, it } from 'vitest';
import { check, OptionsError, type CheckOptions } from '../../src/index.js';
import { defaultSpace } from '../../src/scenario/arbitrary.js';
import { assertReplica } from '../../src/vitest.js';
import { equivocator } from '../../adversaries/equivocator.js';
import { agreement } from '../../properties/agreement.js';
import naive from '../../targets/naive-broadcast/index.js';
import { ADVERSARY_MAP } from '../fixtures/world-kit.js';

const GOOD: CheckOptions = { target: naive, adversaries: ADVERSARY_MAP, space: defaultSpace([equivocator], { timeMs: 2_000, events: 5_000 }), properties: [agreement], runs: 5, seed: 1 };

async function optionsError(run: Promise<unknown>): Promise<OptionsError> {
  const error = await run.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(OptionsError);
  return error as OptionsError;
}

describe('check() and assertReplica() validate their options and name the bad field', () => {
  it('an array where the adversaries Map belongs is an OptionsError, before any run', async () => {
    const error = await optionsError(check({ ...GOOD, adversaries: [...ADVERSARY_MAP.values()] as never }));
    expect(error.message).toBe('check(): options.adversaries must be a Map of name → Adversary, got an array');
  });

  it.each([
    [{ runs: 0 }, 'check(): options.runs must be a positive integer, got the number 0'],
    [{ seed: '1' }, 'check(): options.seed must be an integer, got the string "1"'],
    [{ properties: [{ name: 'agreement' }] }, 'check(): options.properties[0]'],
    [{ runz: 5 }, 'check(): options.runz is not an option; valid options: target,'],
  ])('check(%j) fails naming the field', async (bad, message) => {
    const error = await optionsError(check({ ...GOOD, ...bad } as never));
    expect(error.message).toContain(message);
  });

  it.each([
    [{ runs: '10' }, 'assertReplica(): options.runs must be a positive integer, got the string "10"'],
    [{ beyondF: 'yes' }, 'assertReplica(): options.beyondF must be a boolean, got the string "yes"'],
    [{ adversaries: 'equivocator' }, 'assertReplica(): options.adversaries is not an option'],
  ])('assertReplica(target, %j) fails naming the field', async (bad, message) => {
    const error = await optionsError(assertReplica('naive-broadcast', bad as never));
    expect(error.message).toContain(message);
  });

  it('assertReplica() with a target that is not a string fails naming it', async () => {
    const error = await optionsError(assertReplica(naive as never));
    expect(error.message).toBe('assertReplica(): options.target must be a built-in target name or the path of a module exporting a replica factory (a non-empty string), got an object');
  });
});
