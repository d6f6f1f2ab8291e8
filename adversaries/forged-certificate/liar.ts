/**
 * The forger's checkpoint lie wired to its outgoing pipeline: which forgery draws lie (those naming
 * a rule of {@link CHECKPOINT_LIE_RULES}), and the next view's ask that follows a lying VIEW-CHANGE.
 */
import type { AdversaryEnv } from '../../src/adversary.js';
import type { Renew } from '../../src/own-lists.js';
import type { MessageRole } from '../../src/adapter/message-roles.js';
import { ownItemLike, roleOfType } from '../kit.js';
import { CHECKPOINT_LIE_RULES, checkpointLie, isViewChange, nextViewAsk, type CheckpointLieRule } from './checkpoint-lie.js';
import { resigned, type Forger } from './forger.js';

/** What the outgoing pipeline asks of the liar. */
export interface CheckpointLiarHooks {
  /** `payload` with its stable checkpoint lied about by the rule `forgery` names; undefined when it names none or the payload holds no proof of its own. */
  readonly lie: (payload: unknown, forgery: string) => unknown;
  /** After a lying VIEW-CHANGE: the same lie asking for the next view, re-signed. */
  readonly followUps: (original: unknown, sent: unknown) => readonly unknown[];
}

const isRule = (forgery: string): forgery is CheckpointLieRule => (CHECKPOINT_LIE_RULES as readonly string[]).includes(forgery);

// The bulk of the traffic (proposals, votes, CHECKPOINTs) carries no checkpoint proof: not searched, as codec-free discovery is costly.
const PROOFLESS: ReadonlySet<MessageRole> = new Set(['proposal', 'vote', 'commit-vote', 'checkpoint']);

/** The checkpoint liar of one faulty replica. */
export function checkpointLiar(env: AdversaryEnv, forger: Forger, renew: Renew): CheckpointLiarHooks {
  const liar = {
    structure: forger.structure, self: forger.self, n: forger.n, renew,
    ownLike: (template: unknown, fields: object) => ownItemLike(env, template, fields),
  };
  // The VIEW-CHANGE objects its code sent that went out lying: each is asked again for the next view.
  const lyingViewChanges = new WeakSet<object>();
  return {
    lie: (payload, forgery) => {
      if (!isRule(forgery) || PROOFLESS.has(roleOfType(forger.structure.fields(payload).type))) return undefined;
      const lied = checkpointLie(liar, payload, forgery);
      if (lied !== undefined && typeof payload === 'object' && payload !== null && isViewChange(forger.structure, payload)) lyingViewChanges.add(payload);
      return lied;
    },
    followUps: (original, sent) => {
      if (typeof original !== 'object' || original === null || !lyingViewChanges.has(original)) return [];
      const ask = nextViewAsk(forger.structure, sent);
      return ask === undefined ? [] : [resigned(env, forger, sent, ask)];
    },
  };
}
