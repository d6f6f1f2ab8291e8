import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { declaredTarget, TargetFileError } from '../src/adapter/subprocess/declared-target.js';

const dir = mkdtempSync(join(tmpdir(), 'byzcheck-declared-unit-'));
const write = (name: string, value: unknown): string => {
  const file = join(dir, name);
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
};

describe('declaredTarget', () => {
  it('carries every declared setting into the target, bounds evaluated from their formulas', () => {
    const file = write('full.json', {
      command: ['python3', 'replica.py'], livenessBoundMs: '1000 + (f + 1) * 500', timelinessBoundMs: 'max(10 * delayMsMax, clients * 20)',
      clusterSizes: [4, 7], client: { sendFirstTo: 'all', retransmitMs: 250 }, limits: { timeMs: 9000 }, codec: { seq: 'height' },
    });
    const target = declaredTarget(file, 'x/full.json');
    try {
      expect(target.name).toBe('x/full.json');
      expect(target.clusterSizes).toEqual([4, 7]);
      expect(target.client).toEqual({ sendFirstTo: 'all', retransmitMs: 250 });
      expect(target.limits).toEqual({ timeMs: 9000 });
      expect(target.livenessBoundMs?.({ n: 7, f: 2 }, {})).toBe(2500);
      expect(target.timelinessBoundMs?.({ n: 4, f: 1, clients: 3, delayMsMax: 5 }, {})).toBe(60);
      expect(target.codec?.fields({ height: 3 })).toEqual({ seq: 3 });
    } finally {
      target.close();
    }
  });

  it('declares no bound it was not given', () => {
    const target = declaredTarget(write('bare.json', { command: ['./replica'] }));
    expect(target.livenessBoundMs).toBeUndefined();
    expect(target.timelinessBoundMs).toBeUndefined();
    expect(target.codec).toBeUndefined();
    target.close();
  });

  it('names the problem of a file that is not JSON, or not an object of the right shape', () => {
    expect(() => declaredTarget(write('broken.json', '{ "command": [ }'))).toThrow(TargetFileError);
    expect(() => declaredTarget(write('broken.json', '{ "command": [ }'))).toThrow(/not JSON/);
    expect(() => declaredTarget(write('empty.json', {}))).toThrow(/command: Invalid input: expected array, received undefined/);
    expect(() => declaredTarget(write('neg.json', { command: ['x'], stepTimeoutMs: -1, clusterSizes: [] }))).toThrow(/stepTimeoutMs: .*\n.*clusterSizes: /);
  });
});
