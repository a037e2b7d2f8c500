import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './deps.ts';
import { errorBody } from './errors.ts';

/** A router whose validation failures answer like every other error: 400 `{ error: { code, message } }`. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        const message = result.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
        return c.json(errorBody('invalid_request', message), 400);
      }
    },
  });
}
