import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { html } from 'hono/html';
import { sessionSecret } from '../api/access.ts';
import type { AppEnv } from '../api/deps.ts';
import { SESSION_COOKIE, SESSION_SECONDS, signSession } from '../api/session.ts';
import { hashApiKey } from '../domain/auth/keys.ts';
import { findActiveKey } from '../store/keys.ts';

/** Only same-site paths are followed after signing in (no open redirect). */
const safeNext = (next: string | undefined) => (next && /^\/(?!\/)[^\s]*$/.test(next) ? next : '/');

const page = (next: string, error: string | null) => html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Sign in · Leakline</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:28rem;margin:4rem auto;padding:0 1rem}label{display:block;margin:.5rem 0 .25rem}input{width:100%;padding:.5rem;font:inherit}button{margin-top:1rem;padding:.5rem 1rem;font:inherit}.error{color:#b3261e}</style></head>
<body><main><h1>Leakline</h1><p>This Leakline needs an API key. Ask an admin for one (<code>leakline keys create --role reader</code>).</p>
${error ? html`<p class="error" role="alert">${error}</p>` : ''}
<form method="post" action="/login"><input type="hidden" name="next" value="${next}">
<label for="key">API key</label><input id="key" name="key" type="password" autocomplete="current-password" required autofocus>
<button type="submit">Sign in</button></form></main></body></html>`;

/**
 * The dashboard's sign-in: a key is asked for once, checked, and replaced by
 * a signed session in an HTTP-only, SameSite=Strict cookie.
 */
export const loginRoutes = new Hono<AppEnv>()
  .get('/login', (c) => c.html(page(safeNext(c.req.query('next')), null)))
  .post('/login', async (c) => {
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const next = safeNext(typeof form.next === 'string' ? form.next : undefined);
    const key = typeof form.key === 'string' ? await findActiveKey(c.var.deps.db, await hashApiKey(form.key)) : undefined;
    if (!key) return c.html(page(next, 'That key is unknown or revoked.'), 401);
    setCookie(c, SESSION_COOKIE, await signSession(await sessionSecret(c), key.id, Date.now()), {
      httpOnly: true,
      sameSite: 'Strict',
      secure: new URL(c.req.url).protocol === 'https:',
      path: '/',
      maxAge: SESSION_SECONDS,
    });
    return c.redirect(next, 303);
  })
  .post('/logout', (c) => {
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect('/login', 303);
  });
