import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { closeAllChildren, subprocessTarget } from '../src/adapter/subprocess/index.js';
import { buildGoBinary, GO_MISSING, goAvailable } from '../src/adapter/subprocess/go-build.js';
import { SignatureBook } from '../src/adapter/subprocess/signature-book.js';
import { runScenarioChecked } from '../src/check/run-scenario.js';
import { traceHash } from '../src/check/trace-hash.js';
import { baseScenario, contextFor } from './fixtures/world-kit.js';

const LOGS = mkdtempSync(join(tmpdir(), 'byzcheck-v3-bindings-'));
afterAll(async () => {
  await closeAllChildren();
  rmSync(LOGS, { recursive: true, force: true });
});

const FIXTURES = join(fileURLToPath(new URL('.', import.meta.url)), 'fixtures', 'subprocess');

/** Runs `command` with a copy of what byzcheck writes to it in `log`. */
const teed = (name: string, command: readonly string[]) => {
  const log = join(LOGS, `${name}.log`);
  return { log, target: subprocessTarget({ name, command: ['sh', '-c', 'tee -a "$0" | exec "$@"', log, ...command] }) };
};

/** How many lines byzcheck wrote that answer a `verify` request (each one a round trip). */
const verifyAnswers = (log: string): number => readFileSync(log, 'utf8').split('\n').filter((l) => l.startsWith('{"type":"verified"')).length;

// Every replica gossips each operation signed, and verifies every gossip it gets.
const scenario = baseScenario({ n: 7, requests: [{ client: 0, atMs: 0, operation: 'a' }, { client: 0, atMs: 0, operation: 'b' }] });

describe('protocol 3: signatures byzcheck vouches for on event lines', () => {
  it.each([
    ['Python', () => ['python3', join(FIXTURES, 'binding_signer.py')]],
    ['Go', () => {
      if (!goAvailable()) throw new Error(GO_MISSING);
      return [buildGoBinary(join(FIXTURES, 'go_signer'), 'go-signer')];
    }],
  ])('%s binding: verifies vouched signatures without a round trip, with the protocol-1 child\'s trace and facts', async (name, command) => {
    const v1 = teed(`v1-${name}`, ['python3', join(FIXTURES, 'v2_signer.py'), 'v1']);
    const bound = teed(`v3-${name}`, command());
    const one = await runScenarioChecked(scenario, contextFor(v1.target), true);
    const three = await runScenarioChecked(scenario, contextFor(bound.target), true);
    expect(three.facts.replicaErrors).toEqual([]);
    expect(readFileSync(bound.log, 'utf8')).toContain('"signed":[{"signature":');
    // The protocol-1 child asks for every verification; the binding only for what was not vouched for.
    expect(verifyAnswers(v1.log)).toBeGreaterThan(20);
    expect(verifyAnswers(bound.log)).toBeLessThan(verifyAnswers(v1.log) / 4);
    expect(traceHash(three.trace ?? [])).toBe(traceHash(one.trace ?? []));
    expect(three.facts).toEqual(one.facts);
  }, 120_000);
});

describe('protocol 3 looks through encoded signatures', () => {
  it('a replica carrying its signatures hex-encoded verifies them without a round trip, and all verify valid', async () => {
    const hex = teed('v3-hex', ['python3', join(FIXTURES, 'binding_signer.py'), 'hex']);
    const raw = teed('v3-raw', ['python3', join(FIXTURES, 'binding_signer.py')]);
    const encoded = await runScenarioChecked(scenario, contextFor(hex.target), true);
    const plain = await runScenarioChecked(scenario, contextFor(raw.target), true);
    expect(encoded.facts.replicaErrors).toEqual([]);
    expect(readFileSync(hex.log, 'utf8')).toMatch(/"sig":"(?:[0-9a-f]{2}){4,}"/);
    expect(verifyAnswers(hex.log)).toBe(verifyAnswers(raw.log));
    expect(verifyAnswers(hex.log)).toBeLessThan(5);
    expect(encoded.facts.deliveries).toBe(plain.facts.deliveries);
  }, 120_000);
});

describe('the signature book', () => {
  it('vouches for a signature carried hex- or base64-encoded, once per child, by its decoded form', () => {
    const book = new SignatureBook();
    book.learn('sig:1:0', 1, 'vote 1');
    book.learn('sig:2:1', 2, 'vote 1');
    const told = new Set<string>();
    const hex = Buffer.from('sig:1:0').toString('hex');
    const b64 = Buffer.from('sig:2:1').toString('base64');
    const payload = { votes: [[1, hex], [2, b64], [3, Buffer.from('sig:3:9').toString('hex')]], raw: 'sig:1:0', word: 'deadbeefcafe' };
    expect(book.factsIn(payload, told)).toEqual([
      { signature: 'sig:1:0', signer: 1, data: 'vote 1' },
      { signature: 'sig:2:1', signer: 2, data: 'vote 1' },
    ]);
    expect(book.factsIn({ again: hex }, told)).toEqual([]);
  });

  it('vouches for each known signature in a payload once per child, at any depth', () => {
    const book = new SignatureBook();
    book.learn('sig:1:0', 1, 'vote 1');
    book.learn('sig:2:1', 2, 'vote 1');
    const told = new Set<string>();
    const payload = { type: 'COMMIT', cert: [{ sig: 'sig:1:0' }, { sig: 'sig:2:1' }, { sig: 'sig:3:9' }], again: 'sig:1:0' };
    expect(book.factsIn(payload, told)).toEqual([
      { signature: 'sig:1:0', signer: 1, data: 'vote 1' },
      { signature: 'sig:2:1', signer: 2, data: 'vote 1' },
    ]);
    expect(book.factsIn(payload, told)).toEqual([]);
    expect(book.factsIn(payload, new Set())).toHaveLength(2);
  });

  it('vouches, given the run\'s table, for an issued signature no child signed or verified yet, raw or encoded, and for nothing else', () => {
    const book = new SignatureBook();
    const table = new Map([['sig:5:3', { signer: 5, data: 'REQUEST|5|1|1|a' }]]);
    const issued = (signature: string) => table.get(signature);
    const payload = { sig: 'sig:5:3', again: Buffer.from('sig:5:3').toString('hex'), forged: 'sig:5:4' };
    expect(book.factsIn(payload, new Set())).toEqual([]);
    expect(book.factsIn(payload, new Set(), issued)).toEqual([{ signature: 'sig:5:3', signer: 5, data: 'REQUEST|5|1|1|a' }]);
    expect(book.factsIn({ hex: Buffer.from('sig:5:3').toString('hex') }, new Set(), issued)).toHaveLength(1);
  });
});
