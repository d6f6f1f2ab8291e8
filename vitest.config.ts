import { defineConfig } from 'vitest/config';

const SRC = new URL('./src/', import.meta.url).pathname;

export default defineConfig({
  // Tests import the package by its name and must get the sources, not whatever dist/ was built last.
  resolve: {
    alias: [
      { find: /^byzcheck$/, replacement: `${SRC}index.ts` },
      { find: /^byzcheck\/(vitest|node-test)$/, replacement: `${SRC}$1.ts` },
    ],
  },
  test: {
    include: ['test/**/*.spec.ts'],
    // Shared CI machines are slow; campaigns and cross-process runs need room. No test asserts timing.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
