/**
 * Signatures as replicas carry them. byzcheck issues a signature as a string, but many replicas
 * put it on the wire encoded — hex or base64 of its bytes, as they would a real signature's — so
 * an issued signature may sit in a payload only in that form. The table strategies see
 * (`encodedTable`) recognises those forms too and says which was used, so discovery finds such
 * signatures and a re-signed forgery carries its new signature encoded as the original was.
 */
import type { IssuedSignature, SignatureTable } from './provider.js';

/** How a payload carries an issued signature: as issued, or hex / base64 of its UTF-8 bytes. */
export type SignatureEncoding = 'raw' | 'hex' | 'base64' | 'base64url';

/** `raw`, an issued signature, in the form `encoding` (hex lower-case, base64 padded, base64url unpadded). */
export function encodeSignature(raw: string, encoding: SignatureEncoding | undefined): string {
  if (encoding === undefined || encoding === 'raw') return raw;
  const bytes = Buffer.from(raw, 'utf8');
  return encoding === 'hex' ? bytes.toString('hex') : bytes.toString(encoding);
}

// Shortest encoded string looked into: shorter ones are ids, digests and words, never a signature.
const MIN_ENCODED = 8;
const HEX = /^(?:[0-9a-f]{2})+$|^(?:[0-9A-F]{2})+$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** The strings `value` may be an encoding of, each with its encoding (only exact round trips, so no guess is loose). */
export function decodings(value: string): { raw: string; encoding: SignatureEncoding }[] {
  if (value.length < MIN_ENCODED) return [];
  const out: { raw: string; encoding: SignatureEncoding }[] = [];
  if (HEX.test(value)) out.push({ raw: Buffer.from(value, 'hex').toString('utf8'), encoding: 'hex' });
  if (BASE64.test(value) && value.length % 4 === 0) {
    const raw = Buffer.from(value, 'base64').toString('utf8');
    if (Buffer.from(raw, 'utf8').toString('base64') === value) out.push({ raw, encoding: 'base64' });
  }
  if (BASE64URL.test(value)) {
    const raw = Buffer.from(value, 'base64url').toString('utf8');
    if (Buffer.from(raw, 'utf8').toString('base64url') === value) out.push({ raw, encoding: 'base64url' });
  }
  return out;
}

/** An issued signature as found in a payload: who signed what, the signature as issued, and how it was encoded there. */
export interface EncodedIssue extends IssuedSignature {
  /** The signature as the provider issued it (what the replica passes to `verify`). */
  readonly raw: string;
  /** How the payload carries it. */
  readonly encoding: SignatureEncoding;
}

/** `issued` that also recognises hex and base64 encodings of what the provider issued. */
export function encodedTable(issued: (signature: string) => IssuedSignature | undefined): { issued(signature: string): EncodedIssue | undefined } {
  // Discovery asks about every string of every payload a strategy handles, mostly the same
  // signatures, digests and type names again and again: what a string was found to be (or that
  // decoding found nothing) is remembered, so each is decoded once. Emptied when full; per run.
  const decoded = new Map<string, EncodedIssue | null>();
  return {
    issued(signature: string): EncodedIssue | undefined {
      if (typeof signature !== 'string') return undefined;
      const known = decoded.get(signature);
      if (known) return known;
      // A string once not issued may be issued later (a token a strategy made up): ask again.
      const direct = issued(signature);
      if (direct !== undefined) return remember(signature, { ...direct, raw: signature, encoding: 'raw' }) ?? undefined;
      if (known === null) return undefined;
      let found: EncodedIssue | null = null;
      for (const { raw, encoding } of decodings(signature)) {
        const issue = issued(raw);
        if (issue !== undefined) {
          found = { ...issue, raw, encoding };
          break;
        }
      }
      return remember(signature, found) ?? undefined;
    },
  };
  function remember(signature: string, found: EncodedIssue | null): EncodedIssue | null {
    if (decoded.size >= DECODED_CACHE_SIZE) decoded.clear();
    decoded.set(signature, found);
    return found;
  }
}

/** Strings whose decoding is remembered, per run's table. */
const DECODED_CACHE_SIZE = 1 << 12;

/** A fresh signature `raw` encoded as `original` (a signature the table knows) was; raw when the table cannot tell. */
export function encodedLike(table: SignatureTable, original: unknown, raw: string): string {
  if (typeof original !== 'string') return raw;
  const found = table.issued(original) as Partial<EncodedIssue> | undefined;
  return encodeSignature(raw, found?.encoding);
}

/** How a byte array carries a signature token: its UTF-8 bytes, or the bytes a hex / base64 token decodes to. */
export type ByteForm = 'utf8' | 'hex' | 'base64';

// Fewest bytes looked into (a symbolic token, `sig:0:0`, is seven): a match must be a token this
// run issued, so short arrays cannot be mistaken; tinier ones are flags and ids, skipped for speed.
const MIN_BYTES = 4;

/**
 * The signature token (a string the table may know) that `bytes` hold, with the form it is held
 * in: the UTF-8 text of the bytes (`encode(ctx.sign(…))`), else their hex, else their base64 (a
 * replica decoding an ed25519 hex signature to raw bytes). Undefined when none is issued.
 */
export function tokenInBytes(table: SignatureTable, bytes: Uint8Array): { token: string; form: ByteForm } | undefined {
  if (bytes.length < MIN_BYTES) return undefined;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = buffer.toString('utf8');
  if (Buffer.from(text, 'utf8').equals(buffer) && table.issued(text) !== undefined) return { token: text, form: 'utf8' };
  for (const form of ['hex', 'base64'] as const) {
    const token = buffer.toString(form);
    if (table.issued(token) !== undefined) return { token, form };
  }
  return undefined;
}

/** The signature token `value` carries: the string itself, or the token in a byte array; undefined when the table never issued it. */
export function signatureToken(table: SignatureTable, value: unknown): string | undefined {
  if (typeof value === 'string') return table.issued(value) === undefined ? undefined : value;
  return value instanceof Uint8Array ? tokenInBytes(table, value)?.token : undefined;
}

/**
 * A fresh signature `raw` written as `original` (an issued signature as a payload carried it) was:
 * the same string encoding, or bytes in the same form and class (a Buffer stays a Buffer).
 */
export function writtenLike(table: SignatureTable, original: unknown, raw: string): unknown {
  if (!(original instanceof Uint8Array)) return encodedLike(table, original, raw);
  const found = tokenInBytes(table, original);
  if (found === undefined) return raw;
  const bytes = Buffer.from(encodedLike(table, found.token, raw), found.form);
  return Buffer.isBuffer(original) ? bytes : new Uint8Array(bytes);
}
