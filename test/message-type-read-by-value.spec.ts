import { describe, expect, it } from 'vitest';
import { guessFields, guessWithFields, structureCodec } from '../src/adapter/discovery.js';
import { roleOf } from '../src/strategy-kit.js';

// A replica from elsewhere may keep its message type under a key of no usual name ("t", "m",
// "msg"): codec-free discovery then gave no message a type, so every strategy that picks
// proposals, votes or view changes by role saw only 'other' and fell back to blind mutation.
describe('a message type under a key of no usual name', () => {
  const propose = { t: 'propose', view: '0', seq: 1, digest: 'c0ffee00c0ffee00' };

  it('is the first top-level string that names a known message type, for a target without a codec', () => {
    expect(guessFields(propose, true).type).toBe('propose');
    expect(guessFields({ m: 'NEW-VIEW', v: 2 }, true).type).toBe('NEW-VIEW');
    expect(roleOf(structureCodec(undefined, undefined), propose)).toBe('proposal');
  });

  it('is not guessed from strings that name no message type, nor when a codec is declared', () => {
    expect(guessFields({ t: 'gossip', phase: 'p', seq: 1 }, true).type).toBeUndefined();
    expect(guessFields(propose, false).type).toBeUndefined();
  });

  it('yields to a key that is named like a type', () => {
    expect(guessFields({ note: 'commit', type: 'VOTE' }, true).type).toBe('VOTE');
  });

  it('is rewritten where it was found', () => {
    expect(guessWithFields(propose, { type: 'PREPARE' }, true)).toEqual({ ...propose, t: 'PREPARE' });
  });
});
