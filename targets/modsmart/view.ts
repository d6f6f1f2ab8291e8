import type { NodeId } from '../../src/adapter/contract.js';

/**
 * A Mod-SMaRt view: the replicas that order requests, from consensus instance `from` on. BFT-SMaRt
 * keeps f fixed across reconfigurations and computes quorums from the view's size, so a view never
 * shrinks below 3f + 1 members (a removal that would is rejected).
 */
export class View {
  /** `members` ascending, without duplicates. */
  constructor(readonly from: number, readonly members: readonly NodeId[]) {}

  /** The initial view of a world of n nodes: the first 3f + 1; any node beyond them is a spare that may join. */
  static initial(n: number, f: number): View {
    return new View(0, Array.from({ length: Math.min(n, 3 * f + 1) }, (_, i) => i));
  }

  /** Number of members. */
  get size(): number {
    return this.members.length;
  }

  /** True when `id` is a member (a bound function: vote counters take it as their filter). */
  readonly has = (id: NodeId): boolean => this.members.includes(id);

  /** The leader of regency r in this view: members rotate, so the leader is always a member. */
  leaderOf(reg: number): NodeId {
    return this.members[reg % this.members.length] as NodeId;
  }

  /** The view as text: `from:m,m,m`. */
  text(): string {
    return `${this.from}:${this.members.join(',')}`;
  }

  /** Reads {@link text} back; null if malformed or not a plausible view of n nodes. */
  static parse(text: string, n: number): View | null {
    const m = /^(\d{1,12}):(\d{1,4}(?:,\d{1,4})*)$/.exec(text);
    if (m === null) return null;
    const members = (m[2] as string).split(',').map(Number);
    for (let i = 0; i < members.length; i++) if ((members[i] as number) >= n || (i > 0 && (members[i] as number) <= (members[i - 1] as number))) return null;
    return new View(Number(m[1]), members);
  }
}

/**
 * Every view so far, oldest first, as snapshot text: part of the checkpointed state, so a replica
 * that transfers state knows the view of each instance it may still have to check a proof for.
 */
export function historyText(views: readonly View[]): string {
  return `VIEWS|${views.map((v) => v.text()).join(';')}`;
}

/** Reads {@link historyText} back: non-empty, starting at 0, strictly increasing; null otherwise. */
export function parseHistory(text: string, n: number): View[] | null {
  if (!text.startsWith('VIEWS|')) return null;
  const views: View[] = [];
  for (const part of text.slice(6).split(';')) {
    const v = View.parse(part, n);
    if (v === null || (views.length === 0 ? v.from !== 0 : v.from <= (views[views.length - 1] as View).from)) return null;
    views.push(v);
  }
  return views.length === 0 ? null : views;
}

/** A reconfiguration command as clients submit it: `reconfig add <id>` or `reconfig remove <id>`. */
export interface Reconfig {
  readonly action: 'add' | 'remove';
  readonly node: NodeId;
}

/** Parses a reconfiguration command; null for any other operation. */
export function parseReconfig(operation: string): Reconfig | null {
  const m = /^reconfig (add|remove) (\d{1,4})$/.exec(operation);
  return m === null ? null : { action: m[1] as 'add' | 'remove', node: Number(m[2]) };
}

/**
 * Applies a reconfiguration decided at instance `cid` to `view`: the new view starts at cid + 1.
 * Deterministic, so every replica executing the same instance reaches the same view and result;
 * a command that names a node outside the world, adds a member, removes a non-member or would
 * leave fewer than 3f + 1 members is rejected and changes nothing.
 */
export function applyReconfig(view: View, r: Reconfig, cid: number, n: number, f: number): { view: View; result: string } {
  if (r.node >= n) return { view, result: `rejected: no replica ${r.node}` };
  if (r.action === 'add') {
    if (view.has(r.node)) return { view, result: `rejected: ${r.node} is a member` };
    const members = [...view.members, r.node].sort((a, b) => a - b);
    return { view: new View(cid + 1, members), result: `view ${members.join(',')} from ${cid + 1}` };
  }
  if (!view.has(r.node)) return { view, result: `rejected: ${r.node} is not a member` };
  if (view.size - 1 < 3 * f + 1) return { view, result: `rejected: fewer than ${3 * f + 1} members` };
  const members = view.members.filter((m) => m !== r.node);
  return { view: new View(cid + 1, members), result: `view ${members.join(',')} from ${cid + 1}` };
}
