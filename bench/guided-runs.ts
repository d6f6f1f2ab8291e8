/**
 * Runs to the first violation of each zoo bug's expected property, per seed, in one search mode:
 * no timing and no shrinking (the campaign is stopped at the find), so the figures do not depend on
 * the machine's load and tuning can compare schedules by runs alone. A miss prints the budget with '!'.
 *
 *   npx tsx bench/guided-runs.ts --search guided --runs 2000 --seeds 10 --only zoo/a,zoo/b
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runCampaign } from '../src/campaign/pool.js';
import type { CampaignSpec } from '../src/campaign/spec.js';
import type { SearchMode } from '../src/check/driver.js';
import { loadTarget, PACKAGE_ROOT } from '../src/cli/targets.js';

const { values } = parseArgs({ options: { search: { type: 'string' }, runs: { type: 'string' }, seeds: { type: 'string' }, only: { type: 'string' } }, strict: true });
const search = (values.search ?? 'guided') as SearchMode;
const budget = Number(values.runs ?? 2_000);
const seeds = Number(values.seeds ?? 10);
const bugs = (values.only ?? '').split(',').filter((b) => b !== '');
if (bugs.length === 0 || !(budget > 0) || !(seeds > 0)) {
  console.error('usage: npx tsx bench/guided-runs.ts --search guided|random --runs 2000 --seeds 10 --only zoo/a,zoo/b');
  process.exit(2);
}

for (const target of bugs) {
  const { bug } = (await import(join(PACKAGE_ROOT, 'targets', target, 'index.ts'))) as { bug: { expected: string } };
  const clusterSizes = (await loadTarget(target)).clusterSizes ?? [4, 7];
  const found: string[] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    const spec: CampaignSpec = { target, adversaries: null, properties: [bug.expected], beyondF: false, seed, runs: budget, clusterSizes, search };
    const stop = new AbortController();
    let at: number | null = null;
    await runCampaign(spec, { workers: 1, signal: stop.signal, onProgress: (p) => { if (p.violations > 0 && at === null) { at = p.runs; stop.abort(); } } });
    found.push(at === null ? `${budget}!` : String(at));
  }
  console.log(`${search} ${target}: ${found.join(' ')}`);
}
