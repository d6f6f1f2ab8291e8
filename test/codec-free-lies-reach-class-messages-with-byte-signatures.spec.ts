import { describe, expect, it } from 'vitest';
import { discoverCertificates, discoverSignedItems, resignLikeOriginal, structureCodec } from '../src/adapter/discovery.js';
import { check } from '../src/check/driver.js';
import { symbolicCrypto } from '../src/crypto/symbolic.js';
import { defaultSpace } from '../src/scenario/arbitrary.js';
import { ADVERSARIES } from '../adversaries/index.js';
import { agreement } from '../properties/agreement.js';
import { validity } from '../properties/validity.js';
import { classMessageReplica, Commit, Vote } from './fixtures/class-message-replica.js';
import { targetOf } from './fixtures/world-kit.js';

// A stranger's TypeScript replica (class messages by instanceof, bigint rounds, Uint8Array
// signatures, certificates as Map<node, signature>) left every codec-free lie blind: discovery saw
// no signature in bytes, no view in a bigint, no certificate in a Map, and every rewrite turned a
// class instance into a plain object the replica ignores. So its unchecked certificate passed.

const crypto = symbolicCrypto(1, 4);
const table = { issued: (s: string) => crypto.issued?.(s) };
const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const voteSig = (who: number): Uint8Array => bytes(crypto.sign(who, 'vote|1|op-a'));
const commit = new Commit(1n, 'op-a', 2, new Map([0, 1, 2].map((who) => [who, voteSig(who)])));

describe('codec-free discovery and rewrites on class messages with byte signatures', () => {
  it('finds a Map of byte signatures as a certificate whose votes vouch for its holder’s round and digest', () => {
    const certs = discoverCertificates(commit, table, true);
    expect(certs.map((c) => [c.path.join('.'), c.votes.map((v) => v.signer), c.claim])).toEqual([['qc', [0, 1, 2], { view: 1, digest: 'op-a' }]]);
  });

  it('alters the certificate’s digest on the Commit itself, keeping its class, its Map and its bytes', () => {
    const forged = structureCodec(undefined, table).withItemFields?.(commit, ['qc', 1], { digest: 'op-a~' });
    expect(forged).toBeInstanceOf(Commit);
    expect(forged).toMatchObject({ round: 1n, digest: 'op-a~', sender: 2 });
    expect((forged as Commit).qc).toBe(commit.qc);
  });

  it('re-signs a Vote whose bigint round was rewritten as bytes again, with a bigint round', () => {
    const vote = new Vote(1n, 'op-a', 3, bytes(crypto.sign(3, 'vote|1|op-a')));
    expect(discoverSignedItems({ votes: [vote] }, table, true).map((i) => [i.signer, i.fields.view, i.fields.digest])).toEqual([[3, 1, 'op-a']]);
    const structure = structureCodec(undefined, table);
    const changed = structure.withFields?.(vote, { view: 7 });
    const renewed = resignLikeOriginal(vote, changed, table, (data) => crypto.sign(3, data)) as Vote;
    expect(renewed).toBeInstanceOf(Vote);
    expect(renewed.round).toBe(7n);
    expect(renewed.sig).toBeInstanceOf(Uint8Array);
    expect(crypto.verify(3, 'vote|7|op-a', new TextDecoder().decode(renewed.sig))).toBe(true);
  });

  const campaign = (checkQc: boolean) => check({
    target: targetOf(classMessageReplica(checkQc)),
    adversaries: new Map(ADVERSARIES.filter((a) => a.name === 'forged-certificate').map((a) => [a.name, a])),
    space: defaultSpace(ADVERSARIES.filter((a) => a.name === 'forged-certificate'), { timeMs: 5_000, events: 20_000 }),
    properties: [agreement, validity],
    runs: 200,
    seed: 1,
  });

  it('so forged-certificate, with no codec, gets an unchecked certificate for a digest nobody voted executed', async () => {
    const result = await campaign(false);
    const violations = result.counterexample?.verdict.violations ?? [];
    expect(violations.map((v) => v.property)).toContain('validity');
    expect(violations.map((v) => v.message).join('\n')).toContain('~" at seq 1, but no client submitted it');
  }, 240_000);

  it('while the replica that checks its certificates passes the same campaign', async () => {
    const result = await campaign(true);
    expect(result.counterexample).toBeNull();
  }, 240_000);
});
