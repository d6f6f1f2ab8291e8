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

/** Kind, slot and view of a message: what makes two messages versions of one another. */
function slotKey(w: Parsed, codec: Codec<unknown> | undefined): string {
  const f = codecFields(codec, w.p);
  const view = f.view ?? (typeof w.p === 'object' && w.p !== null ? (w.p as Record<string, unknown>)['view'] : undefined);
  return `${w.key}/${slotOfPayload(w.p, f) ?? ''}/${typeof view === 'number' ? view : ''}`;
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

/** Messages grouped by a key, each group in trace order: candidates are looked up, not scanned for. */
function groupBy(list: readonly Parsed[], key: (x: Parsed) => string): Map<string, Parsed[]> {
  const groups = new Map<string, Parsed[]>();
  for (const x of list) {
    const k = key(x);
    const g = groups.get(k);
    if (g === undefined) groups.set(k, [x]);
    else g.push(x);
  }
  return groups;
}

/** The members of a group within WINDOW trace indices of `i` (groups are in trace order), at most MAX_CANDIDATES. */
function near(group: readonly Parsed[] | undefined, i: number): Parsed[] {
  if (group === undefined) return [];
  let lo = 0;
  let hi = group.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((group[mid] as Parsed).i < i - WINDOW) lo = mid + 1;
    else hi = mid;
  }
  const out: Parsed[] = [];
  for (let k = lo; k < group.length && out.length < MAX_CANDIDATES; k++) {
    const x = group[k] as Parsed;
    if (x.i > i + WINDOW) break;
    if (x.i !== i) out.push(x);
  }
  return out;
}

/** Candidates diffed per message: a broadcast's copies are few; a flood's are not worth more. */
const MAX_CANDIDATES = 16;

interface Groups {
  readonly bySlot: Map<string, Parsed[]>;
  readonly received: Map<string, Parsed[]>;
  readonly byStep: Map<string, Parsed[]>;
  readonly slotOf: Map<Parsed, string>;
  /** Messages whose slot and view are unknown (no codec, unfamiliar keys): their kind alone says too little. */
  readonly slotless: Set<Parsed>;
}

function derivation(w: Parsed, g: Groups, forged: boolean): Derivation | undefined {
  // Without a known slot, two messages of one kind are versions of one another only when sent in
  // the same step (one broadcast's copies): a vote and a later vote of another phase share a kind
  // tag yet are no equivocation.
  const sameStep = (x: Parsed): boolean => !g.slotless.has(w) || x.e.step === w.e.step;
  const twins = near(g.bySlot.get(`${w.e.from}|${g.slotOf.get(w)}`), w.i).filter((x) => x.e.to !== w.e.to && x.e.payload !== w.e.payload && sameStep(x));
  const equivocation = closest(w, twins, 'equivocation', false);
  if (equivocation !== undefined) return equivocation;
  const mutated = closest(w, near(g.received.get(`${w.e.from}|${g.slotOf.get(w)}`), w.i).filter((x) => x.i < w.i), 'mutated', true);
  if (mutated !== undefined || !forged) return mutated;
  return closest(w, near(g.byStep.get(`${w.e.from}|${w.e.step}`), w.i).filter((x) => x.i < w.i && x.e.payload !== w.e.payload), 'derived', false);
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
  const mine = wires.filter((w) => faulty.includes(w.e.from));
  const slotOf = new Map([...mine, ...received].map((w) => [w, slotKey(w, codec)] as const));
  const groups: Groups = {
    bySlot: groupBy(mine, (x) => `${x.e.from}|${slotOf.get(x)}`),
    received: groupBy(received, (x) => `${x.e.to}|${slotOf.get(x)}`),
    byStep: groupBy(mine, (x) => `${x.e.from}|${x.e.step}`),
    slotOf,
    slotless: new Set(mine.filter((w) => (slotOf.get(w) ?? '').endsWith('//'))),
  };
  const out: Forgery[] = [];
  for (const w of mine) {
    if (w.p === undefined) continue;
    const forged = forgedItems(w, own, n);
    const derived = derivation(w, groups, forged.length > 0);
    if (forged.length === 0 && derived === undefined) continue;
    const delivery = w.e.kind === 'send' ? deliveries.get(w.e.msg) : undefined;
    out.push({ index: w.i, delivery, from: w.e.from, to: w.e.to, forged, derived });
  }
  return out;
}
