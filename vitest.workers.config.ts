import { defineConfig } from 'vitest/config';

/**
 * The Cloudflare Workers test: the Worker under `wrangler dev --local` over a
 * local D1 database. Kept apart from the unit and integration projects because
 * it starts wrangler and workerd (about 20 s); run with `npm run test:workers`.
 */
export default defineConfig({
  test: {
    include: ['test/workers/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 240_000,
    fileParallelism: false,
  },
});
