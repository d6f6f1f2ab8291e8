import type { AnyAdversary } from '../src/adversary.js';
import { equivocator } from './equivocator.js';

/** Every Byzantine strategy byzcheck ships, in `byzcheck list` order. */
export const ADVERSARIES: readonly AnyAdversary[] = Object.freeze([equivocator]);
