import type { NodeId } from '../../../src/adapter/contract.js';
import type { PreparedCert, ViewChangeMsg } from '../../pbft/messages.js';
import { PbftReplica } from '../../pbft/index.js';
import { zooTarget, type ZooBug } from '../kit.js';

/** The bug: a prepared certificate counts its primary's PRE-PREPARE as one of the 2f PREPAREs. */
export const bug: ZooBug = { description: 'counts the primary\'s PRE-PREPARE as one of the 2f PREPAREs of a prepared certificate in a VIEW-CHANGE', expected: 'agreement' };

/** The reference PBFT with exactly this one change: the primary starts out counted among the PREPAREs' senders. */
class PreparedCountsPrePrepare extends PbftReplica {
  protected override isValidPreparedCert(cert: PreparedCert, vc: ViewChangeMsg): boolean {
    const pp = cert.prePrepare;
    if (pp.view >= vc.view || pp.seq <= vc.seq || pp.seq > vc.seq + this.options.logWindow) return false;
    if (pp.sender !== this.primaryOf(pp.view) || !this.batchIsValid(pp) || !this.verifyMessage(pp)) return false;
    const seen = new Set<NodeId>([pp.sender]);
    for (const p of cert.prepares) {
      if (p.view !== pp.view || p.seq !== pp.seq || p.digest !== pp.digest || seen.has(p.sender)) continue;
      if (this.verifyMessage(p)) seen.add(p.sender);
    }
    return seen.size >= this.prepareQuorum();
  }
}

/** `zoo/prepared-counts-pre-prepare`. */
export default zooTarget('prepared-counts-pre-prepare', bug, (ctx) => new PreparedCountsPrePrepare(ctx));
