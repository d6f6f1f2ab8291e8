import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ADVERSARIES } from '../adversaries/index.js';
import { PROPERTIES } from '../properties/index.js';
import type { ReplicaContext, Target } from '../src/adapter/contract.js';
import { structureCodec } from '../src/adapter/discovery.js';
import { runScenario, type RunContext } from '../src/check/run-scenario.js';
import { spaceFor } from '../src/check/space.js';
import { judge } from '../src/check/verdict.js';
import { scenarioArbitrary } from '../src/scenario/arbitrary.js';
import { kindLossesFor } from '../src/scenario/kind-loss-arbitrary.js';
import { parseScenario } from '../src/scenario/schema.js';
import type { Scenario } from '../src/scenario/types.js';
import type { RunFacts } from '../src/sim/facts.js';
import { KindLoss, messageKind } from '../src/sim/kind-loss.js';
import type { TraceEvent } from '../src/sim/trace.js';
import pbft, { PbftReplica, type PbftMessage } from '../targets/pbft/index.js';
import { NULL_DIGEST, type PreparedCert, type ViewChangeMsg } from '../targets/pbft/messages.js';
import type { NewViewEntry, NewViewPlan } from '../targets/pbft/view-change.js';

/**
 * Surviving mutant 925 of the mutation report, hand-applied: O takes, for a slot with certificates
 * of several views, the one of the LOWER view (`va <= vb` for `va > vb`). A copy of computeNewViewO
 * with that one comparison changed.
 */
class PicksLowerViewCertificate extends PbftReplica {
  protected override computeNewViewO(viewChanges: readonly ViewChangeMsg[]): NewViewPlan {
    const better = (a: PreparedCert, b: PreparedCert) => a.prePrepare.view <= b.prePrepare.view || (a.prePrepare.view === b.prePrepare.view && a.prePrepare.digest < b.prePrepare.digest);
    let minS = 0;
    let checkpointSource: ViewChangeMsg | null = null;
    for (const vc of viewChanges) if (checkpointSource === null || vc.seq > minS) [minS, checkpointSource] = [vc.seq, vc];
    const best = new Map<number, PreparedCert>();
    let maxS = minS;
    for (const cert of viewChanges.flatMap((vc) => vc.prepared)) {
      const seq = cert.prePrepare.seq;
      if (seq <= minS) continue;
      maxS = Math.max(maxS, seq);
      const known = best.get(seq);
      if (known === undefined || better(cert, known)) best.set(seq, cert);
    }
    const entries: NewViewEntry[] = [];
    for (let seq = minS + 1; seq <= maxS; seq++) {
      const cert = best.get(seq);
      entries.push(cert === undefined ? { seq, digest: NULL_DIGEST, requests: [] } : { seq, digest: cert.prePrepare.digest, requests: cert.prePrepare.requests });
    }
    return { minS, maxS, checkpointSource, entries };
  }
}

/** Honest n = 4 under the lone-certificate shape with replica 0 as the lone one: only it prepares in view 0, it misses view 1, and view 1 gets one slot through. */
function loneCertificateScenario(): Scenario {
  const { plans, gstAtLeastMs } = kindLossesFor({ lone: { slot: 0, vote: 1, slots: 1, gstMs: 1_500 }, free: [] }, 4, false);
  return {
    version: 1, n: 4, clients: 3, byzantine: [], beyondF: false,
    requests: [{ client: 0, atMs: 0, operation: 'put a 1' }, { client: 1, atMs: 50, operation: 'put b 2' }, { client: 2, atMs: 100, operation: 'put c 3' }, { client: 0, atMs: 100, operation: 'put c 4' }],
    network: { delayMsMin: 1, delayMsMax: 5, preGstDelayMsMax: 5, dropPercent: 0, kindLosses: plans },
    gstMs: gstAtLeastMs, limits: { timeMs: 20_000, events: 200_000 }, seed: 1, tape: [],
  };
}

function run(s: Scenario, create: (ctx: ReplicaContext<PbftMessage>) => PbftReplica = (ctx) => new PbftReplica(ctx)): { facts: RunFacts; trace: readonly TraceEvent[] } {
  const target: Target<PbftMessage> = { ...pbft, createReplica: create };
  const context: RunContext = { target: target as Target<unknown>, adversaries: new Map(ADVERSARIES.map((a) => [a.name, a])) };
  return runScenario(s, context, true) as { facts: RunFacts; trace: readonly TraceEvent[] };
}

describe('kind losses', () => {
  it('name a kind by the codec\'s type, else by the payload\'s key shape, and rank kinds by first appearance between replicas', () => {
    expect(messageKind({ type: 'PREPARE' }, {})).toBe('type:PREPARE');
    expect(messageKind({}, { view: 1, b: 2, a: 3 })).toBe(messageKind(undefined, { a: 0, view: 9, b: 1 }));
    expect(messageKind(undefined, null)).toBe('value:null');
    // Kind 1 is the second shape replicas send; client traffic (node 4 here) is never ranked or cut.
    const loss = new KindLoss([{ nodes: [2], direction: 'in', kind: 1 }], 4, undefined);
    expect(loss.lose(4, 2, { vote: 1 })).toBe(false);
    expect(loss.lose(0, 2, { propose: 1 })).toBe(false);
    expect(loss.lose(0, 1, { vote: 1 })).toBe(false);
    expect(loss.lose(1, 2, { vote: 2 })).toBe(true);
    expect(loss.lose(2, 1, { vote: 2 })).toBe(false);
  });

  it('scope a loss to a view and to sequence numbers from a bound, read by the usual key names without a codec', () => {
    const loss = new KindLoss([{ nodes: [0], direction: 'out', view: 1, fromSeq: 2 }], 4, structureCodec(undefined, undefined));
    expect([{ view: 0, seq: 3 }, { view: 1, seq: 1 }, { view: 1 }, { view: 1, seq: 2 }].map((m) => loss.lose(0, 1, m))).toEqual([false, false, false, true]);
  });

  it('are validated in scenario files, and a space draws them only when it opts in (default draws stay as they were)', () => {
    const s = loneCertificateScenario();
    const adversaries = new Map(ADVERSARIES.map((a) => [a.name, a]));
    expect(parseScenario(s, adversaries)).toEqual(s);
    expect(() => parseScenario({ ...s, network: { ...s.network, kindLosses: [{ nodes: [4], direction: 'in' }] } }, adversaries)).toThrow(/kindLosses\[0\]\.nodes\[0\]: 4 is not a replica/);
    const space = spaceFor(pbft as Target<unknown>, [], false, [4, 7]);
    const plain = fc.sample(scenarioArbitrary(space), { seed: 9, numRuns: 20 });
    expect(plain.every((x) => x.network.kindLosses === undefined)).toBe(true);
    const lone = fc.sample(scenarioArbitrary({ ...space, kindLosses: 'lone-certificate' }), { seed: 9, numRuns: 20 });
    expect(lone.every((x) => x.network.kindLosses?.length === 4 && x.gstMs >= 1_000)).toBe(true);
    expect(lone.map((x) => x.requests)).toEqual(plain.map((x) => x.requests));
  });
});

describe('the lone-certificate shape', () => {
  it('leaves the reference PBFT correct, and breaks agreement in a copy whose O takes the lower view\'s certificate (mutant 925)', () => {
    const s = loneCertificateScenario();
    const reference = run(s);
    expect(reference.trace.some((e) => e.kind === 'drop' && e.reason === 'kind')).toBe(true);
    expect(judge(s, reference.facts, PROPERTIES).violations).toEqual([]);
    const mutant = run(s, (ctx) => new PicksLowerViewCertificate(ctx));
    expect(judge(s, mutant.facts, PROPERTIES).violations.map((v) => v.property)).toContain('agreement');
  });
});
