import type { Vote, VoteMap } from '../../pbft/log.js';
import { PbftReplica } from '../../pbft/index.js';
import { zooTarget, type ZooBug } from '../kit.js';

/** The bug: counts PREPAREs and COMMITs per message, so one sender can vote many times. */
export const bug: ZooBug = { description: 'counts PREPAREs and COMMITs per message, so one sender can vote many times', expected: 'agreement' };

/** The reference PBFT with exactly this one change. */
class VotesPerMessage extends PbftReplica {
  protected override addVote<V extends Vote>(votes: VoteMap<V>, vote: V): void {
    votes.set(votes.size * 1_000 + vote.sender, vote);
  }
}

/** `zoo/votes-per-message`. */
export default zooTarget('votes-per-message', bug, (ctx) => new VotesPerMessage(ctx));
