import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isDomainError } from '../domain/errors.ts';

const HTTP_CODES: Record<number, string> = { 400: 'invalid_request', 413: 'payload_too_large', 415: 'unsupported_media_type' };
const HTTP_MESSAGES: Record<number, string> = {
  415: 'The body has the wrong content type: send JSON as application/json and uploads as multipart/form-data.',
};

export const errorBody = (code: string, message: string) => ({ error: { code, message } });

/** The one place errors become HTTP answers: `{ error: { code, message } }` with a fitting status. */
export function handleError(error: Error, c: Context): Response {
  if (isDomainError(error)) return c.json(errorBody(error.code, error.message), error.status as ContentfulStatusCode);
  if (error instanceof HTTPException) {
    const status = error.status;
    const code = HTTP_CODES[status] ?? `http_${status}`;
    return c.json(errorBody(code, error.message || HTTP_MESSAGES[status] || 'The request could not be processed.'), status);
  }
  console.error(error);
  return c.json(errorBody('internal', 'Something went wrong on our side; the error was logged. Try again, and report it if it persists.'), 500);
}

export function handleNotFound(c: Context): Response {
  return c.json(errorBody('not_found', `No route for ${c.req.method} ${new URL(c.req.url).pathname}. The API is described at /api/openapi.json.`), 404);
}
