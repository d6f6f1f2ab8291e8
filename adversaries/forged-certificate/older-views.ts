/**
 * The forger's older-views plan: it keeps, per signer, the VIEW-CHANGEs (STOPDATAs, …) of older
 * views it has seen, genuinely signed, and when its code collects the view changes for a later view
 * it is handed each signer's older one instead, relabelled to that view; whatever its code then
 * builds from them (a NEW-VIEW, a SYNC) goes out with the genuine older items put back. So its
 * NEW-VIEW is exactly what its code computed, from votes all genuinely signed — for older views.
 * A receiver that takes a view change for any view up to the NEW-VIEW's own accepts it, and with
 * it a state that forgets what was decided since those older votes were cast.
 *
 * Assumptions, stated: signed items are found by signed-item discovery (the run's signature table,
 * codec or not); their kind and view are read through the payload structure (the codec's fields,
 * or key names guessed without one), and a view change is a kind whose name has the view-change
 * role (VIEW-CHANGE, STOP, STOPDATA, …). The first item seen per kind, signer and view is kept, as
 * the genuine one (copies a faulty peer doctored come later, from it). Its own view changes are
 * not swapped: its code's vote for the later view is genuine already.
 */
import type { NodeId } from '../../src/adapter/contract.js';
import { setAt, valueAt } from '../../src/adapter/declared/json-path.js';
import { discoverSignedItems, type DiscoveredItem } from '../../src/adapter/discovery.js';
import type { AdversaryEnv } from '../../src/adversary.js';
import { roleOfType } from '../kit.js';
import { resigned, type Forger } from './forger.js';

/** A payload wrapped, so discovery (which skips the payload it is given) reports the payload's own signature too. */
const WRAP = 'payload';

/** One faulty replica's older view changes: what it kept, and the stand-ins its code holds for them. */
export class OlderViews {
  /** Kind → signer → view → the first genuinely signed item seen. */
  private readonly kept = new Map<string, Map<NodeId, Map<number, unknown>>>();
  /** The signature a stand-in carries (its original's) → the genuine older item it stands for. */
  private readonly standIns = new Map<string, unknown>();
  // One answer per message object: a retransmitted object gets the same stand-in, a broadcast the same payload.
  private readonly relabelled = new WeakMap<object, unknown>();
  private readonly restored = new WeakMap<object, unknown>();

  constructor(private readonly env: AdversaryEnv, private readonly forger: Forger) {}

  private discovered(payload: unknown): DiscoveredItem[] {
    const table = this.env.signatures;
    return table === undefined ? [] : discoverSignedItems({ [WRAP]: payload }, table, this.env.codec === undefined);
  }

  /** The payload's role: only view changes and what collects them (NEW-VIEW, SYNC) are looked into, each walk costing a whole payload. */
  private role(payload: unknown): string {
    return roleOfType(this.forger.structure.fields(payload).type);
  }

  /** Keeps every view change a view change or NEW-VIEW (SYNC) is or carries, by kind, signer and view (its own and stand-ins aside). */
  note(payload: unknown): void {
    const role = this.role(payload);
    if (role !== 'view-change' && role !== 'new-view') return;
    for (const item of this.discovered(payload)) {
      const value = valueAt({ [WRAP]: payload }, item.path);
      const f = this.forger.structure.fields(value);
      if (roleOfType(f.type) !== 'view-change' || f.view === undefined || item.signer === this.forger.self || item.signer >= this.forger.n) continue;
      // Claimed by another than its signer, or a stand-in seen again: not a genuine vote of that signer.
      if ((f.sender !== undefined && f.sender !== item.signer) || this.standIns.has(item.signature)) continue;
      const bySigner = this.kept.get(f.type as string) ?? new Map<NodeId, Map<number, unknown>>();
      const byView = bySigner.get(item.signer) ?? new Map<number, unknown>();
      if (!byView.has(f.view)) byView.set(f.view, value);
      bySigner.set(item.signer, byView);
      this.kept.set(f.type as string, bySigner);
    }
  }

  /**
   * For a view change of view w its code receives: the same signer's latest kept one of a view
   * below w, relabelled to w (its signature kept: its code takes it unchecked); undefined when
   * there is none, or the payload is no view change.
   */
  relabel(payload: unknown): unknown {
    if (typeof payload !== 'object' || payload === null) return undefined;
    if (this.relabelled.has(payload)) return this.relabelled.get(payload);
    const out = this.standInFor(payload);
    this.relabelled.set(payload, out);
    return out;
  }

  private standInFor(payload: unknown): unknown {
    const { structure } = this.forger;
    const f = structure.fields(payload);
    if (roleOfType(f.type) !== 'view-change' || f.view === undefined || structure.withFields === undefined) return undefined;
    const own = this.discovered(payload).find((i) => i.path.length === 1);
    if (own === undefined) return undefined;
    const w = f.view;
    const views = this.kept.get(f.type as string)?.get(own.signer);
    const older = [...(views?.keys() ?? [])].filter((v) => v < w).sort((a, b) => b - a)[0];
    if (older === undefined) return undefined;
    const original = views?.get(older);
    const standIn = structure.withFields(original, { view: w });
    const signature = this.discovered(original).find((i) => i.path.length === 1)?.signature;
    if (signature === undefined || structure.fields(standIn).view !== w) return undefined;
    this.standIns.set(signature, original);
    return standIn;
  }

  /**
   * Its outgoing NEW-VIEW (SYNC) with every stand-in it carries swapped back for the genuine older
   * item, renewed under its own signature; undefined for other messages and when it carries none.
   */
  restore(payload: unknown): unknown {
    if (typeof payload !== 'object' || payload === null || this.standIns.size === 0) return undefined;
    if (this.restored.has(payload)) return this.restored.get(payload);
    if (this.role(payload) !== 'new-view') return undefined;
    let out: unknown;
    const swapped: (string | number)[][] = [];
    for (const item of this.discovered(payload)) {
      const path = item.path.slice(1);
      const inside = swapped.some((p) => p.every((k, i) => path[i] === k));
      if (path.length === 0 || inside || !this.standIns.has(item.signature)) continue;
      out = setAt(out ?? payload, path, this.standIns.get(item.signature));
      swapped.push(path);
    }
    const sent = out === undefined ? undefined : resigned(this.env, this.forger, payload, out);
    this.restored.set(payload, sent);
    return sent;
  }
}
