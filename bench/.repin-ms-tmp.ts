import { ADVERSARIES } from '../adversaries/index.js';
import { PROPERTIES } from '../properties/index.js';
import type { Target } from '../src/adapter/contract.js';
import { check } from '../src/check/driver.js';
import { spaceFor } from '../src/check/space.js';
import * as replyCache from '../targets/zoo/modsmart-reply-cache-ignored/index.js';
import * as syncDropsWritten from '../targets/zoo/modsmart-sync-drops-written/index.js';

const ALL = new Map(ADVERSARIES.map((a) => [a.name, a]));
for (const [module, cap] of [[syncDropsWritten, 400]] as const) {
  const target = module.default as Target<unknown>;
  let done = false;
  for (let seed = 1; seed <= 8 && !done; seed++) {
    const result = await check({ target, adversaries: ALL, space: spaceFor(target, ADVERSARIES, false), properties: PROPERTIES, runs: cap, seed });
    const cx = result.counterexample;
    if (cx?.verdict.violations[0]?.property === module.bug.expected && cx.verdict.regime === 'within-f' && cx.reproducible) {
      console.log(`${target.name} seed ${seed} runs ${JSON.stringify((result as unknown as { runs?: number }).runs)}`);
      done = true;
    }
  }
  if (!done) console.log(`${target.name}: not found`);
}
