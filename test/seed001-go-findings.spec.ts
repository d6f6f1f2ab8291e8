import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Target } from '../src/adapter/contract.js';
import { closeAllChildren } from '../src/adapter/subprocess/index.js';
import { GO_MISSING, goAvailable } from '../src/adapter/subprocess/go-build.js';
import { replayTraced } from '../src/check/driver.js';
import { ALL_ADVERSARIES, selectProperties } from '../src/cli/selection.js';
import { parseReplayHeader } from '../src/report/counterexample-file.js';
import { parseScenario } from '../src/scenario/schema.js';
import type { Scenario } from '../src/scenario/types.js';

// Every defect targets/seed001/FINDINGS.md documents, found in the seed's own Go code: the scenario
// (with its seed) that exposed it in the TypeScript port, run against targets/seed001-go — what
// `npx byzcheck replay targets/seed001-go/scenarios/<file>.json --target seed001-go` does.
const FINDINGS: readonly { file: string; property: string }[] = [
  { file: 'agreement-equivocating-primary', property: 'agreement' },
  { file: 'validity-unsigned-payload', property: 'validity' },
  { file: 'integrity-retransmitted-request', property: 'integrity' },
  { file: 'agreement-view-change-without-proofs', property: 'agreement' },
  { file: 'liveness-one-silent-replica', property: 'liveness' },
  { file: 'liveness-one-lost-message', property: 'liveness' },
];

/** targets/seed001-go/scenarios/<file>.json: the scenario of targets/seed001/counterexamples/<file>.json. */
function pinned(file: string): Scenario {
  const json = JSON.parse(readFileSync(new URL(`../targets/seed001-go/scenarios/${file}.json`, import.meta.url), 'utf8')) as unknown;
  return parseScenario(json, ALL_ADVERSARIES, `targets/seed001-go/scenarios/${file}.json`);
}

let seed001Go: (options?: { seedLocking?: boolean }) => Target<unknown>;

beforeAll(async () => {
  // Not a skip: a machine without Go cannot vouch for the Go target, so the suite says what to install.
  if (!goAvailable()) throw new Error(`${GO_MISSING}. .ci/run and npm test's pretest install it with apt-get.`);
  ({ seed001GoTarget: seed001Go } = await import('../targets/seed001-go/index.js'));
}, 120_000);

afterAll(closeAllChildren);

describe("seed 001's findings in its Go code (targets/seed001-go)", () => {
  it('FINDINGS.md points at the Go target and at this test', () => {
    const findings = readFileSync(new URL('../targets/seed001/FINDINGS.md', import.meta.url), 'utf8');
    expect(findings).toContain('test/seed001-go-findings.spec.ts');
    for (const { file } of FINDINGS) expect(findings).toContain(`npx byzcheck replay targets/seed001-go/scenarios/${file}.json --target seed001-go`);
  });

  it('each pinned scenario is the TypeScript port\'s counterexample scenario', () => {
    for (const { file } of FINDINGS) {
      const header = parseReplayHeader(JSON.parse(readFileSync(new URL(`../targets/seed001/counterexamples/${file}.json`, import.meta.url), 'utf8')) as unknown);
      expect(pinned(file)).toEqual(parseScenario(header.scenario, ALL_ADVERSARIES, 'file.scenario'));
    }
  });

  it.each(FINDINGS)('$file: the Go code violates $property in the same scenario', async ({ file, property }) => {
    const run = await replayTraced(pinned(file), { target: seed001Go(), adversaries: ALL_ADVERSARIES }, selectProperties([property]));
    expect(run.verdict.violations.map((v) => v.property)).toContain(property);
    expect(run.verdict.violations.map((v) => v.property)).not.toContain('replica-contract');
    expect(run.verdict.regime).toBe('within-f');
  });

  it("Go only: with the seed's own locking, the first view change deadlocks the node", { timeout: 60_000 }, async () => {
    const run = await replayTraced(pinned('liveness-one-silent-replica'), { target: seed001Go({ seedLocking: true }), adversaries: ALL_ADVERSARIES }, selectProperties(['agreement', 'liveness']));
    const contract = run.verdict.violations.find((v) => v.property === 'replica-contract');
    // The node blocks on a mutex it holds; byzcheck's per-step timeout reports the hang.
    expect(contract?.message).toMatch(/no answer to message from \d+ within the step timeout/);
  });
});
