import fc from 'fast-check';
import { z } from 'zod';
import { defineAdversary } from '../src/adversary.js';

/** Silent: a replica that never sends anything — stopped from the start, or a black hole. */
export const silent = defineAdversary<Record<string, never>>({
  name: 'silent',
  description: 'never sends anything and ignores every event',
  params: () => fc.constant({}),
  schema: z.object({}).strict(),
  enact: () => ({ onMessage: () => undefined, onRequest: () => undefined }),
});
