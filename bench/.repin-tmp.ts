import { join } from 'node:path';
import { DETECT_SELECTIONS } from '/work/wt-forgery/bench/detect-selections.js';
import { runCampaign } from '/work/wt-forgery/src/campaign/pool.js';
import { PACKAGE_ROOT } from '/work/wt-forgery/src/cli/targets.js';

const bugs = process.argv.slice(2);
for (const entry of bugs) {
  const [bug, cap] = entry.split(':') as [string, string];
  const mod = (await import(join(PACKAGE_ROOT, 'targets', 'zoo', bug, 'index.ts'))) as { bug: { expected: string } };
  const selection = DETECT_SELECTIONS[`zoo/${bug}`] ?? {};
  let done = false;
  for (let seed = 1; seed <= 8 && !done; seed++) {
    const o = await runCampaign({ target: `zoo/${bug}`, adversaries: selection.adversaries ?? null, properties: [mod.bug.expected], beyondF: false, seed, runs: Number(cap), clusterSizes: selection.clusterSizes ?? [4, 7] }, { workers: 1 });
    const cx = o.counterexample;
    if (cx !== undefined && cx !== null && cx.verdict.violations.some((v) => v.property === mod.bug.expected) && cx.verdict.regime === 'within-f' && cx.reproducible) {
      console.log(`${bug} seed ${seed} found; stats: ${JSON.stringify((o as unknown as { runs?: number }).runs ?? Object.keys(o))}`);
      done = true;
    }
  }
  if (!done) console.log(`${bug}: not found in seeds 1-8 within ${cap}`);
}
