/**
 * Message type names across PBFT-family protocols and the role each plays, so strategies and
 * codec-free discovery tell a proposal from a vote by name (case and punctuation ignored).
 */

/** Protocol roles of message types across PBFT-family protocols (PBFT and BFT-SMaRt names). */
export type MessageRole = 'proposal' | 'vote' | 'commit-vote' | 'view-change' | 'new-view' | 'checkpoint' | 'other';

const ROLES: Readonly<Record<string, MessageRole>> = Object.freeze({
  PREPREPARE: 'proposal', PROPOSE: 'proposal',
  PREPARE: 'vote', WRITE: 'vote',
  COMMIT: 'commit-vote', ACCEPT: 'commit-vote',
  VIEWCHANGE: 'view-change', STOP: 'view-change', STOPDATA: 'view-change',
  NEWVIEW: 'new-view', SYNC: 'new-view',
  CHECKPOINT: 'checkpoint',
});

/** The protocol role of a message type name (case and punctuation ignored). */
export function roleOfType(type: string | undefined): MessageRole {
  return type === undefined ? 'other' : (ROLES[type.toUpperCase().replace(/[^A-Z]/g, '')] ?? 'other');
}
