import { ADVERSARIES } from '../adversaries/index.js';
import { forgedCertificate } from '../adversaries/forged-certificate.js';
import { PROPERTIES } from '../properties/index.js';
import type { Target } from '../src/adapter/contract.js';
import { runScenarioChecked } from '../src/check/run-scenario.js';
import bugged from '../targets/zoo/new-view-votes-not-verified/index.js';
import { fourRequestScenario } from '../test/fixtures/four-requests.js';
const M = new Map(ADVERSARIES.map((a) => [a.name, a]));
const node = 1;
const params = { forgery: 'erase', pick: 0, everyK: 1, inbound: true, outbound: false, rival: true, victim: 0, isolateMs: 1500 };
const partitions = [...(forgedCertificate.partitions?.(params as never, { node, n: 4, coalition: [node] }) ?? [])];
const s = fourRequestScenario([{ node, adversary: 'forged-certificate', params }], {
  requests: [{ client: 0, atMs: 0, operation: 'put a 1' }, { client: 1, atMs: 50, operation: 'put b 2' }],
  network: { delayMsMin: 1, delayMsMax: 5, preGstDelayMsMax: 5, dropPercent: 0, partitions }, gstMs: 1500,
});
const out = await runScenarioChecked(s, { target: bugged as Target<unknown>, adversaries: M, properties: PROPERTIES }, true);
for (const e of out.trace ?? []) {
  const p = (e as { payload?: string }).payload;
  if (e.kind === 'commit' || e.kind === 'view' || (e.kind === 'deliver' && typeof p === 'string' && /PRE-PREPARE|NEW-VIEW|"COMMIT"/.test(p.slice(0, 25)) )) console.log(e.step, e.t, e.kind, JSON.stringify(e).slice(0, 260));
}
