import { describe, expect, it } from 'vitest';
import type { NodeId } from '../src/adapter/contract.js';
import { discoverCertificates } from '../src/adapter/discovery.js';
import { symbolicCrypto } from '../src/crypto/symbolic.js';

// A collector protocol's stand-alone certificate holds its votes as tuples `[id, sig]` (or bare
// signatures): the votes carry no keyed fields, so the certificate came out claiming nothing
// (`claim: {}`) and no strategy could tell which view, slot or value it certifies.
const crypto = symbolicCrypto(1, 5);
const table = { issued: (s: string) => crypto.issued?.(s) };
const digest = 'ab12cd34ab12cd34';
const endorse = (from: NodeId, height: string): [NodeId, string] => [from, crypto.sign(from, `endorse/${height}/7/${digest}`)];

describe('a certificate of tuple votes', () => {
  it('claims the epoch, height and hash of the message enclosing it, as the votes signed them', () => {
    const seal = { kind: 'seal', epoch: '7', height: 3, hash: digest, members: [endorse(0, '3'), endorse(1, '3'), endorse(2, '3')] };
    const [cert] = discoverCertificates(seal, table, true);
    expect(cert?.votes.map((v) => v.signer)).toEqual([0, 1, 2]);
    expect(cert?.claim).toEqual({ view: 7, seq: 3, digest });
  });

  it('leaves out an enclosing field the votes did not sign', () => {
    // The votes signed height 3; the enclosing message claims height 4: only view and hash are certified.
    const seal = { kind: 'seal', epoch: '7', height: 4, hash: digest, members: [endorse(0, '3'), endorse(1, '3'), endorse(2, '3')] };
    expect(discoverCertificates(seal, table, true)[0]?.claim).toEqual({ view: 7, digest });
  });

  it('claims the enclosing fields for bare signatures over an opaque text', () => {
    const opaque = (from: NodeId): string => crypto.sign(from, `h(${from})`);
    const seal = { kind: 'seal', epoch: 2, height: 5, hash: digest, sigs: [opaque(0), opaque(1), opaque(3)] };
    expect(discoverCertificates(seal, table, true)[0]?.claim).toEqual({ view: 2, seq: 5, digest });
  });
});
