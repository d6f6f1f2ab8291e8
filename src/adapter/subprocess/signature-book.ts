/**
 * Protocol 3, signatures byzcheck vouches for: most of a signing replica's in-band round trips are
 * `verify` requests of signatures that are valid (an honest peer's vote). The harness learns every
 * valid (signature, signer, data) of a run as its children sign and verify, and attaches to an
 * event line the facts about the signatures in its payload that the child was not told yet; the
 * child then answers a `verify` of exactly such a triple itself, without a round trip.
 *
 * Only valid triples are vouched for: a failed verification is still asked (the World counts an
 * honest replica's rejected signatures), so the run's facts and trace are those of protocol 1.
 */
import { decodings } from '../../crypto/encoding.js';
import type { IssuedSignature } from '../../crypto/provider.js';
import type { NodeId } from '../contract.js';

/** One vouched-for fact: `signature` is `signer`'s valid signature of `data` in this run. */
export interface SignedFact {
  readonly signature: string;
  readonly signer: NodeId;
  readonly data: string;
}

/** Deepest payload nesting searched for signatures (payloads are JSON trees; a deeper one is odd). */
const MAX_DEPTH = 32;
/** Strings whose decodings a book remembers before it starts afresh (decoding is a pure function of the string). */
const DECODED_CACHE_SIZE = 1 << 12;

/** The valid signatures of one run, as its replicas' own sign and verify answers showed them. */
export class SignatureBook {
  private readonly facts = new Map<string, SignedFact>();
  // Many replicas carry a signature hex- or base64-encoded, as they would real signature bytes
  // (crypto/encoding.ts), and pass the decoded string to `verify`: unless the book looks through the
  // encoding, every such verification is a round trip (a chained-HotStuff replica on the Python
  // binding asked 6,599 of them in 20 runs). What each string decodes to is remembered; whether
  // the decoded signature is known is asked each time, as the book learns during the run.
  private readonly decoded = new Map<string, readonly string[]>();

  /** Records a valid triple (a sign answer, or a verify answered true by the world's provider). */
  learn(signature: string, signer: NodeId, data: string): void {
    if (typeof signature === 'string' && !this.facts.has(signature)) this.facts.set(signature, { signature, signer, data });
  }

  /**
   * The facts about signatures found anywhere in `payload` that are not in `told` yet (added to it).
   * With `issued`, the run's table of issued signatures, a signature no replica signed or verified
   * through a child yet (a strategy's, a client's) is known too.
   */
  factsIn(payload: unknown, told: Set<string>, issued?: (signature: string) => IssuedSignature | undefined): SignedFact[] {
    const found: SignedFact[] = [];
    if (this.facts.size > 0 || issued !== undefined) this.collect(payload, told, found, 0, issued);
    return found;
  }

  private collect(value: unknown, told: Set<string>, found: SignedFact[], depth: number, issued: ((signature: string) => IssuedSignature | undefined) | undefined): void {
    if (typeof value === 'string') {
      const fact = this.known(value, issued) ?? this.encodedFact(value, issued);
      if (fact !== undefined && !told.has(fact.signature)) {
        told.add(fact.signature);
        found.push(fact);
      }
    } else if (typeof value === 'object' && value !== null && depth < MAX_DEPTH) {
      const children = Array.isArray(value) ? value : Object.values(value);
      for (const child of children) this.collect(child, told, found, depth + 1, issued);
    }
  }

  /** The fact about `signature` as issued: learnt already, or from the run's table (and then learnt). */
  private known(signature: string, issued: ((signature: string) => IssuedSignature | undefined) | undefined): SignedFact | undefined {
    const fact = this.facts.get(signature);
    if (fact !== undefined || issued === undefined) return fact;
    const record = issued(signature);
    if (record === undefined) return undefined;
    this.learn(signature, record.signer, record.data);
    return this.facts.get(signature);
  }

  /** The fact about the signature `value` is an exact hex or base64 encoding of, if the book knows it. */
  private encodedFact(value: string, issued: ((signature: string) => IssuedSignature | undefined) | undefined): SignedFact | undefined {
    let raws = this.decoded.get(value);
    if (raws === undefined) {
      if (this.decoded.size >= DECODED_CACHE_SIZE) this.decoded.clear();
      this.decoded.set(value, (raws = decodings(value).map((d) => d.raw)));
    }
    for (const raw of raws) {
      const fact = this.known(raw, issued);
      if (fact !== undefined) return fact;
    }
    return undefined;
  }
}
