/**
 * Mutations of a scenario, for guided campaigns: scenarios are plain data, so a corpus entry that
 * reached new behaviour is varied part by part (tape, seed, faulty replicas and their parameters,
 * requests, network plan), staying inside the space the campaign draws from.
 */
import fc from 'fast-check';
import { livenessHorizon, maxFaulty, plannedPartitions, type ScenarioSpace } from '../scenario/arbitrary.js';
import type { ByzantinePlan, Scenario } from '../scenario/types.js';
import type { Prng } from '../sim/prng.js';
import { TAPE_MAX } from '../sim/tape.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Draft = Mutable<Omit<Scenario, 'network'>> & { network: Mutable<Scenario['network']> };

/** A pick from a non-empty list. */
function pick<T>(prng: Prng, items: readonly T[]): T {
  return items[prng.below(items.length)] as T;
}

/** A fresh draw of strategy `name`'s parameters, from the PRNG (fast-check's generator, seeded by it). */
function drawParams(space: ScenarioSpace, name: string, prng: Prng): unknown {
  const adversary = space.adversaries.find((a) => a.name === name);
  if (adversary === undefined) return undefined;
  const maxN = Math.max(...space.ns);
  return fc.sample(adversary.params({ maxN }), { seed: prng.nextUint32() | 0, numRuns: 1 })[0];
}

function mutateTape(d: Draft, space: ScenarioSpace, prng: Prng): void {
  const tape = [...d.tape];
  const op = prng.below(4);
  if (op === 0 || tape.length === 0) {
    // Overwrite a few choices: the same run up to there, another order or fault after.
    const grow = tape.length === 0 ? 1 + prng.below(8) : 0;
    for (let i = 0; i < grow && tape.length < space.tapeMaxLength; i++) tape.push(prng.below(TAPE_MAX + 1));
    for (let k = 1 + prng.below(4); k > 0 && tape.length > 0; k--) tape[prng.below(tape.length)] = prng.below(TAPE_MAX + 1);
  } else if (op === 1) tape.length = prng.below(tape.length);
  else if (op === 2) tape.splice(prng.below(tape.length), 1 + prng.below(8));
  else {
    const at = prng.below(tape.length + 1);
    const extra = Array.from({ length: 1 + prng.below(16) }, () => prng.below(TAPE_MAX + 1));
    tape.splice(at, 0, ...extra);
  }
  d.tape = tape.slice(0, space.tapeMaxLength);
}

/** Changes one faulty replica's parameters, strategy or node, or adds or removes one (within the space's bound). */
function mutateFaulty(d: Draft, space: ScenarioSpace, prng: Prng): void {
  if (space.adversaries.length === 0) return mutateTape(d, space, prng);
  const plans: ByzantinePlan[] = [...d.byzantine];
  const cap = maxFaulty(d.n, space.beyondF);
  const free = Array.from({ length: d.n }, (_, i) => i).filter((i) => !plans.some((b) => b.node === i));
  const op = plans.length === 0 ? 3 : prng.below(5);
  const i = prng.below(Math.max(1, plans.length));
  const plan = plans[i];
  if (op === 0 && plan !== undefined) plans[i] = { ...plan, params: drawParams(space, plan.adversary, prng) };
  else if (op === 1 && plan !== undefined) {
    const adversary = pick(prng, space.adversaries).name;
    plans[i] = { node: plan.node, adversary, params: drawParams(space, adversary, prng) };
  } else if (op === 2 && plan !== undefined && free.length > 0) plans[i] = { ...plan, node: pick(prng, free) };
  else if (op === 3 && plans.length < cap && free.length > 0) {
    // A new member copies an existing plan half the time: coalitions act on one plan.
    const adversary = plan !== undefined && prng.below(2) === 0 ? plan : undefined;
    const name = adversary?.adversary ?? pick(prng, space.adversaries).name;
    plans.push({ node: pick(prng, free), adversary: name, params: adversary?.params ?? drawParams(space, name, prng) });
  } else if (plans.length > 0) plans.splice(i, 1);
  d.byzantine = plans;
  const planned = plannedPartitions(space.adversaries, plans, d.n);
  if (planned.length > 0) {
    d.network = { ...d.network, partitions: planned, roundPartitions: [] };
    d.gstMs = Math.max(d.gstMs, ...planned.map((p) => p.endMs));
  }
}

function mutateRequests(d: Draft, prng: Prng): void {
  const requests = [...d.requests];
  const op = prng.below(3);
  const i = prng.below(requests.length);
  const request = requests[i];
  if (request === undefined) return;
  if (op === 0 && requests.length < 20) requests.push({ ...request, client: prng.below(d.clients), atMs: prng.below(201) });
  else if (op === 1 && requests.length > 1) requests.splice(i, 1);
  else requests[i] = { ...request, atMs: prng.below(201) };
  d.requests = requests;
}

/** Redraws one knob of the network plan in the arbitrary's ranges, or takes a partition away. */
function mutateNetwork(d: Draft, prng: Prng): void {
  const net = { ...d.network };
  const op = prng.below(6);
  const spread = net.delayMsMax - 1;
  const extra = net.preGstDelayMsMax - net.delayMsMax;
  if (op === 0) net.dropPercent = prng.below(2) === 0 ? 0 : 1 + prng.below(40);
  else if (op === 1) net.duplicatePercent = prng.below(2) === 0 ? 0 : 1 + prng.below(30);
  else if (op === 2) {
    const s = prng.below(10);
    net.delayMsMax = 1 + s;
    net.preGstDelayMsMax = 1 + s + extra;
  } else if (op === 3) net.preGstDelayMsMax = 1 + spread + prng.below(91);
  else if (op === 4) d.gstMs = Math.max(prng.below(1001), ...(net.partitions ?? []).map((p) => p.endMs));
  else if ((net.partitions ?? []).length > 0) net.partitions = (net.partitions ?? []).slice(1);
  else net.roundPartitions = (net.roundPartitions ?? []).slice(1);
  d.network = net;
}

/**
 * A mutant of `scenario`: one to three changes, each to one part, then the run's time limit is
 * stretched again to the liveness deadlines as generated scenarios are. Deterministic in the PRNG.
 */
export function mutateScenario(scenario: Scenario, space: ScenarioSpace, prng: Prng): Scenario {
  const d: Draft = { ...scenario, network: { ...scenario.network } };
  for (let k = 1 + prng.below(3); k > 0; k--) {
    const part = prng.below(8);
    if (part <= 2) mutateTape(d, space, prng);
    else if (part <= 4) mutateFaulty(d, space, prng);
    else if (part === 5) mutateRequests(d, prng);
    else if (part === 6) mutateNetwork(d, prng);
    else d.seed = prng.nextUint32() & 0x7fffffff;
  }
  d.limits = livenessHorizon(space, d.n, d.gstMs, d.requests, d.clients);
  return d;
}
