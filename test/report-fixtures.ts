import type { Codec, Target } from '../src/adapter/contract.js';
import { check, type CheckResult, type Counterexample } from '../src/check/driver.js';
import { spaceFor } from '../src/check/space.js';
import { ALL_ADVERSARIES, selectAdversaries, selectProperties } from '../src/cli/selection.js';
import type { CampaignSettings } from '../src/report/counterexample-file.js';
import type { TraceEvent } from '../src/sim/trace.js';
import naiveBroadcast from '../targets/naive-broadcast/index.js';

/** Markup an adversarial payload might carry: it must show up as text in every report, never as markup. */
export const HOSTILE = '<img src=x onerror=alert(1)></script><script>alert(1)</script>';

/** The naive-broadcast target, typed for reports. */
export const target = naiveBroadcast as Target<unknown>;

/** The target's codec, typed for reports. */
export const codec = target.codec as Codec<unknown>;

/** Campaign settings of the fixture campaign (equivocator only, every property). */
export const settings: CampaignSettings = {
  target: 'naive-broadcast',
  adversaries: ['equivocator'],
  properties: selectProperties(undefined).map((p) => p.name),
  beyondF: false,
};

/** A real campaign against targets/naive-broadcast, seed 1, equivocator only: it finds a shrunk counterexample. */
export async function naiveCampaign(): Promise<CheckResult & { counterexample: Counterexample }> {
  const adversaries = selectAdversaries(['equivocator']);
  const result = await check({
    target, adversaries: ALL_ADVERSARIES, space: spaceFor(target, adversaries, false), properties: selectProperties(undefined), runs: 200, seed: 1,
  });
  if (result.counterexample === null) throw new Error('fixture campaign found no counterexample: naive-broadcast must be flagged');
  return { ...result, counterexample: result.counterexample };
}

/** `value` with every occurrence of `from` in its strings replaced by `to`; JSON payload strings are rewritten as JSON. */
function replaceDeep(value: unknown, from: string, to: string, key = ''): unknown {
  if (typeof value === 'string') {
    if (key !== 'payload') return value.split(from).join(to);
    return JSON.stringify(replaceDeep(JSON.parse(value) as unknown, from, to));
  }
  if (Array.isArray(value)) return value.map((v) => replaceDeep(v, from, to));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceDeep(v, from, to, k)]));
  }
  return value;
}

/** The counterexample with every occurrence of `from` (in payloads, operations, values and messages) replaced by `to`. */
export function inject(cx: Counterexample, from: string, to: string): Counterexample {
  return replaceDeep(cx, from, to) as Counterexample;
}

/** Shorthand to build trace events in hand-made traces. */
export const ev = {
  send: (step: number, msg: number, from: number, to: number, payload = '{}'): TraceEvent => ({ step, t: step, kind: 'send', msg, from, to, payload, at: step + 1 }),
  deliver: (step: number, msg: number, from: number, to: number, payload = '{}'): TraceEvent => ({ step, t: step, kind: 'deliver', msg, from, to, payload }),
  drop: (step: number, from: number, to: number, reason: 'partition' | 'tape' = 'tape'): TraceEvent => ({ step, t: step, kind: 'drop', from, to, payload: '{}', reason }),
  timer: (step: number, node: number, id = 'wake'): TraceEvent => ({ step, t: step, kind: 'timer', node, id }),
  commit: (step: number, node: number, seq: number, value: string): TraceEvent => ({ step, t: step, kind: 'commit', node, seq, value }),
  execute: (step: number, node: number, seq: number, operation: string): TraceEvent => ({ step, t: step, kind: 'execute', node, seq, operation, result: `ok:${operation}` }),
  submit: (step: number, node: number, requestId: number, operation: string): TraceEvent => ({ step, t: step, kind: 'submit', node, requestId, operation }),
  accept: (step: number, node: number, requestId: number, result: string): TraceEvent => ({ step, t: step, kind: 'accept', node, requestId, result }),
  log: (step: number, node: number, message: string): TraceEvent => ({ step, t: step, kind: 'log', node, message }),
};
