import { readFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Runs `work` under V8's sampling CPU profiler and returns the profile. */
export async function profile(work: () => Promise<unknown>): Promise<Profile> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
    await work();
    const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: Profile };
    return profile;
  } finally {
    session.disconnect();
  }
}

/** The package a script belongs to, from its node_modules path (`@scope/name` or `name`). */
function packageOf(url: string): string | null {
  const at = url.lastIndexOf('/node_modules/');
  if (at < 0) return null;
  const parts = url.slice(at + '/node_modules/'.length).split('/');
  return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

/** A package and everything it depends on, as installed under node_modules. */
export function dependencyClosure(root: string, name: string): Set<string> {
  const seen = new Set<string>();
  const visit = (pkg: string) => {
    if (seen.has(pkg)) return;
    seen.add(pkg);
    try {
      const manifest = JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
      for (const dep of Object.keys(manifest.dependencies ?? {})) visit(dep);
    } catch {
      // a package nested elsewhere: its own name is enough to attribute its frames
    }
  };
  visit(name);
  return seen;
}

export interface Frame {
  url: string;
  /** Package of the script (\`@scope/name\` or \`name\`), null outside node_modules. */
  pkg: string | null;
  fn: string;
}

export interface Category {
  name: string;
  /** True when the sampled frame belongs to it; \`callers\` runs from its caller up to the root. */
  matches: (frame: Frame, callers: Frame[]) => boolean;
}

/** Frames that stand for the VM itself rather than for code. */
const VM_FRAMES = new Set(['(garbage collector)', '(idle)', '(program)', '(root)']);

/**
 * Self time of every sample, summed by category. A sample in a built-in or
 * native function (no script URL, or a \`node:\` one) counts for the nearest
 * caller that is a script of the project or of a package: the time SQLite
 * spends under a libsql call is database time. "(idle)" is the main thread
 * waiting (file reads, the thread pool).
 */
export function selfTimeBy(p: Profile, categories: Category[]): Map<string, number> {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const frameOf = (n: ProfileNode): Frame => ({ url: n.callFrame.url, pkg: packageOf(n.callFrame.url), fn: n.callFrame.functionName });
  const isScript = (url: string) => url !== '' && !url.startsWith('node:');
  const totals = new Map<string, number>(categories.map((c) => [c.name, 0]));
  for (let i = 0; i < p.samples.length; i++) {
    const stack: ProfileNode[] = [];
    for (let id: number | undefined = p.samples[i]!; id !== undefined; id = parent.get(id)) stack.push(byId.get(id)!);
    const leaf = stack[0]!;
    const at = VM_FRAMES.has(leaf.callFrame.functionName) ? 0 : stack.findIndex((n) => isScript(n.callFrame.url) || VM_FRAMES.has(n.callFrame.functionName));
    const own = at < 0 ? stack.length - 1 : at;
    const frame = frameOf(stack[own]!);
    const callers = stack.slice(own + 1).map(frameOf);
    const name = categories.find((c) => c.matches(frame, callers))?.name ?? 'other';
    totals.set(name, (totals.get(name) ?? 0) + (p.timeDeltas[i] ?? 0) / 1e6);
  }
  return totals;
}
