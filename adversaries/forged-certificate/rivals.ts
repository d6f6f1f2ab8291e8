/**
 * The forger's rival proposals: as a leader re-proposing a slot that was proposed in an earlier
 * view, it proposes another value instead — a proposal it has seen for another slot, relabelled to
 * this one and signed afresh — whether the proposal travels alone or nested in its NEW-VIEW/SYNC,
 * and turns its own votes for that slot to the rival.
 */
import type { PayloadFields } from '../../src/adapter/contract.js';
import { setAt, valueAt } from '../../src/adapter/declared/json-path.js';
import type { AdversaryEnv } from '../../src/adversary.js';
import { roleOfType } from '../kit.js';
import { buildSigned, resigned, type Forger } from './forger.js';

/** Its leader's rivals: the digest it proposed instead, per `view:seq`, and what follows each rival proposal. */
export class Rivals {
  readonly digests = new Map<string, string>();

  constructor(private readonly env: AdversaryEnv, private readonly forger: Forger) {}

  /** A rival for its own proposal at a slot proposed in an earlier view, with its own COMMIT for it; undefined when there is none to make. */
  propose(payload: unknown): { rival: unknown; votes: unknown[] } | undefined {
    const { structure, self } = this.forger;
    const f = structure.fields(payload);
    const rival = this.rivalFor(payload, f);
    if (rival === undefined) return undefined;
    const commit = buildSigned(this.env, this.forger, 'COMMIT', { view: f.view, seq: f.seq, sender: self, digest: rival.digest });
    return { rival: rival.proposal, votes: commit === undefined ? [] : [commit] };
  }

  /**
   * Its NEW-VIEW/SYNC with each proposal of its own nested in it (re-proposing a slot of an earlier
   * view) replaced by a rival; undefined when there is none. The outer signature is the caller's.
   */
  nested(payload: unknown): unknown {
    const { structure, self } = this.forger;
    const top = structure.fields(payload);
    if (top.sender !== self || roleOfType(top.type) !== 'new-view') return undefined;
    let out: unknown;
    for (const item of structure.signedItems?.(payload) ?? []) {
      const value = valueAt(out ?? payload, item.path);
      const rival = item.signer === self ? this.rivalFor(value, structure.fields(value)) : undefined;
      if (rival !== undefined) out = setAt(out ?? payload, item.path, rival.proposal);
    }
    return out;
  }

  /** Its own vote for a slot it made a rival for, turned to the rival's digest; undefined for any other message. */
  vote(payload: unknown): unknown {
    const { structure, self } = this.forger;
    const f = structure.fields(payload);
    const digest = this.digests.get(`${f.view}:${f.seq}`);
    const role = roleOfType(f.type);
    if (digest === undefined || f.sender !== self || (role !== 'vote' && role !== 'commit-vote') || structure.withFields === undefined) return undefined;
    return resigned(this.env, this.forger, payload, structure.withFields(payload, { digest }));
  }

  private rivalFor(payload: unknown, f: PayloadFields): { proposal: unknown; digest: string } | undefined {
    const { structure, pool, self } = this.forger;
    if (f.view === undefined || f.seq === undefined || f.sender !== self || roleOfType(f.type) !== 'proposal') return undefined;
    const proposals = pool.of(f.type).map((m) => ({ m, f: structure.fields(m) }));
    const earlier = proposals.filter((x) => x.f.seq === f.seq && (x.f.view ?? 0) < (f.view as number));
    if (earlier.length === 0) return undefined;
    const used = new Set([f.digest, ...earlier.map((x) => x.f.digest)]);
    const source = proposals.find((x) => x.f.digest !== undefined && !used.has(x.f.digest));
    if (source === undefined || structure.withFields === undefined) return undefined;
    const proposal = resigned(this.env, this.forger, source.m, structure.withFields(source.m, { view: f.view, seq: f.seq, sender: self }));
    const digest = source.f.digest as string;
    this.digests.set(`${f.view}:${f.seq}`, digest);
    return { proposal, digest };
  }
}
