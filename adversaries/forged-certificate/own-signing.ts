/**
 * Signing a forgery as the target's own code would: the faulty replica's code is handed the forged
 * payload, still under its stale signature, and the text its verification checks that signature
 * against is the text to sign. Discovery can only realign a signed text's top-level values; a
 * forgery that changes nested content a protocol summarises in its signed text (a VIEW-CHANGE's
 * prepared certificates, say) needs the target's own rule, which its verification applies — so
 * this works for any signing scheme, with no codec.
 */
import type { NodeId, ReplicaContext } from '../../src/adapter/contract.js';
import type { SignatureTable } from '../../src/crypto/provider.js';
import { signatureToken, writtenLike, type EncodedIssue } from '../../src/crypto/encoding.js';
import { copyRecord, isRecord } from '../../src/adapter/payload-shape.js';

type Verify = ReplicaContext<unknown>['verify'];

/** One faulty replica's own code as the judge of what a forgery's signature must cover. */
export class OwnSigning {
  // While a probe is delivered: the stale signature it carries and the text its code checked it against.
  private probe: { signature: string; text: string | undefined } | undefined;
  private deliver: ((payload: unknown) => unknown) | undefined;

  constructor(private readonly self: NodeId) {}

  /** The verify to give its own code: during a probe, the probed signature's text is taken down and refused; all else goes to `base`. */
  verify(base: Verify): Verify {
    return (signer, data, signature) => {
      const probe = this.probe;
      if (probe === undefined || signature !== probe.signature) return base(signer, data, signature);
      if (probe.text === undefined && signer === this.self) probe.text = data;
      // Refused, so its code drops the probe and nothing it holds changes.
      return false;
    };
  }

  /** How a payload reaches its own code (set once the code exists). */
  attach(deliver: (payload: unknown) => unknown): void {
    this.deliver = deliver;
  }

  /**
   * `forged` signed afresh with `sign` over the text its own code verifies it against (as its own
   * message), when the signature sits at the top level of `original` (as the table tells) and its
   * code checked it at once; undefined otherwise (an asynchronous replica, or one that dropped it unchecked).
   */
  resign(original: unknown, forged: unknown, table: SignatureTable, sign: (data: string) => string): unknown {
    if (this.deliver === undefined || this.probe !== undefined || !isRecord(original) || !isRecord(forged)) return undefined;
    const key = Object.keys(original).find((k) => signatureToken(table, original[k]) !== undefined);
    // A string or bytes holding an issued token (see encoding.ts).
    const signature = key === undefined ? undefined : signatureToken(table, forged[key]);
    if (key === undefined || signature === undefined) return undefined;
    // Its code verifies the signature as issued, whatever form (hex, base64) the payload carries it in.
    const raw = (table.issued(signature) as Partial<EncodedIssue> | undefined)?.raw ?? signature;
    const probe = { signature: raw, text: undefined as string | undefined };
    this.probe = probe;
    try {
      // An asynchronous replica checks later, under its real verify (which refuses the stale signature).
      const pending = this.deliver(forged);
      if (pending instanceof Promise) pending.catch(() => undefined);
    } catch {
      // Its code choking on the probe tells nothing of the text; the forgery goes unsigned.
    } finally {
      this.probe = undefined;
    }
    return probe.text === undefined ? undefined : copyRecord(forged, { [key]: writtenLike(table, forged[key], sign(probe.text)) });
  }
}
