import { describe, expect, it } from 'vitest';
import { StepOrder } from '../src/adapter/subprocess/step-order.js';

/** A promise the test settles by hand. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('the steps of one run over child processes', () => {
  it('are handed back in the order they were issued, whichever child answers first', async () => {
    const order = new StepOrder();
    const first = deferred<string>();
    const second = deferred<string>();
    const handed: string[] = [];
    const a = order.inTurn(first.promise).then((v) => handed.push(v));
    const b = order.inTurn(second.promise).then((v) => handed.push(v));
    // The second child answers first (a twin's copy on a faster process): its effects must wait.
    second.resolve('second');
    await new Promise((r) => setImmediate(r));
    expect(handed).toEqual([]);
    first.resolve('first');
    await Promise.all([a, b]);
    expect(handed).toEqual(['first', 'second']);
  });

  it('hand a failed step back in its turn without holding up the ones after it', async () => {
    const order = new StepOrder();
    const failing = deferred<string>();
    const taken = order.inTurn(failing.promise);
    const next = order.inTurn(Promise.resolve('next'));
    failing.reject(new Error('child died'));
    await expect(taken).rejects.toThrow('child died');
    await expect(next).resolves.toBe('next');
  });
});
