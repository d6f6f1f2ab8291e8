import type { LostMessage, Scenario } from '../../scenario/types.js';
import type { TraceEvent } from '../../sim/trace.js';
import { runScenarioChecked } from '../run-scenario.js';
import { withNetwork, type Minimiser } from './minimiser.js';

/** Names of the messages a traced run sent, as a plan names them, with whether each was delivered in the run or lost by name. */
function messagesOf(trace: readonly TraceEvent[]): { id: LostMessage; delivered: boolean; lost: boolean }[] {
  const delivered = new Set<number>();
  for (const e of trace) if (e.kind === 'deliver') delivered.add(e.msg);
  const sent = new Map<string, number>();
  const out: { id: LostMessage; delivered: boolean; lost: boolean }[] = [];
  let previous: TraceEvent | undefined;
  for (const e of trace) {
    // A duplicated message is one send on the wire twice: the copy directly follows, and is not counted.
    const copy = e.kind === 'send' && previous?.kind === 'send' && previous.step === e.step && previous.from === e.from && previous.to === e.to && previous.payload === e.payload;
    previous = e;
    if ((e.kind !== 'send' && e.kind !== 'drop') || copy) continue;
    const link = `${e.from}>${e.to}`;
    const nth = (sent.get(link) ?? 0) + 1;
    sent.set(link, nth);
    out.push({ id: { from: e.from, to: e.to, nth }, delivered: e.kind === 'send' && delivered.has(e.msg), lost: e.kind === 'drop' && e.reason === 'lost' });
  }
  return out;
}

const lostKey = (x: LostMessage): number => (x.from * 4096 + x.to) * 1_000_000 + x.nth;

/** The scenario losing exactly `ids`; the list is kept sorted by link and number, to read as a table. */
function losing(s: Scenario, ids: readonly LostMessage[]): Scenario {
  return withNetwork(s, { lost: [...ids].sort((a, b) => lostKey(a) - lostKey(b)) });
}

/**
 * Loss pass, for runs a safety tripwire stopped: safety must hold however the network behaves, so
 * delivered messages are tried as lost, latest first, in blocks of 16, then 4, then one by one
 * (losing a message never changes what was sent before it, so the earlier names stay valid). What
 * remains is the traffic the violation needs. Liveness runs are left alone: losing a message after
 * GST would break their premise. Names that no longer match a message of the run (a run that
 * changed shape) are inert and are dropped, so the file lists only what the run loses.
 */
export async function losses(m: Minimiser): Promise<boolean> {
  let kept = false;
  for (const size of [16, 4, 1]) {
    if (m.best.facts.stopReason !== 'violation' || m.exhausted) break;
    const { trace } = await runScenarioChecked(m.best.scenario, m.options, true);
    const messages = messagesOf(trace ?? []);
    const used = messages.filter((x) => x.lost).map((x) => x.id);
    if (used.length < (m.best.scenario.network.lost?.length ?? 0) && (await m.attempt(losing(m.best.scenario, used)))) kept = true;
    const ids = messages.filter((x) => x.delivered).map((x) => x.id).reverse();
    for (let i = 0; i < ids.length && !m.exhausted; i += size) {
      if (await m.attempt(losing(m.best.scenario, [...(m.best.scenario.network.lost ?? []), ...ids.slice(i, i + size)]))) kept = true;
    }
  }
  return kept;
}
