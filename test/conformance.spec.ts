import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildGoBinary, GO_MISSING, goAvailable } from '../src/adapter/subprocess/go-build.js';
import { childTransport, CONFORMANCE_VERSIONS, conformancePath, inProcessTransport, loadConformance, mismatch, runConformance } from './fixtures/conformance.js';
import { conformanceReplica } from './fixtures/conformance-replica.js';

const ROOT = join(import.meta.dirname, '..');
const suite = loadConformance();

describe.each(CONFORMANCE_VERSIONS)('the subprocess protocol conformance suite, version %i', (version) => {
  const versionSuite = loadConformance(version);

  it(`${conformancePath(version)} passes against the Python binding`, async () => {
    expect(await runConformance(versionSuite, childTransport(['python3', join(ROOT, 'bindings', 'python', 'tests', 'conformance_replica.py')]))).toEqual([]);
  });

  it(`${conformancePath(version)} passes against the Go binding`, async () => {
    if (!goAvailable()) throw new Error(GO_MISSING);
    const binary = buildGoBinary(join(ROOT, 'bindings', 'go'), 'conformance', './cmd/conformance');
    expect(await runConformance(versionSuite, childTransport([binary]))).toEqual([]);
  }, 120_000);

  it(`${conformancePath(version)} passes against the TypeScript in-process contract`, async () => {
    expect(await runConformance(versionSuite, inProcessTransport(conformanceReplica, versionSuite))).toEqual([]);
  });
});

describe('the conformance suites judge', () => {

  it('fails a replica that gets one detail wrong, naming the step and the field', async () => {
    const sloppy: typeof conformanceReplica = (ctx) => {
      const inner = conformanceReplica(ctx);
      return { ...inner, onTimer: (id) => ctx.log(`timer: ${id}`) };
    };
    const failures = await runConformance(suite, inProcessTransport(sloppy, suite));
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatch(/^step 4 \(a timer event carries its id\): line\.effects\[0\]\.message: expected "timer t", got "timer: t"/);
  });

  it('matches patterns and treats a done without effects as effects []', () => {
    expect(mismatch({ a: { $any: 'string' }, b: { $contains: 'oo' } }, { a: 'x', b: 'boom' })).toBeNull();
    expect(mismatch({ a: 1 }, { a: 1, b: 2 })).toBe('.b: unexpected field (2)');
  });

  it('fails a protocol-1-only child on the version 2 suite at the handshake', async () => {
    const v1Only = ['python3', join(ROOT, 'test', 'fixtures', 'subprocess', 'v2_signer.py'), 'v1'];
    const failures = await runConformance(loadConformance(2), childTransport(v1Only));
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatch(/^step 1 \(handshake: a harness offering versions 1 to 2 gets 2\): line\.protocol: expected 2, got 1/);
  });
});
