/**
 * The forger's victim-alone plan outside equivocation: while the victim is cut off, its view-0 votes
 * reach only the victim and the primary, and the victim gets its COMMIT for each view-0 proposal at
 * once; amnesiac, it echoes the first vote of each kind it hears for a slot as its own — so the
 * victim may decide alone what its code, deaf and claiming nothing prepared, hides from the next view.
 */
import type { NodeId, PayloadFields } from '../../src/adapter/contract.js';
import type { AdversaryEnv } from '../../src/adversary.js';
import { roleOfType } from '../kit.js';
import { buildSigned, resigned, type Forger } from './forger.js';

/** Whom the plan serves and whether the victim is cut off (`isolateMs` set, not equivocating). */
export interface AmnesiaCast {
  readonly victim: NodeId;
  readonly isolated: boolean;
  /**
   * When set, the plan plays in whichever view is current while the victim is cut off (from
   * `fromMs` until `untilMs`) instead of view 0 only: the view's leader (the sender of its first
   * proposal or NEW-VIEW heard) stands for replica 0, and in a view it leads itself it withholds nothing.
   */
  readonly window?: { readonly fromMs: number; readonly untilMs: number };
}

/** One faulty replica's share of the victim-alone plan: the votes it withholds, echoes and the COMMITs it owes the victim. */
export class Amnesia {
  private readonly echoed = new Set<string>();
  // Without a codec a COMMIT is copied from one seen, so one wanted before any is seen waits for the first.
  private awaiting: PayloadFields[] = [];
  /** Each view's leader, as first heard (with a `window` only). */
  private readonly leaders = new Map<number, NodeId>();

  constructor(private readonly env: AdversaryEnv, private readonly forger: Forger, private readonly cast: AmnesiaCast) {}

  /**
   * True when `payload` must not reach `to`: while the victim is cut off, its view-0 votes reach
   * only the victim and the primary (replica 0): the others cannot prepare, so the victim may
   * decide alone.
   */
  withheld(to: NodeId, payload: unknown): boolean {
    const { window, isolated, victim } = this.cast;
    if (window === undefined && (!isolated || to === victim || to === 0)) return false;
    const f = this.forger.structure.fields(payload);
    if (window !== undefined) this.noteLeader(f, this.env.ctx.config.id);
    if (!isolated || to === victim) return false;
    const role = roleOfType(f.type);
    if ((role !== 'vote' && role !== 'commit-vote') || f.sender !== this.env.ctx.config.id) return false;
    if (window === undefined) return to !== 0 && (f.view ?? 0) === 0;
    const leader = this.leaders.get(f.view ?? 0);
    return this.inWindow() && leader !== this.env.ctx.config.id && to !== leader;
  }

  private inWindow(): boolean {
    const now = this.env.ctx.now();
    return this.cast.window !== undefined && now >= this.cast.window.fromMs && now < this.cast.window.untilMs;
  }

  private noteLeader(f: PayloadFields, from: NodeId): void {
    const role = roleOfType(f.type);
    if ((role === 'proposal' || role === 'new-view') && !this.leaders.has(f.view ?? 0)) this.leaders.set(f.view ?? 0, f.sender ?? from);
  }

  /**
   * Erasing what it receives, its own code must forget too: deaf to others' proposals and votes,
   * it never prepares or writes, so its own VIEW-CHANGE/STOPDATA claims nothing either. It votes
   * all the same — the first vote of each kind it hears for a slot, copied as its own and given to
   * `send` for every other replica (which the isolation then lets reach only the victim and the
   * primary in view 0).
   */
  echoVote(from: NodeId, payload: unknown, send: (to: NodeId, payload: unknown) => void): undefined {
    const { ctx } = this.env;
    const { structure, n } = this.forger;
    const f = structure.fields(payload);
    const slot = `${f.type}:${f.view}:${f.seq}`;
    if (from >= n || from === ctx.config.id || f.sender === ctx.config.id || this.echoed.has(slot) || structure.withFields === undefined) return undefined;
    this.echoed.add(slot);
    const own = resigned(this.env, this.forger, payload, structure.withFields(payload, { sender: ctx.config.id }));
    for (let to = 0; to < n; to++) if (to !== ctx.config.id) send(to, own);
    return undefined;
  }

  /** Sends the victim its COMMIT for each view-0 proposal (with a `window`, each proposal heard in it) while it is cut off, at once where the codec builds one, so the victim can decide alone. */
  commitEarly(from: NodeId, payload: unknown): void {
    const { ctx } = this.env;
    const { victim, isolated, window } = this.cast;
    const f = this.forger.structure.fields(payload);
    if (window !== undefined) this.noteLeader(f, from);
    const due = window === undefined ? (f.view ?? 0) === 0 : this.inWindow();
    if (isolated && victim !== ctx.config.id && roleOfType(f.type) === 'proposal' && due) this.awaiting.push({ ...f, sender: ctx.config.id });
    this.awaiting = this.awaiting.filter((wanted) => {
      const commit = buildSigned(this.env, this.forger, 'COMMIT', wanted);
      if (commit !== undefined) ctx.send(victim, commit);
      return commit === undefined && this.env.codec === undefined;
    });
  }
}
