import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.spec.ts'],
    // Shared CI machines are slow; campaigns and cross-process runs need room. No test asserts timing.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
