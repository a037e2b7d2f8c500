import { defineConfig } from 'vitest/config';

// Browser tests: real Chromium (/usr/bin/chromium) against a running server. Run apart with `npm run test:e2e`.
export default defineConfig({
  test: {
    name: 'e2e',
    include: ['test/e2e/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
