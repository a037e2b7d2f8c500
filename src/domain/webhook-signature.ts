import { toHex } from './sha256.ts';

/**
 * The signature of a webhook payload: HMAC-SHA256 of the exact body bytes
 * with the webhook's secret, sent as `X-Leakline-Signature: sha256=<hex>`.
 * A receiver recomputes it over the raw body and compares in constant time.
 *
 * @example
 * await signPayload('s3cret', '{"type":"stage.entered"}'); // 'sha256=…'
 */
export async function signPayload(secret: string, body: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(body));
  return `sha256=${toHex(new Uint8Array(mac))}`;
}
