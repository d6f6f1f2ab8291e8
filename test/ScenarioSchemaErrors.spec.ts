import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { defaultSpace, scenarioArbitrary } from '../src/scenario/arbitrary.js';
import { parseScenario, ScenarioError } from '../src/scenario/schema.js';
import type { Scenario } from '../src/scenario/types.js';
import { ADVERSARIES } from '../adversaries/index.js';
import { ADVERSARY_MAP, baseScenario } from './fixtures/world-kit.js';

type Json = Record<string, unknown>;

/** A valid scenario as untrusted JSON: three requests and one equivocating replica. */
function valid(): Json {
  return JSON.parse(
    JSON.stringify(
      baseScenario({
        requests: [
          { client: 0, atMs: 0, operation: 'put a 1' },
          { client: 0, atMs: 5, operation: 'get a' },
          { client: 0, atMs: 9, operation: 'put b 2' },
        ],
        byzantine: [{ node: 1, adversary: 'equivocator', params: { mask: 1, variant: 1 } }],
      }),
    ),
  ) as Json;
}

const at = (json: Json, key: string): Json => json[key] as Json;
const item = (json: Json, key: string, i: number): Json => (json[key] as Json[])[i] as Json;

/** The ScenarioError message for `json`; fails the test if it parses. */
function errorOf(json: unknown): string {
  try {
    parseScenario(json, ADVERSARY_MAP);
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    return (error as ScenarioError).message;
  }
  throw new Error('expected a ScenarioError, but the scenario parsed');
}

describe('parseScenario names the bad field', () => {
  it('accepts the valid baseline (so each case below fails for its own reason)', () => {
    expect(() => parseScenario(valid(), ADVERSARY_MAP)).not.toThrow();
  });

  it.each<[string, (s: Json) => void, RegExp]>([
    ['wrong type', (s) => void (s['n'] = '4'), /^scenario\.n: .*expected number, received string/m],
    ['wrong nested type', (s) => void (at(s, 'network')['dropPercent'] = true), /^scenario\.network\.dropPercent: /m],
    ['missing field', (s) => void delete s['seed'], /^scenario\.seed: .*received undefined/m],
    ['missing nested field', (s) => void delete at(s, 'limits')['events'], /^scenario\.limits\.events: /m],
    ['negative number', (s) => void (s['gstMs'] = -5), /^scenario\.gstMs: .*>=0/m],
    ['non-integer', (s) => void (item(s, 'requests', 1)['atMs'] = 2.5), /^scenario\.requests\[1\]\.atMs: /m],
    ['tape value > 255', (s) => void (s['tape'] = [0, 1, 256]), /^scenario\.tape\[2\]: .*<=255/m],
    ['wrong version', (s) => void (s['version'] = 2), /^scenario\.version: /m],
    ['seed beyond 32 bits', (s) => void (s['seed'] = 2 ** 32), /^scenario\.seed: /m],
    ['request client ≥ clients', (s) => void (item(s, 'requests', 2)['client'] = 1), /^scenario\.requests\[2\]\.client: 1 is not a client index \(clients: 1\)/m],
    ['byzantine node ≥ n', (s) => void (item(s, 'byzantine', 0)['node'] = 4), /^scenario\.byzantine\[0\]\.node: 4 is not a replica \(n = 4\)/m],
    [
      'duplicate byzantine node',
      (s) => {
        s['n'] = 7;
        (s['byzantine'] as Json[]).push({ node: 1, adversary: 'equivocator', params: { mask: 2, variant: 1 } });
      },
      /^scenario\.byzantine\[1\]\.node: replica 1 is listed twice/m,
    ],
    ['unknown adversary', (s) => void (item(s, 'byzantine', 0)['adversary'] = 'sneaky'), /^scenario\.byzantine\[0\]\.adversary: unknown adversary 'sneaky'; valid: .*\bequivocator\b/m],
    ['bad adversary params', (s) => void (at(item(s, 'byzantine', 0), 'params')['mask'] = -1), /^scenario\.byzantine\[0\]\.params\.mask: /m],
    ['missing adversary params', (s) => void delete at(item(s, 'byzantine', 0), 'params')['variant'], /^scenario\.byzantine\[0\]\.params\.variant: /m],
    [
      'too many faulty without beyondF',
      (s) => void (s['byzantine'] as Json[]).push({ node: 2, adversary: 'equivocator', params: { mask: 1, variant: 1 } }),
      /^scenario\.byzantine: 2 faulty replicas exceed f = 1; set beyondF: true/m,
    ],
    ['delayMsMax below delayMsMin', (s) => void (at(s, 'network')['delayMsMin'] = 5), /^scenario\.network\.delayMsMax: /m],
  ])('%s', (_name, mutate, expected) => {
    const json = valid();
    mutate(json);
    expect(errorOf(json)).toMatch(expected);
  });

  it('an unknown extra field is named by its own path', () => {
    const top = valid();
    top['bogus'] = 1;
    expect(errorOf(top)).toMatch(/^scenario\.bogus: unknown field$/m);

    const nested = valid();
    at(nested, 'network')['jitter'] = 3;
    expect(errorOf(nested)).toMatch(/^scenario\.network\.jitter: unknown field$/m);

    const inArray = valid();
    item(inArray, 'requests', 1)['priority'] = 'high';
    const arrayMessage = errorOf(inArray);
    expect(arrayMessage).toMatch(/^scenario\.requests\[1\]\.priority: unknown field$/m);
  });

  it('something that is not an object at all', () => {
    expect(errorOf(null)).toMatch(/^scenario: /);
    expect(errorOf([1, 2])).toMatch(/^scenario: /);
  });

  it('more than f faulty is accepted once beyondF is set', () => {
    const json = valid();
    (json['byzantine'] as Json[]).push({ node: 2, adversary: 'equivocator', params: { mask: 1, variant: 1 } });
    json['beyondF'] = true;
    expect(parseScenario(json, ADVERSARY_MAP).byzantine).toHaveLength(2);
  });

  it('reports every problem, one line each, not just the first', () => {
    const json = valid();
    item(json, 'requests', 0)['client'] = 3;
    item(json, 'byzantine', 0)['adversary'] = 'sneaky';
    const lines = errorOf(json).split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^scenario\.requests\[0\]\.client: /);
    expect(lines[1]).toMatch(/^scenario\.byzantine\[0\]\.adversary: /);
  });

  it('uses the given root name in paths', () => {
    const json = valid();
    json['n'] = 0;
    expect(() => parseScenario(json, ADVERSARY_MAP, 'counterexample.scenario')).toThrow(/^counterexample\.scenario\.n: /);
  });
});

describe('generated scenarios round-trip through JSON', () => {
  const limits = { timeMs: 5_000, events: 20_000 };
  const spaces = [defaultSpace(ADVERSARIES, limits), { ...defaultSpace(ADVERSARIES, limits), beyondF: true }, defaultSpace([], limits)];

  test.prop([fc.constantFrom(...spaces).chain((space) => scenarioArbitrary(space))], { numRuns: 300 })(
    'parseScenario(JSON.parse(JSON.stringify(s))) deep-equals s',
    (scenario: Scenario) => {
      const parsed = parseScenario(JSON.parse(JSON.stringify(scenario)) as unknown, ADVERSARY_MAP);
      expect(parsed).toEqual(scenario);
    },
  );
});
