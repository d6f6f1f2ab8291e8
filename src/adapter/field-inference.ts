/**
 * Field inference by value: for a signed object whose keys carry no usual name (`{ h, r, id, by,
 * sig }`), which keys hold its sender, sequence-like numbers and digest — read from what the
 * harness knows about its signature (who signed it and over what text), not from key names. So
 * strategies can re-attribute, alter and relabel votes of a protocol whose vocabulary nobody
 * taught them. Pure and deterministic: keys are taken in the object's own order.
 */
import type { NodeId, PayloadFields } from './contract.js';

/** The key of an object that carries each protocol field (only those it was able to tell). */
export type FieldKeys = Partial<Record<keyof PayloadFields, string>>;

/** What the harness knows of the object's signature: its signer, the text it covers, and the key it sits under. */
export interface SignatureFacts {
  readonly signer: NodeId;
  readonly data: string;
  readonly signatureKey: string;
}

/**
 * A small integer written as a decimal string: no sign, no leading zero, at most six digits — a
 * key with no usual name is judged by its value alone, and a short hex digest can be all digits.
 */
const DECIMAL = /^(0|[1-9][0-9]{0,5})$/;

/** A digest-like value: one token of six or more word characters with a digit in it (a hash, a block id), not prose. */
const DIGEST_LIKE = /^(?=.*[0-9])[A-Za-z0-9:_~.+/=-]{6,}$/;

/** Whether `token` occurs in `data` as a whole token (not glued to letters or digits on either side). */
export function covers(data: string, token: string): boolean {
  const word = /[A-Za-z0-9]/;
  for (let at = data.indexOf(token); at >= 0; at = data.indexOf(token, at + 1)) {
    if (!word.test(data.charAt(at - 1)) && !word.test(data.charAt(at + token.length))) return true;
  }
  return false;
}

/**
 * The keys of `obj` that carry its sender, seq, view and digest, inferred from its values:
 * - sender: a number equal to the signer — one the signed text leaves out first (the signer is
 *   usually implicit in the key), else the last such key;
 * - seq, then view: the other numbers the signed text covers, in key order (a height before a
 *   round, as in block protocols; a protocol with named keys never gets here for them);
 * - digest: a digest-like string the signed text covers.
 * `known` keys (found by name) are kept and not reused.
 */
export function inferFieldKeys(obj: Readonly<Record<string, unknown>>, facts: SignatureFacts, known: FieldKeys = {}): FieldKeys {
  const out: FieldKeys = { ...known };
  const used = new Set<string>([facts.signatureKey, ...Object.values(known).filter((k): k is string => k !== undefined)]);
  const entries = Object.entries(obj).filter(([k]) => !used.has(k));
  // Integers written as decimal strings count too ("h": "7"), as protobuf's JSON mapping writes them.
  const numbers = entries.flatMap(([k, v]): [string, number][] => {
    // A bigint round or height (`round: 5n`) is a number too.
    const n = typeof v === 'number' ? v : typeof v === 'bigint' && v >= 0n && v <= 999_999n ? Number(v) : typeof v === 'string' && DECIMAL.test(v) ? Number(v) : undefined;
    return n !== undefined && Number.isInteger(n) ? [[k, n]] : [];
  });
  if (out.sender === undefined) {
    const bySigner = numbers.filter(([, v]) => v === facts.signer);
    const implicit = bySigner.filter(([, v]) => !covers(facts.data, String(v)));
    const pick = (implicit.length > 0 ? implicit : bySigner).at(-1);
    if (pick !== undefined) out.sender = pick[0];
  }
  const covered = numbers.filter(([k, v]) => k !== out.sender && covers(facts.data, String(v)));
  for (const field of ['seq', 'view'] as const) {
    if (out[field] !== undefined) continue;
    const next = covered.find(([k]) => !Object.values(out).includes(k));
    if (next !== undefined) out[field] = next[0];
  }
  if (out.digest === undefined) {
    const digest = entries.find(([, v]) => typeof v === 'string' && DIGEST_LIKE.test(v) && covers(facts.data, v));
    if (digest !== undefined) out.digest = digest[0];
  }
  return out;
}
