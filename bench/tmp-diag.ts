import { runCampaign } from '../src/campaign/pool.js';
const [target = 'zoo/commit-on-f-plus-1', seed = '1', runs = '1500', search = 'guided'] = process.argv.slice(2);
const { bug } = (await import(`../targets/${target}/index.ts`)) as { bug: { expected: string } };
const o = await runCampaign({ target, adversaries: null, properties: [bug.expected], beyondF: false, seed: Number(seed), runs: Number(runs), clusterSizes: [4, 7], search: search as 'guided' }, { workers: 1 });
console.log(o.runs, o.counterexample ? 'FOUND' : 'miss', JSON.stringify(o.search), JSON.stringify(o.stats.clusterSizes), JSON.stringify(o.stats.adversaries ?? o.stats).slice(0, 600));
