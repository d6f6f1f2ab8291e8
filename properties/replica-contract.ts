import type { Property } from '../src/property.js';

/** A replica that throws or breaks the adapter contract is a finding about that replica, not a harness crash. */
export const replicaContract: Property = {
  name: 'replica-contract',
  description: 'no replica throws, rejects, or emits a malformed effect',
  check(facts) {
    return facts.replicaErrors.map((e) => ({
      property: 'replica-contract',
      message: `replica ${e.replica} failed while handling ${e.event}: ${e.message}`,
      nodes: [e.replica],
      seqs: [],
      values: [e.message],
      steps: [e.step],
    }));
  },
};
