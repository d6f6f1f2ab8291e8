import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replayTraced } from '../src/check/driver.js';
import { ALL_ADVERSARIES, selectProperties } from '../src/cli/selection.js';
import { loadTarget } from '../src/cli/targets.js';
import { parseReplayHeader } from '../src/report/counterexample-file.js';
import { parseScenario } from '../src/scenario/schema.js';

// Every defect targets/seed001/FINDINGS.md documents, with the property its counterexample violates.
const FINDINGS: readonly { file: string; property: string }[] = [
  { file: 'agreement-equivocating-primary', property: 'agreement' },
  { file: 'validity-unsigned-payload', property: 'validity' },
  { file: 'integrity-retransmitted-request', property: 'integrity' },
  { file: 'agreement-view-change-without-proofs', property: 'agreement' },
  { file: 'liveness-one-silent-replica', property: 'liveness' },
  { file: 'liveness-one-lost-message', property: 'liveness' },
];

describe('seed 001 findings', () => {
  it('FINDINGS.md names every committed counterexample and its replay command', () => {
    const findings = readFileSync(new URL('../targets/seed001/FINDINGS.md', import.meta.url), 'utf8');
    for (const { file } of FINDINGS) expect(findings).toContain(`npx byzcheck replay targets/seed001/counterexamples/${file}.json`);
  });

  it.each(FINDINGS)('counterexamples/$file.json replays to $property with its recorded trace hash', async ({ file, property }) => {
    const json = JSON.parse(readFileSync(new URL(`../targets/seed001/counterexamples/${file}.json`, import.meta.url), 'utf8')) as unknown;
    const header = parseReplayHeader(json);
    expect(header.campaign.target).toBe('seed001');
    const scenario = parseScenario(header.scenario, ALL_ADVERSARIES, 'file.scenario');
    const run = await replayTraced(scenario, { target: await loadTarget('seed001'), adversaries: ALL_ADVERSARIES }, selectProperties(header.campaign.properties));
    expect(run.verdict.violations.map((v) => v.property)).toContain(property);
    expect(run.verdict.regime).toBe('within-f');
    expect(run.traceHash).toBe(header.traceHash);
  });
});
