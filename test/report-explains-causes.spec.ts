import { beforeAll, describe, expect, it } from 'vitest';
import type { TraceEvent } from '../src/sim/trace.js';
import { diagramOf, runCase, type ReportCase } from './report-cases.js';

// The cause of each violation is in the slice, in the Mermaid diagram and in the HTML report,
// though the replica that broke never saw it: a drop, a silence, forged votes.

function sliceOf(c: ReportCase): number[] {
  return c.data.events.filter((e) => e.slice).map((e) => e.i);
}

describe('a total-order violation caused by a dropped message (examples/my-replica.ts, seed 7, no adversary)', () => {
  let c: ReportCase;
  let drop: number;
  beforeAll(async () => {
    c = await runCase('my-replica-total-order');
    drop = c.json.trace.findIndex((e: TraceEvent) => e.kind === 'drop' && e.from === 0 && e.to === 1 && JSON.parse(e.payload).seq === 1);
  });

  it('has the drop of R0\'s order for seq 1 to R1 in the slice, marked as missing', () => {
    expect(drop).toBeGreaterThanOrEqual(0);
    const e = c.data.events[drop];
    expect(e?.slice).toBe(true);
    expect(e?.missing).toBe(true);
    expect(e?.mark).toMatch(/^dropped \((tape|lost|partition)\), needed by R1$/);
  });

  it('keeps R0\'s own decision of seq 1 and leaves out the client-request drops nothing needed', () => {
    const slice = sliceOf(c).map((i) => c.json.trace[i] as TraceEvent);
    expect(slice.some((e) => e.kind === 'commit' && e.node === 0 && e.seq === 1)).toBe(true);
    expect(slice.filter((e) => e.kind === 'drop' && e.from >= c.json.scenario.n)).toEqual([]);
  });

  it('draws the drop in the Mermaid diagram and says why seq 1 never reached R1', () => {
    const diagram = diagramOf(c.markdown);
    expect(diagram).toMatch(/R0-xR1: MISSING, dropped \(\w+\), needed by R1: seq 1/);
    expect(diagram).toContain('Note over R0: commit seq 1');
    expect(c.markdown).toContain("## Why it didn't happen");
    expect(c.markdown).toMatch(/- Missing: R0 → R1 seq 1, op "get a".*\(step \d+, \d+ ms\): (dropped by the network|lost|cut by a partition)/);
  });

  it('puts the explanation in the HTML report', () => {
    const why = c.data.whyNot[0];
    expect(why?.heading).toContain('R1 executed seq 2');
    expect(why?.lines.some((l) => l.startsWith('Missing: R0 → R1 seq 1'))).toBe(true);
  });
});

describe('a liveness violation of a Python subprocess target (seed002-python, seed 1)', () => {
  let c: ReportCase;
  beforeAll(async () => {
    c = await runCase('python-liveness');
  });

  it('puts the request reaching the faulty primary, which never passed it on, in the slice', () => {
    const heard = c.json.trace.findIndex((e: TraceEvent) => e.kind === 'deliver' && e.to === 0 && e.from >= c.json.scenario.n);
    expect(heard).toBeGreaterThanOrEqual(0);
    expect(sliceOf(c)).toContain(heard);
    expect(sliceOf(c).length).toBeGreaterThan(2);
  });

  it('says in the diagram and the HTML that no one sent the waiting replicas anything about the request', () => {
    const diagram = diagramOf(c.markdown);
    expect(diagram).toMatch(/Note over R0: R0 heard of request 1 of C4 here and never sent anything about it to anyone/);
    expect(diagram).toMatch(/Note over R1: R1 waited in vain for request 1 of C4.*nothing about it from R0/);
    const why = c.data.whyNot.find((w) => w.heading.includes('R1 never executed request 1 of C4'));
    expect(why?.lines).toContain('R0, R2, R3 sent nothing about request 1 of C4 to anyone.');
    expect(why?.lines.some((l) => l.startsWith('R0 heard of it'))).toBe(true);
  });
});

describe('an agreement violation caused by forged votes (zoo/signatures-not-verified, double dealer, seed 3)', () => {
  let c: ReportCase;
  beforeAll(async () => {
    c = await runCase('forged-votes');
  });

  it('has the forged votes delivered to the deciding replicas in the slice, marked with who signed them', () => {
    const forged = c.data.events.filter((e) => e.slice && e.ev.kind === 'deliver' && /^forged: claims R\d, signed by R0$/.test(e.mark ?? ''));
    expect(forged.length).toBeGreaterThanOrEqual(2);
    expect(forged.every((e) => e.detail?.includes('was issued by R0'))).toBe(true);
  });

  it('marks them in the Mermaid diagram and lists them with their diffs', () => {
    expect(diagramOf(c.markdown)).toMatch(/R0->>R1: ⚠ forged: claims R[23], signed by R0 · COMMIT v0 seq 1/);
    expect(c.markdown).toContain('## Forged or altered messages');
    expect(c.markdown).toMatch(/claims to be signed by R[123] but its signature sig:0:\d+ was issued by R0/);
    expect(c.markdown).toMatch(/differs from what R0 sent R\d at step \d+ \(equivocation\): digest: /);
    expect(c.data.forgeries.length).toBeGreaterThan(0);
  });
});
