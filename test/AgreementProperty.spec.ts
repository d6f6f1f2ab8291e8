import { describe, expect, it } from 'vitest';
import type { NodeId, Replica, ReplicaContext } from '../src/adapter/contract.js';
import type { CommitFact, RunFacts } from '../src/sim/facts.js';
import { agreement } from '../properties/agreement.js';
import { baseScenario, makeWorld, runWorld } from './fixtures/world-kit.js';

/** Facts of an empty n = 4 run (whatever fields RunFacts has), with the given commits. */
function factsWith(commits: CommitFact[]): RunFacts {
  const quiet = makeWorld(baseScenario(), { factory: () => ({ onMessage: () => {}, onRequest: () => {} }), trace: false });
  return { ...quiet.facts, commits };
}

let step = 0;
const commit = (replica: NodeId, seq: number, value: string): CommitFact => ({ replica, seq, value, step: step++, timeMs: step });

describe('agreement on hand-built facts', () => {
  it('holds when every replica commits the same value at each seq', () => {
    const facts = factsWith([commit(0, 1, 'a'), commit(1, 1, 'a'), commit(2, 2, 'b'), commit(0, 2, 'b'), commit(3, 1, 'a')]);
    expect(agreement.check(facts)).toEqual([]);
  });

  it('holds when replicas commit different values at different seqs, and for no commits at all', () => {
    expect(agreement.check(factsWith([commit(0, 1, 'a'), commit(1, 2, 'b'), commit(2, 3, 'c')]))).toEqual([]);
    expect(agreement.check(factsWith([]))).toEqual([]);
  });

  it('flags two replicas committing different values at one seq, with the evidence', () => {
    const first = commit(0, 7, 'x');
    const second = commit(2, 7, 'y');
    const violations = agreement.check(factsWith([commit(1, 6, 'w'), first, commit(1, 7, 'x'), second]));
    expect(violations).toHaveLength(1);
    const v = violations[0];
    expect(v?.property).toBe('agreement');
    expect(v?.nodes).toEqual([0, 2]);
    expect(v?.seqs).toEqual([7]);
    expect(v?.values).toEqual(['x', 'y']);
    expect(v?.steps).toEqual([first.step, second.step]);
    expect(v?.message).toContain('seq 7');
  });

  it('flags a replica that changes its mind at a seq', () => {
    const violations = agreement.check(factsWith([commit(3, 1, 'a'), commit(3, 1, 'b')]));
    expect(violations).toHaveLength(1);
    expect(violations[0]?.nodes).toEqual([3, 3]);
    expect(violations[0]?.message).toContain('changed its mind');
  });

  it('reports each disagreeing seq once, however many replicas disagree there', () => {
    const violations = agreement.check(
      factsWith([commit(0, 1, 'a'), commit(1, 1, 'b'), commit(2, 1, 'c'), commit(3, 1, 'b'), commit(0, 2, 'p'), commit(1, 2, 'q')]),
    );
    expect(violations.map((v) => v.seqs)).toEqual([[1], [2]]);
  });
});

describe('agreement in a run: only honest replicas count', () => {
  /** Each replica commits `good` at seq 1, except replica 1, which commits `evil`. */
  const split = (ctx: ReplicaContext<unknown>): Replica<unknown> => ({
    init: () => ctx.commit(1, ctx.config.id === 1 ? 'evil' : 'good'),
    onMessage: () => {},
    onRequest: () => {},
  });

  it('commits of a replica under an adversary are not facts, so its lies are not disagreement', async () => {
    const { facts, trace } = await runWorld(baseScenario(), { factory: split, honest: [true, false, true, true] });
    expect(facts.commits.map((c) => c.replica)).toEqual([0, 2, 3]);
    expect(agreement.check(facts)).toEqual([]);
    // the trace still shows what the faulty replica claimed
    expect(trace.some((e) => e.kind === 'commit' && e.node === 1 && e.value === 'evil')).toBe(true);
  });

  it('the same commits from an honest replica 1 violate agreement', async () => {
    const { facts } = await runWorld(baseScenario(), { factory: split });
    const violations = agreement.check(facts);
    expect(violations).toHaveLength(1);
    expect(violations[0]?.nodes).toEqual([0, 1]);
    expect(violations[0]?.values).toEqual(['good', 'evil']);
  });
});
