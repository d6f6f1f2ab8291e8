import type { Codec, NodeId } from '../adapter/contract.js';
import type { TraceEvent } from '../sim/trace.js';
import { jsonDiff, leafCount, type JsonChange } from './json-diff.js';
import { nodeName } from './message-label.js';
import { codecFields, kindKey, parsePayload, slotOfPayload } from './payload-search.js';

// Forgery made visible, generically: a faulty replica's message is compared, as JSON, with what it
// was most likely derived from, and every signed item in it (an object holding a signature and the
// node it claims as signer) is checked against who issued the signature. Symbolic signatures name
// their issuer (`sig:<signer>:<k>`); other schemes are checked against the signatures the claimed
// signer was seen to send.

const SIG_KEY = /^(sig|signature|signed|mac)$/i;
const CLAIM_KEY = /^(sender|from|replica|replica_?id|node|signer|author|voter|source|client)$/i;
const SYMBOLIC = /^sig:(\d+):\d+$/;

/** A signed item that does not hold: claimed as one node, issued by another (or never issued by the claimed one). */
export interface ForgedItem {
  /** Where in the payload: `$` for the message itself, `proofs[1]` for a vote inside it. */
  readonly path: string;
  readonly claimedAs: NodeId;
  /** The issuer the signature names, when the scheme says (symbolic signatures do). */
  readonly issuedBy: NodeId | undefined;
  /** What is wrong, in words. */
  readonly why: string;
}

/** How a faulty replica's message relates to the one it is compared with. */
export type DerivationKind = 'equivocation' | 'mutated' | 'derived';

/** A faulty replica's message as a diff against what it was derived from. */
export interface Derivation {
  readonly kind: DerivationKind;
  /** Trace index of the message compared against. */
  readonly against: number;
  readonly changes: readonly JsonChange[];
}

/** What is forged or altered in one message of a faulty replica. */
export interface Forgery {
  /** Trace index of the send (or drop) and, when delivered, of the delivery. */
  readonly index: number;
  readonly delivery: number | undefined;
  readonly from: NodeId;
  readonly to: NodeId;
  readonly forged: readonly ForgedItem[];
  readonly derived: Derivation | undefined;
}

interface SignedItem {
  readonly path: string;
  readonly claimed: NodeId;
  readonly token: string;
  readonly item: Record<string, unknown>;
}

function signedItems(value: unknown, path = '$', out: SignedItem[] = [], depth = 0): SignedItem[] {
  if (depth > 12 || typeof value !== 'object' || value === null) return out;
  if (Array.isArray(value)) {
    value.forEach((v, i) => signedItems(v, `${path}[${i}]`, out, depth + 1));
    return out;
  }
  const o = value as Record<string, unknown>;
  const sig = Object.entries(o).find(([k, v]) => SIG_KEY.test(k) && typeof v === 'string');
  const claim = Object.entries(o).find(([k, v]) => CLAIM_KEY.test(k) && typeof v === 'number');
  if (sig !== undefined && claim !== undefined) out.push({ path, claimed: claim[1] as number, token: sig[1] as string, item: o });
  for (const [k, v] of Object.entries(o)) if (k !== sig?.[0]) signedItems(v, path === '$' ? k : `${path}.${k}`, out, depth + 1);
  return out;
}

type Wire = TraceEvent & { kind: 'send' | 'drop' };
interface Parsed { readonly i: number; readonly e: Wire; readonly p: unknown; readonly key: string }

/** First sighting of each signature in a message its claimed signer sent itself: what that signer signed. */
function ownSignatures(wires: readonly Parsed[]): Map<string, { index: number; item: Record<string, unknown> }> {
  const own = new Map<string, { index: number; item: Record<string, unknown> }>();
  for (const w of wires) {
    for (const s of signedItems(w.p)) if (s.claimed === w.e.from && !own.has(s.token)) own.set(s.token, { index: w.i, item: s.item });
  }
  return own;
}

function forgedItems(w: Parsed, own: ReturnType<typeof ownSignatures>, n: number): ForgedItem[] {
  const name = (node: NodeId): string => nodeName(node, n);
  const out: ForgedItem[] = [];
  for (const s of signedItems(w.p)) {
    const m = SYMBOLIC.exec(s.token);
    const issuedBy = m === null ? undefined : Number(m[1]);
    if (issuedBy !== undefined && issuedBy !== s.claimed) {
      out.push({ path: s.path, claimedAs: s.claimed, issuedBy, why: `claims to be signed by ${name(s.claimed)} but its signature ${s.token} was issued by ${name(issuedBy)}` });
      continue;
    }
    if (s.claimed === w.e.from) continue;
    const origin = own.get(s.token);
    if (origin === undefined) {
      if (issuedBy === undefined) out.push({ path: s.path, claimedAs: s.claimed, issuedBy, why: `carries a signature ${name(s.claimed)} was never seen to send` });
      continue;
    }
    const changes = jsonDiff(origin.item, s.item);
    if (changes.length > 0) out.push({ path: s.path, claimedAs: s.claimed, issuedBy, why: `reuses ${name(s.claimed)}'s signature over other content (${changes.map((c) => c.path).join(', ')} changed)` });
  }
  return out;
}

/** Diffs that only say who claims to have sent it are the signed-item check's business, not a derivation. */
function substantive(changes: readonly JsonChange[]): boolean {
  return changes.some((c) => !/(^|\.)(sender|from|replica|sig|signature|signed|mac)$/i.test(c.path));
}

function small(changes: readonly JsonChange[], p: unknown): boolean {
  return changes.length > 0 && changes.length <= Math.max(3, leafCount(p) / 2);
}

/** Window of trace indices searched for what a message was derived from (keeps long traces linear). */
const WINDOW = 400;

function slotKey(w: Parsed, codec: Codec<unknown> | undefined): string {
  const f = codecFields(codec, w.p);
  return `${w.key}/${slotOfPayload(w.p, f) ?? ''}/${f.view ?? ''}`;
}

/** The best match among candidates: fewest changed leaves, then earliest. */
function closest(w: Parsed, candidates: readonly { i: number; p: unknown }[], kind: DerivationKind, needSubstance: boolean): Derivation | undefined {
  let best: Derivation | undefined;
  for (const c of candidates) {
    const changes = jsonDiff(c.p, w.p);
    if (!small(changes, w.p) || (needSubstance && !substantive(changes))) continue;
    if (best === undefined || changes.length < best.changes.length) best = { kind, against: c.i, changes };
  }
  return best;
}

function derivation(w: Parsed, wires: readonly Parsed[], received: readonly Parsed[], codec: Codec<unknown> | undefined, forged: boolean): Derivation | undefined {
  const near = (x: Parsed) => Math.abs(x.i - w.i) <= WINDOW && x.i !== w.i;
  const key = slotKey(w, codec);
  const twins = wires.filter((x) => near(x) && x.e.from === w.e.from && x.e.to !== w.e.to && x.e.payload !== w.e.payload && slotKey(x, codec) === key);
  const equivocation = closest(w, twins, 'equivocation', false);
  if (equivocation !== undefined) return equivocation;
  const mutated = closest(w, received.filter((x) => near(x) && x.i < w.i && x.e.to === w.e.from && x.key === w.key), 'mutated', true);
  if (mutated !== undefined || !forged) return mutated;
  return closest(w, wires.filter((x) => x.e.from === w.e.from && x.e.step === w.e.step && x.i < w.i && x.e.payload !== w.e.payload), 'derived', false);
}

/**
 * Every message a faulty replica sent that carries a forged signed item or differs from what it was
 * derived from: the same message to another replica (equivocation), a message it received (mutated),
 * or, for messages with forged items, its own earlier message of the step (derived).
 */
export function forgeries(trace: readonly TraceEvent[], faulty: readonly NodeId[], n: number, codec?: Codec<unknown>): Forgery[] {
  if (faulty.length === 0) return [];
  const wires: Parsed[] = [];
  const received: Parsed[] = [];
  const deliveries = new Map<number, number>();
  trace.forEach((e, i) => {
    if (e.kind === 'deliver') {
      deliveries.set(e.msg, i);
      if (faulty.includes(e.to)) {
        const p = parsePayload(e.payload);
        received.push({ i, e: { ...e, kind: 'send', at: e.t }, p, key: kindKey(p, codecFields(codec, p)) });
      }
    }
    if (e.kind !== 'send' && e.kind !== 'drop') return;
    const p = parsePayload(e.payload);
    wires.push({ i, e, p, key: kindKey(p, codecFields(codec, p)) });
  });
  const own = ownSignatures(wires);
  const out: Forgery[] = [];
  for (const w of wires) {
    if (!faulty.includes(w.e.from) || w.p === undefined) continue;
    const forged = forgedItems(w, own, n);
    const derived = derivation(w, wires, received, codec, forged.length > 0);
    if (forged.length === 0 && derived === undefined) continue;
    const delivery = w.e.kind === 'send' ? deliveries.get(w.e.msg) : undefined;
    out.push({ index: w.i, delivery, from: w.e.from, to: w.e.to, forged, derived });
  }
  return out;
}
