import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ClientRequest, Target } from '../src/adapter/contract.js';
import { BlockSource, executeBlock, ReplyCache, replyFromCache, RequestPool } from '../src/adapter/blocks.js';
import { check } from '../src/check/driver.js';
import { defaultSpace } from '../src/scenario/arbitrary.js';
import { PROPERTIES } from '../properties/index.js';
import blockReplica from '../examples/block-replica.js';
import { byzcheck } from './fixtures/cli.js';

const req = (client: number, requestId: number, operation = `put k${requestId} ${client}`): ClientRequest => ({ client, requestId, operation });

/** The effects the block helpers produce, as lines. */
function recorder() {
  const effects: string[] = [];
  return {
    effects,
    ctx: {
      commit: (seq: number, value: string) => effects.push(`commit ${seq} ${value}`),
      execute: (seq: number, op: string, result: string) => effects.push(`execute ${seq} ${op} = ${result}`),
      reply: (client: number, requestId: number, result: string) => effects.push(`reply ${client}/${requestId} ${result}`),
    },
  };
}

describe('the block helpers', () => {
  it('the pool dedups a retransmitted request, pending or executed, and the cache answers it again', () => {
    const cache = new ReplyCache();
    const pool = new RequestPool(cache);
    expect(pool.add(req(4, 1))).toBe(true);
    expect(pool.add(req(4, 1))).toBe(false);
    expect(pool.add(req(5, 1))).toBe(true);
    const { effects, ctx } = recorder();
    executeBlock(ctx, { height: 1, requests: pool.peek(10) }, { pool, cache }, (op) => `done ${op}`);
    expect(pool.size).toBe(0);
    // Retransmitted after execution: refused by the pool, answered from the cache, never executed twice.
    expect(pool.add(req(4, 1))).toBe(false);
    expect(replyFromCache(ctx, cache, req(4, 1))).toBe(true);
    expect(effects.filter((e) => e.startsWith('execute'))).toEqual(['execute 1 put k1 4 = done put k1 4', 'execute 1 put k1 5 = done put k1 5']);
    expect(effects.filter((e) => e.startsWith('reply 4/1'))).toHaveLength(2);
  });

  it('executes a block in order, skipping a request a block repeats', () => {
    const cache = new ReplyCache();
    const pool = new RequestPool(cache);
    const { effects, ctx } = recorder();
    executeBlock(ctx, { height: 1, requests: [req(4, 1)] }, { pool, cache }, () => 'ok');
    executeBlock(ctx, { height: 2, requests: [req(5, 1), req(4, 1), req(4, 2)] }, { pool, cache }, () => 'ok');
    expect(effects.filter((e) => e.startsWith('execute'))).toEqual(['execute 1 put k1 4 = ok', 'execute 2 put k1 5 = ok', 'execute 2 put k2 4 = ok']);
    expect(effects.filter((e) => e.startsWith('commit')).map((e) => e.split(' ')[1])).toEqual(['1', '2']);
  });

  it('the block source waits until requests are pending, then proposes once per ready', () => {
    const pool = new RequestPool(new ReplyCache());
    const proposed: number[][] = [];
    const source = new BlockSource(pool, { maxBlockSize: 2, propose: (rs) => proposed.push(rs.map((r) => r.requestId)) });
    source.ready();
    expect(proposed).toEqual([]);
    pool.add(req(4, 1));
    pool.add(req(4, 2));
    expect(proposed).toEqual([[1]]);
    source.ready();
    expect(proposed).toEqual([[1], [1, 2]]);
    pool.add(req(4, 3));
    expect(proposed).toHaveLength(2);
  });
});

describe('examples/block-replica.ts, a block-based target on the helpers', () => {
  it('executes every request at every replica within a bound when nothing is faulty', async () => {
    // Judged with a liveness bound the example cannot declare in general (it has no view change).
    const target: Target<unknown> = { ...(blockReplica as unknown as Target<unknown>), livenessBoundMs: () => 3_000 };
    const result = await check({
      target, adversaries: new Map(), properties: PROPERTIES, runs: 150, seed: 1,
      space: { ...defaultSpace([], { timeMs: 8_000, events: 100_000 }), ns: [4, 7] },
    });
    expect(result.counterexample?.verdict.violations.map((v) => v.message) ?? []).toEqual([]);
  });

  it('stays safe against every Byzantine strategy (byzcheck run exits 0)', () => {
    const out = mkdtempSync(join(tmpdir(), 'byzcheck-blocks-'));
    const r = byzcheck('run', '--target', 'examples/block-replica.ts', '--seed', '1', '--runs', '300', '--out', out, '--no-progress');
    expect(r.stdout).toContain('✓ no violation in 300 runs');
    expect(r.code).toBe(0);
  });
});
