import { faultsTolerated } from '../src/adapter/contract.js';
import type { Property, Violation } from '../src/property.js';
import { doneAt, executedAt, owedAt, replicasText, slotOf } from './request-progress.js';

/**
 * Liveness, in the VOPR's "correct core" sense: when at most f replicas are faulty, every request a
 * (correct, simulated) client submits is executed by every honest replica within the target's bound
 * B after max(submission, GST) — or covered by state it installed by state transfer. The premise is checked first; runs where it fails are not judged.
 * When replicas declare views (reconfiguration), only the honest members of the view at the
 * request's slot are owed its execution, and a request is judged only if that view holds at most
 * ⌊(members − 1)/3⌋ faulty replicas.
 * A deadline later than the run's end is not judged either, unless the run went quiet (then nothing
 * more could ever happen). Requires executions to name their origin.
 */
export const liveness: Property = {
  name: 'liveness',
  description: 'with ≤ f faulty replicas, every request is executed by every honest replica within the target bound after GST',
  check(facts) {
    const bound = facts.livenessBoundMs;
    const faulty = facts.honest.filter((h) => !h).length;
    if (bound === undefined || faulty > facts.f || facts.lostAfterGst > 0 || facts.stopReason === 'replica-error' || facts.stopReason === 'violation') return [];
    const honest = facts.honest.flatMap((h, i) => (h ? [i] : []));
    const executed = executedAt(facts);
    const slots = slotOf(facts);
    const violations: Violation[] = [];
    for (const s of facts.submitted) {
      const deadline = Math.max(s.timeMs, facts.gstMs) + bound;
      if (facts.stopReason !== 'quiescent' && facts.endTimeMs < deadline) continue;
      const key = `${s.client}/${s.requestId}`;
      const done = executed.get(key);
      const slot = slots.get(key);
      // With reconfiguration the premise is judged in the view at the request's slot.
      const { view, owed } = owedAt(facts, honest, slot);
      if (view !== null && view.filter((r) => facts.honest[r] === false).length > faultsTolerated(view.length)) continue;
      const missing = owed.filter((r) => doneAt(facts, done, slot, r) > deadline);
      if (missing.length === 0) continue;
      const premise = view === null
        ? `${faulty} faulty ≤ f = ${facts.f}`
        : `view ${view.join(', ')} at seq ${slot ?? '(latest)'} with ${view.filter((r) => facts.honest[r] === false).length} faulty ≤ f = ${faultsTolerated(view.length)}`;
      violations.push({
        property: 'liveness',
        message:
          `request ${s.requestId} of client ${s.client} (${JSON.stringify(s.operation)}, submitted at ${s.timeMs} ms) was not executed by ${replicasText(missing)} ` +
          `by ${deadline} ms = max(submission, GST ${facts.gstMs} ms) + bound ${bound} ms; premise held: ${premise}, network reliable after GST`,
        nodes: [s.client, ...missing],
        seqs: [],
        values: [s.operation],
        steps: [s.step],
      });
    }
    return violations;
  },
};
