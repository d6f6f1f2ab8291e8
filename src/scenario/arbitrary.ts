import fc from 'fast-check';
import { faultsTolerated } from '../adapter/contract.js';
import type { AnyAdversary } from '../adversary.js';
import { TAPE_MAX } from '../sim/tape.js';
import type { ByzantinePlan, RunLimits, Scenario } from './types.js';

/** The space a campaign draws scenarios from. */
export interface ScenarioSpace {
  /** Cluster sizes, smallest first (shrinking moves towards the first). */
  readonly ns: readonly number[];
  /** Strategies the faulty replicas may use; empty means no faulty replicas. */
  readonly adversaries: readonly AnyAdversary[];
  /** Allow more than f faulty replicas (to show the bound is tight). */
  readonly beyondF: boolean;
  /** Run bounds, usually the target's. */
  readonly limits: RunLimits;
  /** Operations clients submit. */
  readonly operations: fc.Arbitrary<string>;
  /** Longest choice tape generated. */
  readonly tapeMaxLength: number;
}

/** Default operations: small key-value and bank commands, deterministic to execute. */
export const DEFAULT_OPERATIONS: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.nat(99)).map(([k, v]) => `put ${k} ${v}`),
  fc.constantFrom('a', 'b', 'c').map((k) => `get ${k}`),
  fc.tuple(fc.nat(100), fc.constantFrom('alice', 'bob', 'carol'), fc.constantFrom('alice', 'bob', 'carol')).map(
    ([amount, from, to]) => `transfer ${amount} ${from} ${to}`,
  ),
);

/** The default space: n ∈ {4, 7, 10}, ≤ f faulty. */
export function defaultSpace(adversaries: readonly AnyAdversary[], limits: RunLimits): ScenarioSpace {
  return { ns: [4, 7, 10], adversaries, beyondF: false, limits, operations: DEFAULT_OPERATIONS, tapeMaxLength: 256 };
}

/** Largest number of faulty replicas a scenario of size n may have in this space. */
export function maxFaulty(n: number, beyondF: boolean): number {
  return beyondF ? n - 1 : faultsTolerated(n);
}

/**
 * Scenarios as a record of independent parts, normalised with `map` (no `chain`, so every part
 * shrinks on its own): node slots are taken modulo n, clients modulo the client count, and the
 * faulty list is deduplicated and capped at f (or n−1 beyond f).
 */
export function scenarioArbitrary(space: ScenarioSpace): fc.Arbitrary<Scenario> {
  const maxN = Math.max(...space.ns);
  const strategies = space.adversaries.map((a) => a.params({ maxN }).map((params) => ({ adversary: a.name, params })));
  const faulty = strategies.length === 0
    ? fc.constant([])
    : fc.array(fc.record({ slot: fc.nat(maxN * 4), strategy: fc.oneof(...strategies) }), { maxLength: maxFaulty(maxN, space.beyondF) });
  return fc
    .record({
      nIndex: fc.nat(space.ns.length - 1),
      clients: fc.integer({ min: 1, max: 3 }),
      requests: fc.array(fc.record({ client: fc.nat(2), atMs: fc.nat(200), operation: space.operations }), { minLength: 1, maxLength: 20 }),
      faulty,
      delaySpreadMs: fc.nat(9),
      preGstExtraMs: fc.nat(90),
      dropPercent: fc.nat(30),
      gstMs: fc.nat(1000),
      seed: fc.nat(),
      tape: fc.array(fc.nat(TAPE_MAX), { maxLength: space.tapeMaxLength }),
    })
    .map((raw): Scenario => {
      const n = space.ns[raw.nIndex] as number;
      const byzantine: ByzantinePlan[] = [];
      const cap = maxFaulty(n, space.beyondF);
      for (const { slot, strategy } of raw.faulty) {
        const node = slot % n;
        if (byzantine.length < cap && !byzantine.some((b) => b.node === node)) byzantine.push({ node, ...strategy });
      }
      return {
        version: 1,
        n,
        clients: raw.clients,
        requests: raw.requests.map((r) => ({ ...r, client: r.client % raw.clients })),
        byzantine,
        beyondF: space.beyondF,
        network: {
          delayMsMin: 1,
          delayMsMax: 1 + raw.delaySpreadMs,
          preGstDelayMsMax: 1 + raw.delaySpreadMs + raw.preGstExtraMs,
          dropPercent: raw.dropPercent,
        },
        gstMs: raw.gstMs,
        limits: space.limits,
        seed: raw.seed,
        tape: raw.tape,
      };
    });
}
