/**
 * Message roles learnt from structure, for a target with no codec whose type names the name table
 * (message-roles.ts) does not know (`pitch`, `nod`, `seal`…): what a message carries tells a
 * proposal from a vote or a certificate, the way the harness sees it — who signed what. Per run
 * and deterministic: a type's role is decided once, at its first sight, in the order lookups come.
 */
import type { Codec, PayloadFields, PayloadPath, SignedItem } from './contract.js';
import { valueAt } from './declared/json-path.js';
import { roleOfType, type MessageRole } from './message-roles.js';

/** Whether `prefix` is a proper prefix of `path`. */
function within(prefix: PayloadPath, path: PayloadPath): boolean {
  return prefix.length < path.length && prefix.every((step, i) => path[i] === step);
}

/** Per-run book of the roles of message types: the name table first, else what the first message of a type carried. */
export class RoleBook {
  private readonly learnt = new Map<string, MessageRole>();
  private readonly proposalDigests = new Set<string>();
  private maxView: number | undefined;
  private voteTypes = 0;

  /** `structure` reads fields, signed items and certificates (codec-free discovery); `n` replicas sign, higher ids are clients. */
  constructor(private readonly structure: Codec<unknown>, private readonly n: number) {}

  /** The role of a payload: its type's by name, else the one learnt for its type (this payload may be the first sight that decides it). */
  role(payload: unknown): MessageRole {
    const fields = this.fieldsOf(payload);
    const type = fields.type;
    if (type === undefined) return 'other';
    const named = roleOfType(type);
    let role = named !== 'other' ? named : this.learnt.get(type);
    if (role === undefined) {
      role = this.infer(payload, fields);
      this.learnt.set(type, role);
    }
    this.remember(payload, fields, role);
    return role;
  }

  /** The role of a type name: by name, else as learnt (undefined-typed and unseen types are 'other'). */
  roleOfType(type: string | undefined): MessageRole {
    const named = roleOfType(type);
    return named !== 'other' || type === undefined ? named : (this.learnt.get(type) ?? 'other');
  }

  private fieldsOf(payload: unknown): PayloadFields {
    try {
      return this.structure.fields(payload);
    } catch {
      return {};
    }
  }

  private remember(payload: unknown, fields: PayloadFields, role: MessageRole): void {
    if (fields.view !== undefined && (this.maxView === undefined || fields.view > this.maxView)) this.maxView = fields.view;
    if (role === 'proposal') for (const value of this.digestsOf(payload, fields)) this.proposalDigests.add(value);
  }

  /** A proposal's digest: its digest field, else its top-level strings (one of which its votes will repeat). */
  private digestsOf(payload: unknown, fields: PayloadFields): string[] {
    if (fields.digest !== undefined) return [fields.digest];
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return [];
    return Object.values(payload).filter((v): v is string => typeof v === 'string' && v.length >= 8);
  }

  /**
   * The rules, most specific first: client-signed requests of its own (not inside another
   * replica's signed item) make a proposal; a list signed by a quorum of distinct replicas, a
   * certificate (of view changes: a new view); a view above every view seen, a view change; a
   * digest a proposal carried, a vote (the second such type, a commit vote).
   */
  private infer(payload: unknown, fields: PayloadFields): MessageRole {
    const items = this.safe(() => this.structure.signedItems?.(payload)) ?? [];
    const replicaSigned = items.filter((i) => i.signer !== undefined && i.signer < this.n);
    const ownRequest = (i: SignedItem): boolean => i.signer !== undefined && i.signer >= this.n && !replicaSigned.some((r) => within(r.path, i.path));
    if (items.some(ownRequest)) return 'proposal';
    const quorum = this.n - Math.floor((this.n - 1) / 3);
    for (const cert of this.safe(() => this.structure.certificates?.(payload)) ?? []) {
      const signers = new Set(cert.votes.map((v) => v.signer).filter((s) => s !== undefined && s < this.n));
      if (signers.size < quorum) continue;
      // A vote's own type may not have been seen on its own yet: its sight here decides it.
      const typed = cert.votes.filter((v) => v.fields.type !== undefined);
      const changes = typed.length > 0 && typed.every((v) => this.role(valueAt(payload, v.path)) === 'view-change');
      return changes ? 'new-view' : 'certificate';
    }
    if (fields.view !== undefined && this.maxView !== undefined && fields.view > this.maxView) return 'view-change';
    if (this.proposalDigests.size > 0 && this.carriesProposalDigest(payload, fields)) return this.voteTypes++ === 0 ? 'vote' : 'commit-vote';
    return 'other';
  }

  private carriesProposalDigest(payload: unknown, fields: PayloadFields): boolean {
    if (fields.digest !== undefined) return this.proposalDigests.has(fields.digest);
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return false;
    return Object.values(payload).some((v) => typeof v === 'string' && this.proposalDigests.has(v));
  }

  private safe<T>(read: () => T): T | undefined {
    try {
      return read();
    } catch {
      return undefined;
    }
  }
}
