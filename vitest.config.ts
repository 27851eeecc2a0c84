import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
    // A private TMPDIR for the run, removed at its end: nothing a test makes outlives it.
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Each e2e file starts its own chain; two cores keep two in flight.
    maxWorkers: 2,
  },
})
