import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from './deps.ts';
import { errorBody } from './errors.ts';

/** The largest body of a request that is not an upload: 1,000 crawl URLs of 4,096 characters fit with room to spare. */
export const MAX_REQUEST_BYTES = 8 * 1024 * 1024;

/** Requests that carry a document: a dump upload, and a document or text to check. */
const UPLOADS = /^\/api\/(?:leaks\/[^/]+\/dumps|check)\/?$/;

/**
 * Refuses a request body over its limit with 413 while it is read: a
 * chunked body declares no length, and parsing it as a form or as JSON would
 * otherwise hold all of it in memory (a 10 GB upload, an out-of-memory crash)
 * before its size could be checked. Uploads may be as large as
 * LEAKLINE_MAX_UPLOAD_BYTES, other bodies MAX_REQUEST_BYTES.
 */
export function limitRequestBodies(): MiddlewareHandler<AppEnv> {
  return (c, next) => {
    // a GET or HEAD has no body to limit (most requests: checking costs more than the rest of a cached timeline read)
    if (c.req.raw.body === null) return next();
    const upload = UPLOADS.test(c.req.path);
    const maxSize = upload ? c.var.deps.maxUploadBytes : MAX_REQUEST_BYTES;
    const onError: Parameters<typeof bodyLimit>[0]['onError'] = (ctx) =>
      upload
        ? ctx.json(errorBody('upload_too_large', `The upload is over the ${maxSize}-byte limit (LEAKLINE_MAX_UPLOAD_BYTES).`), 413)
        : ctx.json(errorBody('payload_too_large', `The request body is over the ${maxSize}-byte limit of requests that are not uploads.`), 413);
    return bodyLimit({ maxSize, onError })(c, next);
  };
}
