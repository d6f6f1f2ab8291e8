/**
 * Cheap deterministic digests. This is a simulation: collisions are not the threat model, but two
 * independent 32-bit FNV-1a lanes keep accidental ones out of reach of any campaign.
 */

const FNV_PRIME = 0x01000193;

/** 64-bit FNV-1a-style digest of a string (two 32-bit lanes), as 16 hex characters. */
export function fnv64(text: string): string {
  let a = 0x811c9dc5;
  let b = 0xcbf29ce4;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, FNV_PRIME);
    b = Math.imul(b ^ c ^ 0x5bd1, 0x01000197);
  }
  return hex8(a >>> 0) + hex8(b >>> 0);
}

const HEX_BYTE: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hex8(x: number): string {
  return (HEX_BYTE[x >>> 24] as string) + (HEX_BYTE[(x >>> 16) & 255] as string) + (HEX_BYTE[(x >>> 8) & 255] as string) + (HEX_BYTE[x & 255] as string);
}
