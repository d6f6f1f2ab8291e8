import type { NodeId } from '../../../src/adapter/contract.js';
import { ModSmartReplica, type SyncPlan } from '../../modsmart/index.js';
import type { SyncMsg } from '../../modsmart/messages.js';
import { proposeMatchesPlan } from '../../modsmart/sync.js';
import { modSmartZooTarget, type ModSmartZooBug } from '../../modsmart/zoo-kit.js';

/** The bug: a SYNC's collected STOPDATAs are checked for regency, sender and proofs, but their signatures never are. */
export const bug: ModSmartZooBug = {
  description: 'checks the STOPDATAs a SYNC collects for regency, sender and proofs but never verifies their signatures',
  expected: 'agreement',
};

/** Mod-SMaRt with exactly this one change: `verifyMessage(sd)` left out of S's check. */
class SyncProofsNotVerified extends ModSmartReplica {
  protected override validateSync(m: SyncMsg): SyncPlan | null {
    const senders = new Set<NodeId>();
    for (const sd of m.stopData) {
      if (sd.reg !== m.reg || senders.has(sd.sender) || !this.isMember(sd.sender) || !this.isValidStopData(sd)) return null;
      senders.add(sd.sender);
    }
    if (senders.size < this.stopDataQuorum()) return null;
    const plan = this.selectSync(m.stopData);
    const p = m.propose;
    if (!proposeMatchesPlan(p, plan)) return null;
    if (p !== null && (p.reg !== m.reg || p.sender !== m.sender || !this.isValidProposal(p))) return null;
    return plan;
  }
}

/** `zoo/modsmart-sync-proofs-not-verified`. */
export default modSmartZooTarget('modsmart-sync-proofs-not-verified', bug, (ctx) => new SyncProofsNotVerified(ctx));
