import { describe, expect, it } from 'vitest';
import { clientRequestSigningData, type NodeId } from '../src/adapter/contract.js';
import { structureCodec } from '../src/adapter/discovery.js';
import { RoleBook } from '../src/adapter/structural-roles.js';
import { symbolicCrypto } from '../src/crypto/symbolic.js';
import { roleOf } from '../src/strategy-kit.js';

// A protocol whose message types no name table knows (`pitch`, `nod`, `seal`…) gave role-driven
// strategies only 'other' without a codec. What each message carries — who signed what, as the
// harness sees it — tells its role. Four replicas (0–3), client 4.
const crypto = symbolicCrypto(1, 5);
const table = { issued: (s: string) => crypto.issued?.(s) };
const sign = (node: NodeId, text: string): string => crypto.sign(node, text);
const unsigned = { client: 4, requestId: 1, operation: 'put k v' };
const request = { ...unsigned, signature: sign(4, clientRequestSigningData(unsigned)) };
const hash = 'f00dfeedf00dfeed';
const pitch = { type: 'pitch', epoch: 0, slot: 1, hash, batch: [request], sig: sign(0, `pitch/0/1/${hash}`) };
const nod = (by: NodeId) => ({ type: 'nod', epoch: 0, slot: 1, hash, by, sig: sign(by, `nod/0/1/${hash}/${by}`) });
const salute = (by: NodeId) => ({ type: 'salute', epoch: 0, slot: 1, hash, by, sig: sign(by, `salute/0/1/${hash}/${by}`) });
const seal = { type: 'seal', epoch: 0, slot: 1, hash, proof: [0, 1, 2].map((by) => [by, sign(by, `nod/0/1/${hash}/${by}`)]) };
const mutiny = (by: NodeId) => ({ type: 'mutiny', epoch: 1, by, log: [pitch], sig: sign(by, `mutiny/1/${by}`) });
const crown = { type: 'crown', epoch: 1, mutinies: [mutiny(1), mutiny(2), mutiny(3)], sig: sign(1, 'crown/1') };
const ping = { type: 'ping', epoch: 0, by: 2, sig: sign(2, 'ping/0') };
const book = (): RoleBook => new RoleBook(structureCodec(undefined, table), 4);

describe('message roles learnt from structure, for unknown type names', () => {
  it('tell proposal, votes, certificate, view change and new view apart in the order a run shows them', () => {
    const roles = book();
    const seen = [ping, pitch, nod(1), salute(2), seal, mutiny(2), crown].map((m) => roles.role(m));
    expect(seen).toEqual(['other', 'proposal', 'vote', 'commit-vote', 'certificate', 'view-change', 'new-view']);
    expect(roles.roleOfType('nod')).toBe('vote');
    expect(roles.role(nod(3))).toBe('vote');
  });

  it('learn a nested vote\'s type where it is first seen: a quorum of view changes makes a new view', () => {
    const roles = book();
    expect([pitch, crown].map((m) => roles.role(m))).toEqual(['proposal', 'new-view']);
    expect(roles.roleOfType('mutiny')).toBe('view-change');
  });

  it('are decided at a type\'s first sight: a vote before any proposal stays other', () => {
    const roles = book();
    expect([nod(1), pitch, nod(2)].map((m) => roles.role(m))).toEqual(['other', 'proposal', 'other']);
  });

  it('do not override the name table, and a view change carrying proposals is no proposal', () => {
    const roles = book();
    expect(roles.role({ ...pitch, type: 'PREPARE' })).toBe('vote');
    roles.role(pitch);
    expect(roles.role(mutiny(3))).toBe('view-change');
  });

  it('reach strategies through roleOf for a target with no codec', () => {
    const roles = book();
    expect(roleOf(undefined, pitch)).toBe('other');
    expect([pitch, nod(2)].map((m) => roleOf(undefined, m, roles))).toEqual(['proposal', 'vote']);
  });
});
