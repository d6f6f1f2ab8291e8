import { z } from 'zod';
import { faultsTolerated } from '../adapter/contract.js';
import type { AnyAdversary } from '../adversary.js';
import { TAPE_MAX } from '../sim/tape.js';
import type { Scenario } from './types.js';

const int = (min: number, max = Number.MAX_SAFE_INTEGER) => z.number().int().min(min).max(max);

/** The structural schema of a scenario file; cross-field rules are checked in {@link parseScenario}. */
export const scenarioSchema = z
  .object({
    version: z.literal(1),
    n: int(1, 1000),
    clients: int(1, 100),
    requests: z.array(z.object({ client: int(0), atMs: int(0), operation: z.string() }).strict()),
    byzantine: z.array(z.object({
      node: int(0), adversary: z.string().min(1), params: z.unknown(),
      malformed: z.array(z.object({ at: int(0), kind: int(0), every: int(0) }).strict()).optional(),
    }).strict()),
    beyondF: z.boolean(),
    network: z
      .object({
        delayMsMin: int(0),
        delayMsMax: int(0),
        preGstDelayMsMax: int(0),
        dropPercent: z.number().min(0).max(100),
        duplicatePercent: z.number().min(0).max(100).optional(),
        partitions: z
          .array(z.object({ startMs: int(0), endMs: int(0), side: z.array(int(0)), direction: z.enum(['both', 'out', 'in']) }).strict())
          .optional(),
        roundPartitions: z.array(z.object({ round: int(0), groups: z.array(int(0)) }).strict()).optional(),
        kindLosses: z.array(z.object({ nodes: z.array(int(0)), direction: z.enum(['in', 'out']), kind: int(0).optional(), view: int(0).optional(), fromSeq: int(0).optional() }).strict()).optional(),
        lost: z.array(z.object({ from: int(0), to: int(0), nth: int(1) }).strict()).optional(),
      })
      .strict(),
    gstMs: int(0),
    limits: z.object({ timeMs: int(1), events: int(1) }).strict(),
    seed: int(0, 2 ** 32 - 1),
    tape: z.array(int(0, TAPE_MAX)),
    targetOptions: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

/** A scenario that failed validation; `message` names every bad field by its path. */
export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';
}

/** Formats zod issues as `path: problem` lines, with the path written as in the file (`requests[2].client`). */
export function describeIssues(issues: readonly z.core.$ZodIssue[], root: string): string {
  const pathOf = (keys: readonly PropertyKey[]) =>
    keys.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : `${acc}.${String(key)}`), root);
  return issues
    .flatMap((issue) =>
      // An unknown field is named itself, like every other bad field, not by its parent object.
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => `${pathOf([...issue.path, key])}: unknown field`)
        : [`${pathOf(issue.path)}: ${issue.message}`],
    )
    .join('\n');
}

/** Validates untrusted JSON as a scenario, including cross-field rules and each adversary's parameters. */
export function parseScenario(json: unknown, adversaries: ReadonlyMap<string, AnyAdversary>, root = 'scenario'): Scenario {
  const parsed = scenarioSchema.safeParse(json);
  if (!parsed.success) throw new ScenarioError(describeIssues(parsed.error.issues, root));
  const s = parsed.data;
  const problems: string[] = [];
  s.requests.forEach((r, i) => {
    if (r.client >= s.clients) problems.push(`${root}.requests[${i}].client: ${r.client} is not a client index (clients: ${s.clients})`);
  });
  const seen = new Set<number>();
  s.byzantine.forEach((b, i) => {
    const at = `${root}.byzantine[${i}]`;
    if (b.node >= s.n) problems.push(`${at}.node: ${b.node} is not a replica (n = ${s.n})`);
    if (seen.has(b.node)) problems.push(`${at}.node: replica ${b.node} is listed twice`);
    seen.add(b.node);
    const adversary = adversaries.get(b.adversary);
    if (adversary === undefined) {
      problems.push(`${at}.adversary: unknown adversary '${b.adversary}'; valid: ${[...adversaries.keys()].join(', ')}`);
      return;
    }
    const params = adversary.schema.safeParse(b.params);
    if (!params.success) problems.push(describeIssues(params.error.issues, `${at}.params`));
  });
  if (!s.beyondF && s.byzantine.length > faultsTolerated(s.n)) {
    problems.push(`${root}.byzantine: ${s.byzantine.length} faulty replicas exceed f = ${faultsTolerated(s.n)}; set beyondF: true to allow it`);
  }
  s.network.partitions?.forEach((p, i) => {
    const at = `${root}.network.partitions[${i}]`;
    if (p.endMs < p.startMs) problems.push(`${at}.endMs: must be ≥ startMs`);
    p.side.forEach((node, j) => {
      if (node >= s.n) problems.push(`${at}.side[${j}]: ${node} is not a replica (n = ${s.n})`);
    });
  });
  s.network.roundPartitions?.forEach((r, i) => {
    if (r.groups.length !== s.n) problems.push(`${root}.network.roundPartitions[${i}].groups: needs one group label per replica (${s.n}), got ${r.groups.length}`);
  });
  s.network.kindLosses?.forEach((k, i) => {
    k.nodes.forEach((node, j) => {
      if (node >= s.n) problems.push(`${root}.network.kindLosses[${i}].nodes[${j}]: ${node} is not a replica (n = ${s.n})`);
    });
  });
  s.network.lost?.forEach((m, i) => {
    const at = `${root}.network.lost[${i}]`;
    if (m.from >= s.n + s.clients) problems.push(`${at}.from: ${m.from} is not a node (n + clients = ${s.n + s.clients})`);
    if (m.to >= s.n + s.clients) problems.push(`${at}.to: ${m.to} is not a node (n + clients = ${s.n + s.clients})`);
  });
  if (s.network.delayMsMax < s.network.delayMsMin) problems.push(`${root}.network.delayMsMax: must be ≥ delayMsMin`);
  if (s.network.preGstDelayMsMax < s.network.delayMsMin) problems.push(`${root}.network.preGstDelayMsMax: must be ≥ delayMsMin`);
  if (problems.length > 0) throw new ScenarioError(problems.join('\n'));
  return s as Scenario;
}
