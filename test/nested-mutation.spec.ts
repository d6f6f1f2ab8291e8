/**
 * Without a codec, small-scope and any-scope mutation reach fields at any depth: numbers ±1,
 * replica ids swapped, strings swapped for ones seen at the same position, list items dropped or
 * repeated — deterministically from their parameters, which shrink towards no mutation. With a
 * codec they keep their codec behaviour (test/AdversariesAgainstPbft.spec.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyScopeMutation } from '../adversaries/any-scope-mutation.js';
import { smallScopeMutation } from '../adversaries/small-scope-mutation.js';
import type { NodeId, PayloadPath, ReplicaContext } from '../src/adapter/contract.js';
import type { AnyAdversary } from '../src/adversary.js';
import { symbolicCrypto } from '../src/crypto/symbolic.js';
import { mutateNested, nestedSites, PositionBook, type NestedKind } from '../src/nested-mutation.js';

const crypto = symbolicCrypto(1, 5);

/** A signed vote, as a protocol nests them: its signature covers the JSON of the rest. */
function vote(sender: NodeId, digest: string): Record<string, unknown> {
  const body = { type: 'VOTE', view: 1, seq: 3, digest, sender };
  return { ...body, sig: crypto.sign(sender, JSON.stringify(body)) };
}

/** A NEW-VIEW-like message from replica 1: votes three levels down. */
function deepMessage(digest: string): Record<string, unknown> {
  const body = { type: 'NEW-VIEW', view: 2, sender: 1, changes: [{ sender: 2, proof: { seq: 3, votes: [vote(0, digest), vote(2, digest)] } }] };
  return { ...body, sig: crypto.sign(1, JSON.stringify(body)) };
}

/** Paths (dot-joined) whose leaves or list lengths differ between two JSON values. */
function changedPaths(a: unknown, b: unknown, path: PayloadPath = []): string[] {
  if (Array.isArray(a) && Array.isArray(b) && a.length !== b.length) return [path.join('.')];
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((k) => changedPaths((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], [...path, k]));
  }
  return a === b ? [] : [path.join('.')];
}

const VOTE_PATH = ['changes', 0, 'proof', 'votes', 1];

describe('mutateNested: one change at any depth', () => {
  const book = new PositionBook();
  book.learn(deepMessage('d-old'));
  const ctx = { n: 4, book };
  const message = deepMessage('d-new');
  /** The selector that hits `path` for `kind` (the site must exist), and what the mutation leaves. */
  const at = (kind: NestedKind, path: PayloadPath, extra = 0): unknown => {
    const sites = nestedSites(message, kind, ctx);
    const i = sites.findIndex((s) => s.path.join('.') === path.join('.'));
    expect(i).toBeGreaterThanOrEqual(0);
    return mutateNested(message, kind, i + extra * sites.length, ctx);
  };

  it('shifts a number four levels down by one, and nothing else', () => {
    const up = at('number+1', [...VOTE_PATH, 'seq']);
    expect(changedPaths(message, up)).toEqual(['changes.0.proof.votes.1.seq']);
    expect((up as typeof message & { changes: { proof: { votes: { seq: number }[] } }[] }).changes[0]?.proof.votes[1]?.seq).toBe(4);
    expect(changedPaths(message, at('number-1', ['changes', 0, 'proof', 'seq']))).toEqual(['changes.0.proof.seq']);
  });

  it('swaps a nested replica id for each other replica id in turn, never itself or a non-replica', () => {
    const ids = [0, 1, 2].map((extra) => {
      const out = at('id-swap', [...VOTE_PATH, 'sender'], extra);
      expect(changedPaths(message, out)).toEqual(['changes.0.proof.votes.1.sender']);
      return (out as { changes: { proof: { votes: { sender: number }[] } }[] }).changes[0]?.proof.votes[1]?.sender;
    });
    expect(ids).toEqual([3, 0, 1]);
    // The seq 3 under `seq` is a number, not an id: id swaps touch only id-named keys.
    expect(nestedSites(message, 'id-swap', ctx).map((s) => s.path.join('.'))).toEqual(['sender', 'changes.0.sender', 'changes.0.proof.votes.0.sender', 'changes.0.proof.votes.1.sender']);
  });

  it('swaps a nested string only for one seen at the same position (list indices aside)', () => {
    const out = at('string-swap', [...VOTE_PATH, 'digest']);
    expect(changedPaths(message, out)).toEqual(['changes.0.proof.votes.1.digest']);
    expect(JSON.stringify(out)).toContain('d-old');
    // `type` was only ever seen with the values it has: no string to swap in, so not a site.
    expect(nestedSites(message, 'string-swap', ctx).some((s) => s.path[s.path.length - 1] === 'type')).toBe(false);
  });

  it('drops or repeats an item of a nested list', () => {
    const votes = (x: unknown) => (x as { changes: { proof: { votes: { sender: number }[] } }[] }).changes[0]?.proof.votes.map((v) => v.sender);
    expect(votes(at('drop-item', ['changes', 0, 'proof', 'votes']))).toEqual([2]);
    expect(votes(at('dup-item', ['changes', 0, 'proof', 'votes'], 1))).toEqual([0, 2, 2]);
  });

  it('has no site for a kind the payload cannot take', () => {
    expect(mutateNested({ a: 'x', b: [] }, 'number+1', 0, ctx)).toBeUndefined();
    expect(mutateNested({ a: 'x', b: [] }, 'drop-item', 0, ctx)).toBeUndefined();
  });
});

/** What the strategy puts on the wire, codec-free, when replica 1's honest code sends `messages` to replica 0 after receiving `seen`. */
function wire(adversary: AnyAdversary, params: unknown, messages: readonly unknown[], seen: readonly unknown[] = []): unknown[] {
  const sent: unknown[] = [];
  const ctx = {
    config: { id: 1, n: 4, f: 1, clients: [4] }, send: (_to: NodeId, payload: unknown) => sent.push(payload), broadcast: () => undefined,
    sign: (data: string) => crypto.sign(1, data), verify: () => true,
  } as unknown as ReplicaContext<unknown>;
  const replica = adversary.enact({
    ctx, codec: undefined, coalition: [1], blackboard: new Map(), signatures: { issued: (s: string) => crypto.issued?.(s) },
    createHonest: (c) => ({ init: () => undefined, onMessage: () => undefined, onRequest: () => undefined, onTimer: () => messages.forEach((m) => c.send(0, m)) }),
  }, params);
  for (const m of seen) void replica.onMessage(2, m);
  void replica.onTimer?.('go');
  return sent;
}

const smallScope = smallScopeMutation as AnyAdversary;
const anyScope = anyScopeMutation as AnyAdversary;

describe('small-scope and any-scope mutation without a codec', () => {
  it('small-scope gives each plan entry its nested mutation, re-signed by the faulty replica', () => {
    const m = deepMessage('d-new');
    // rounds select the site: the last of the NEW-VIEW's numbers / ids / strings, the votes list.
    const one = (plan: number, rounds: number) => wire(smallScope, { rounds: [rounds], plan: [plan] }, [m], [deepMessage('d-old')])[0];
    expect(changedPaths(m, one(1, 8))).toEqual(['changes.0.proof.votes.1.seq', 'sig']);
    expect(changedPaths(m, one(2, 8))).toEqual(['changes.0.proof.votes.1.seq', 'sig']);
    expect(changedPaths(m, one(3, 3))).toEqual(['changes.0.proof.votes.1.sender', 'sig']);
    expect(changedPaths(m, one(4, 2))).toEqual(['changes.0.proof.votes', 'sig']);
    expect(changedPaths(m, one(6, 2))).toEqual(['changes.0.proof.votes.1.digest', 'sig']);
    expect(wire(smallScope, { rounds: [0], plan: [5] }, [m])).toEqual([]);
    // The outer signature is the faulty replica's own, over what it now sends.
    const out = one(1, 8) as Record<string, unknown>;
    const { sig, ...rest } = out;
    expect(crypto.verify(1, JSON.stringify(rest), sig as string)).toBe(true);
  });

  it('any-scope reaches nested sites too: entry − 1 picks the kind, the rest the site', () => {
    const m = deepMessage('d-new');
    // seven kinds: 1 + 7·k is number+1 at the k-th number; the NEW-VIEW's numbers are view, sender, changes.0.sender, seq, then the votes'.
    expect(changedPaths(m, wire(anyScope, { plan: [1 + 7 * 3] }, [m])[0])).toEqual(['changes.0.proof.seq', 'sig']);
    expect(changedPaths(m, wire(anyScope, { plan: [5 + 7 * 3] }, [m])[0])).toEqual(['changes.0.proof.votes', 'sig']);
  });

  it('is deterministic: the same parameters put the same bytes on the wire', () => {
    const messages = [deepMessage('a'), deepMessage('b'), deepMessage('c')];
    const params = { rounds: [5, 2, 9], plan: [1, 6, 4, 3] };
    expect(JSON.stringify(wire(smallScope, params, messages))).toBe(JSON.stringify(wire(smallScope, params, messages)));
    expect(JSON.stringify(wire(anyScope, { plan: [40, 3, 200] }, messages))).toBe(JSON.stringify(wire(anyScope, { plan: [40, 3, 200] }, messages)));
  });

  it.each([['small-scope', smallScope], ['any-scope', anyScope]] as const)('%s parameters shrink to the least mutation: one number +1 at the first site', (_name, adversary) => {
    const m = deepMessage('d-new');
    const out = fc.check(fc.property(adversary.params({ maxN: 4 }), (p) => changedPaths(m, wire(adversary, p, [m])[0]).length === 0), { seed: 1 });
    expect(out.failed).toBe(true);
    const least = out.counterexample?.[0] as { rounds?: number[]; plan: number[] };
    // One planned mutation, the smallest kind (trailing zeros plan nothing), at the first site.
    expect(least.plan.filter((entry) => entry !== 0)).toEqual([1]);
    expect(least.plan[0]).toBe(1);
    if (adversary === smallScope) expect(least.rounds).toEqual([0]);
    expect(changedPaths(m, wire(adversary, least, [m])[0])).toEqual(['view', 'sig']);
    // And below that, nothing changes at all.
    expect(changedPaths(m, wire(adversary, adversary === smallScope ? { rounds: [0], plan: [0] } : { plan: [0] }, [m])[0])).toEqual([]);
  });
});
