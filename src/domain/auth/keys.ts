import { sha256Hex } from '../sha256.ts';
import type { Role } from './roles.ts';

const base64url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/**
 * A new API key: `ll_<role initial>_` and 32 random bytes. The id (`key_` and
 * 8 random bytes) names it in lists and logs; only the key's sha256 is stored.
 *
 * @example
 * const { id, key, hash } = await newApiKey('reader'); // key: 'll_r_3q2…'
 */
export async function newApiKey(role: Role): Promise<{ id: string; key: string; hash: string }> {
  const key = `ll_${role[0]}_${base64url(crypto.getRandomValues(new Uint8Array(32)))}`;
  const id = `key_${base64url(crypto.getRandomValues(new Uint8Array(8)))}`;
  return { id, key, hash: await hashApiKey(key) };
}

export const hashApiKey = (key: string) => sha256Hex(key.trim());
