import type { AnyAdversary } from '../src/adversary.js';
import { anyScopeMutation } from './any-scope-mutation.js';
import { crash } from './crash.js';
import { crashRestart } from './crash-restart.js';
import { doubleDealer } from './double-dealer.js';
import { equivocatingPrimary } from './equivocating-primary.js';
import { equivocator } from './equivocator.js';
import { forgedCertificate } from './forged-certificate.js';
import { forgedSignature } from './forged-signature.js';
import { lyingProofs } from './lying-proofs.js';
import { replayOld } from './replay-old.js';
import { requestForger } from './request-forger.js';
import { rivalLeader } from './rival-leader.js';
import { seed002Faulty } from './seed002-faulty.js';
import { selectiveSender } from './selective-sender.js';
import { silent } from './silent.js';
import { slotSquatter } from './slot-squatter.js';
import { smallScopeMutation } from './small-scope-mutation.js';
import { splitDecision } from './split-decision.js';
import { twins } from './twins.js';
import { viewChangeStorm } from './view-change-storm.js';

/** Every Byzantine strategy byzcheck ships, in `byzcheck list` order (simplest first: shrinking prefers earlier ones). */
export const ADVERSARIES: readonly AnyAdversary[] = Object.freeze([
  silent,
  crash,
  crashRestart,
  selectiveSender,
  equivocator,
  equivocatingPrimary,
  twins,
  smallScopeMutation,
  anyScopeMutation,
  replayOld,
  forgedSignature,
  requestForger,
  viewChangeStorm,
  slotSquatter,
  lyingProofs,
  doubleDealer,
  splitDecision,
  forgedCertificate,
  seed002Faulty,
  rivalLeader,
]);
