/**
 * Message type names across PBFT-family protocols and the role each plays, so strategies and
 * codec-free discovery tell a proposal from a vote by name (case and punctuation ignored).
 */

/** Protocol roles of message types across BFT protocols (a `certificate` is a stand-alone message aggregating others' votes, as a collector sends). */
export type MessageRole = 'proposal' | 'vote' | 'commit-vote' | 'certificate' | 'view-change' | 'new-view' | 'checkpoint' | 'other';

// PBFT and BFT-SMaRt names, then the usual ones of Tendermint, HotStuff and collector (SBFT-style) protocols.
const ROLES: Readonly<Record<string, MessageRole>> = Object.freeze({
  PREPREPARE: 'proposal', PROPOSE: 'proposal', PROPOSAL: 'proposal', BLOCK: 'proposal',
  PREPARE: 'vote', WRITE: 'vote', VOTE: 'vote', PREVOTE: 'vote', SHARE: 'vote', ACK: 'vote',
  COMMIT: 'commit-vote', ACCEPT: 'commit-vote', PRECOMMIT: 'commit-vote',
  QC: 'certificate', CERT: 'certificate', CERTIFICATE: 'certificate',
  VIEWCHANGE: 'view-change', STOP: 'view-change', STOPDATA: 'view-change', VC: 'view-change', TIMEOUT: 'view-change',
  NEWVIEW: 'new-view', SYNC: 'new-view', NV: 'new-view', TC: 'new-view',
  CHECKPOINT: 'checkpoint',
});

/** The protocol role of a message type name (case and punctuation ignored). */
export function roleOfType(type: string | undefined): MessageRole {
  return type === undefined ? 'other' : (ROLES[type.toUpperCase().replace(/[^A-Z]/g, '')] ?? 'other');
}
