import { toHex } from '../domain/sha256.ts';

/** Dashboard sessions last a working day; a key is asked for again after. */
export const SESSION_SECONDS = 12 * 3600;
export const SESSION_COOKIE = 'leakline_session';

async function mac(secret: string, value: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return toHex(new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(value))));
}

/**
 * A session token for the dashboard cookie: the key's id and an expiry,
 * signed with the server's secret (the key itself never goes into the cookie).
 *
 * @example
 * const token = await signSession('s3cret', 'key_abc', Date.now());
 * await verifySession('s3cret', token, Date.now()); // 'key_abc'
 */
export async function signSession(secret: string, keyId: string, now: number): Promise<string> {
  const value = `${keyId}.${Math.floor(now / 1000) + SESSION_SECONDS}`;
  return `${value}.${await mac(secret, value)}`;
}

/** The key id of a valid, unexpired session token, or null. */
export async function verifySession(secret: string, token: string | undefined, now: number): Promise<string | null> {
  const parts = token?.split('.');
  if (!parts || parts.length !== 3) return null;
  const [keyId, expiry, signature] = parts as [string, string, string];
  const expected = await mac(secret, `${keyId}.${expiry}`);
  // compare without an early exit, so timing says nothing about the signature
  let diff = expected.length ^ signature.length;
  for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ (signature.charCodeAt(i) || 0);
  if (diff !== 0 || Number(expiry) * 1000 < now) return null;
  return keyId;
}
