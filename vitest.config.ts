import { defineConfig } from 'vitest/config';

/**
 * Three projects, run separately or together:
 * - unit: tests beside the code, small hand-made inputs (`packages/**\/*.test.ts`);
 * - integration: cross-package tests on the shipped real data (`tests/integration`);
 * - browser: the built map app driven in Debian chromium (`tests/e2e`).
 */
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts'] } },
      { test: { name: 'integration', include: ['tests/integration/**/*.test.ts'], testTimeout: 60_000 } },
      {
        test: {
          name: 'browser',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // One file at a time: each builds the app into apps/map/dist and serves it.
          fileParallelism: false,
        },
      },
    ],
  },
});
