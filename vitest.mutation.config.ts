import { defineConfig } from 'vitest/config';

// The mutation benchmark's suite: only the byzcheck campaign against the reference PBFT. Kept apart
// from vitest.config.ts (whose include is test/**/*.spec.ts) so `npm test` never runs it.
export default defineConfig({
  test: {
    include: ['test/mutation/**/*.mutation.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
