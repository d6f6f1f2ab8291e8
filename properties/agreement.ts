import type { CommitFact } from '../src/sim/facts.js';
import type { Property, Violation } from '../src/property.js';

/** Agreement: no two honest replicas commit different values at the same sequence number. */
export const agreement: Property = {
  name: 'agreement',
  description: 'no two honest replicas commit different values at the same sequence number (across views)',
  check(facts) {
    const first = new Map<number, CommitFact>();
    const violations: Violation[] = [];
    const reported = new Set<number>();
    for (const commit of facts.commits) {
      const earlier = first.get(commit.seq);
      if (earlier === undefined) {
        first.set(commit.seq, commit);
        continue;
      }
      if (earlier.value === commit.value || reported.has(commit.seq)) continue;
      reported.add(commit.seq);
      const who = earlier.replica === commit.replica ? `replica ${commit.replica} changed its mind` : `replicas ${earlier.replica} and ${commit.replica} disagree`;
      violations.push({
        property: 'agreement',
        message: `${who} at seq ${commit.seq}: ${JSON.stringify(earlier.value)} vs ${JSON.stringify(commit.value)}`,
        nodes: [earlier.replica, commit.replica],
        seqs: [commit.seq],
        values: [earlier.value, commit.value],
        steps: [earlier.step, commit.step],
      });
    }
    return violations;
  },
  tripwire() {
    const decided = new Map<number, string>();
    return (facts, kind) => {
      if (kind !== 'commit') return false;
      const c = facts.commits[facts.commits.length - 1] as CommitFact;
      const earlier = decided.get(c.seq);
      if (earlier === undefined) decided.set(c.seq, c.value);
      return earlier !== undefined && earlier !== c.value;
    };
  },
};
