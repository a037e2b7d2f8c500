import type { Context } from 'hono';
import { html } from 'hono/html';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../api/deps.ts';
import { isDomainError } from '../domain/errors.ts';
import { sendPage } from './layout.ts';

/**
 * Errors on dashboard pages answer as pages a person can read (the API
 * answers JSON for the same errors): a missing leak is a 404 page with the
 * way back, a refused form a 403 page.
 */
export function handlePageError(error: Error, c: Context<AppEnv>): Promise<Response> {
  let status: ContentfulStatusCode = 500;
  let message = 'Something went wrong on our side; the error was logged. Try again, and report it if it persists.';
  if (isDomainError(error)) {
    status = error.status as ContentfulStatusCode;
    message = error.message;
  } else if (error instanceof HTTPException) {
    status = error.status;
    message = status === 403 ? 'This form was sent from another site, so it was refused. Send it again from the dashboard.' : error.message || 'The request could not be processed.';
  } else console.error(error);
  const title = status === 404 ? 'Not found' : status < 500 ? 'Not possible' : 'Error';
  return sendPage(c, { title }, html`<h1>${title}</h1><p class="notice error" role="alert">${message}</p><p><a href="/">Back to the overview</a></p>`, status);
}
