import { ADVERSARIES } from '../adversaries/index.js';
import { forgedCertificate } from '../adversaries/forged-certificate.js';
import { PROPERTIES } from '../properties/index.js';
import type { Target } from '../src/adapter/contract.js';
import { runScenarioChecked } from '../src/check/run-scenario.js';
import { judge } from '../src/check/verdict.js';
import pbft from '../targets/pbft/index.js';
import bugged from '../targets/zoo/new-view-votes-not-verified/index.js';
import { fourRequestScenario } from '../test/fixtures/four-requests.js';
const M = new Map(ADVERSARIES.map((a) => [a.name, a]));
for (const [node, victim] of [[1, 0], [1, 1], [1, 2]]) {
  const params = { forgery: 'erase', pick: 0, everyK: 1, inbound: true, outbound: false, rival: true, victim, isolateMs: 1500 };
  const partitions = [...(forgedCertificate.partitions?.(params as never, { node, n: 4, coalition: [node] }) ?? [])];
  const s = fourRequestScenario([{ node, adversary: 'forged-certificate', params }], {
    requests: [{ client: 0, atMs: 0, operation: 'put a 1' }, { client: 1, atMs: 50, operation: 'put b 2' }],
    network: { delayMsMin: 1, delayMsMax: 5, preGstDelayMsMax: 5, dropPercent: 0, partitions }, gstMs: 1500,
  });
  for (const t of [bugged, pbft]) {
    const out = await runScenarioChecked(s, { target: t as Target<unknown>, adversaries: M, properties: PROPERTIES }, false);
    console.log(node, victim, t.name, judge(s, out.facts, PROPERTIES).violations.map((v) => v.message.slice(0, 120)), out.facts.commits.map((c) => `${c.replica}:${c.seq}:${c.value.slice(0, 4)}`).join(' '));
  }
}
