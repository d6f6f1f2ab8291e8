import pbft, { PbftReplica } from '../../pbft/index.js';
import { zooTarget, type ZooBug } from '../kit.js';

/** The bug: the client accepts the first reply it gets instead of f + 1 matching ones. */
export const bug: ZooBug = { description: 'the client accepts the first reply it gets instead of f + 1 matching replies', expected: 'client-safety' };

/**
 * The replicas are the reference; the bug is in the client, which the harness simulates: the
 * target asks for a quorum of one (`ClientOptions.acceptQuorum`), so one lying replica suffices.
 */
const target = zooTarget('client-accepts-first-reply', bug, (ctx) => new PbftReplica(ctx));

/** `zoo/client-accepts-first-reply`. */
export default { ...target, client: { ...pbft.client, acceptQuorum: 1 } };
