import type { PreparedCert, ViewChangeMsg } from '../../pbft/messages.js';
import { PbftReplica } from '../../pbft/index.js';
import { zooTarget, type ZooBug } from '../kit.js';

/** The bug: a prepared certificate counts its valid PREPAREs, not their distinct signers. */
export const bug: ZooBug = { description: 'counts the valid PREPAREs of a prepared certificate in a VIEW-CHANGE, so one signer\'s vote twice counts twice', expected: 'agreement' };

/** The reference PBFT with exactly this one change: a count of votes instead of a set of senders. */
class CertificateDuplicateSigner extends PbftReplica {
  protected override isValidPreparedCert(cert: PreparedCert, vc: ViewChangeMsg): boolean {
    const pp = cert.prePrepare;
    if (pp.view >= vc.view || pp.seq <= vc.seq || pp.seq > vc.seq + this.options.logWindow) return false;
    if (pp.sender !== this.primaryOf(pp.view) || !this.batchIsValid(pp) || !this.verifyMessage(pp)) return false;
    let votes = 0;
    for (const p of cert.prepares) {
      if (p.view !== pp.view || p.seq !== pp.seq || p.digest !== pp.digest || p.sender === pp.sender) continue;
      if (this.verifyMessage(p)) votes++;
    }
    return votes >= this.prepareQuorum();
  }
}

/** `zoo/certificate-duplicate-signer`. */
export default zooTarget('certificate-duplicate-signer', bug, (ctx) => new CertificateDuplicateSigner(ctx));
