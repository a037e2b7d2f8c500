import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';

export const REDIS_URL = process.env.LEAKLINE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A key prefix of this test run alone, and a cleanup that deletes only its keys. */
export function testPrefix(): { prefix: string; cleanup: () => Promise<void> } {
  const prefix = `leakline-test-${randomUUID().slice(0, 8)}`;
  return {
    prefix,
    cleanup: async () => {
      const redis = new Redis(REDIS_URL);
      try {
        let cursor = '0';
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
          cursor = next;
          if (keys.length > 0) await redis.del(...keys);
        } while (cursor !== '0');
      } finally {
        redis.disconnect();
      }
    },
  };
}
