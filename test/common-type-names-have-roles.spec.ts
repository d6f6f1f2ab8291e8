import { describe, expect, it } from 'vitest';
import { guessFields } from '../src/adapter/discovery.js';
import { roleOfType } from '../src/adapter/message-roles.js';

// Role-driven strategies (double-dealer, split-decision, equivocating-primary…) knew only PBFT and
// BFT-SMaRt names: a Tendermint, HotStuff or collector protocol's votes and certificates were 'other'.
describe('common BFT message type names', () => {
  it('have the role they play in Tendermint, HotStuff and collector protocols', () => {
    expect(['proposal', 'Block', 'vote', 'prevote', 'share', 'ack'].map(roleOfType)).toEqual(['proposal', 'proposal', 'vote', 'vote', 'vote', 'vote']);
    expect(['precommit', 'qc', 'cert', 'certificate'].map(roleOfType)).toEqual(['commit-vote', 'certificate', 'certificate', 'certificate']);
    expect(['timeout', 'vc', 'new_view', 'tc', 'nv'].map(roleOfType)).toEqual(['view-change', 'view-change', 'new-view', 'new-view', 'new-view']);
  });

  it('are read as a message type by value under a key of no usual name', () => {
    expect(guessFields({ t: 'share', phase: 'p', seq: 1 }, true).type).toBe('share');
    expect(guessFields({ t: 'vc', who: 2 }, true).type).toBe('vc');
  });
});
