import type { Context } from 'hono';
import type { AppEnv } from '../api/deps.ts';
import { allows, type Role } from '../domain/auth/roles.ts';

/** What the person looking at the dashboard may do. */
export interface Viewer {
  /** The role of their key (`admin` on an open local install), or null when the request carries none. */
  role: Role | null;
  /** Signed in with a key (a session cookie), so signing out means something. */
  signedIn: boolean;
  /** May read the full text of leaked documents (analysts and admins). */
  readLeakedText: boolean;
  /** May check documents (analysts and admins). */
  check: boolean;
  /** May add, change and remove stage registry entries (admins). */
  editRegistry: boolean;
}

/**
 * The one place pages ask who is looking: the actor the access middleware
 * set from the key or session (the API's roles: readers see metadata and
 * spread, analysts also check documents and read leaked text, admins also
 * edit the registry). Without an actor nothing beyond reading is allowed.
 */
export function viewerOf(c: Context<AppEnv>): Viewer {
  const actor = c.get('actor') as { id: string; role: Role } | undefined;
  const role = actor?.role ?? null;
  const may = (needed: Role) => role !== null && allows(role, needed);
  return { role, signedIn: Boolean(actor && actor.id !== 'open'), readLeakedText: may('analyst'), check: may('analyst'), editRegistry: may('admin') };
}
