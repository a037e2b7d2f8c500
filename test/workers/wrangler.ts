import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

const ROOT = new URL('../../', import.meta.url).pathname;
const WRANGLER = `${ROOT}node_modules/.bin/wrangler`;

/**
 * Wrangler's environment for offline runs: no metrics or error reports, no
 * banner (its version check asks the npm registry), no `Request.cf` download,
 * no `.env` read into the Worker, and no account. The registry is pointed at a
 * closed loopback port so that any version check left on an error path fails
 * at once instead of leaving the machine.
 */
export function wranglerEnv(dir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(CLOUDFLARE_|CF_|WRANGLER_|DATABASE_|npm_config_registry$)/i.test(key)) env[key] = value;
  }
  return {
    ...env,
    WRANGLER_SEND_METRICS: 'false',
    WRANGLER_SEND_ERROR_REPORTS: 'false',
    WRANGLER_HIDE_BANNER: 'true',
    WRANGLER_LOG_PATH: `${dir}/wrangler-logs`,
    WRANGLER_REGISTRY_PATH: `${dir}/wrangler-registry`,
    WRANGLER_CI_DISABLE_CONFIG_WATCHING: 'true',
    CLOUDFLARE_CF_FETCH_ENABLED: 'false',
    CLOUDFLARE_LOAD_DEV_VARS_FROM_DOT_ENV: 'false',
    npm_config_registry: 'http://127.0.0.1:9/',
    NO_COLOR: '1',
    CI: 'true',
  };
}

/** Runs one wrangler command to its end; rejects with its output when it fails. */
export function runWrangler(args: string[], dir: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(WRANGLER, args, { cwd: ROOT, env: wranglerEnv(dir), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(output) : reject(new Error(`wrangler ${args.join(' ')} exited ${code}:\n${output}`))));
  });
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface DevServer {
  url: string;
  output: () => string;
  /** Resolves once `/api/health` answers; rejects with wrangler's output if it exits or `timeoutMs` passes first. */
  ready: (timeoutMs?: number) => Promise<void>;
  stop: () => Promise<void>;
}

/**
 * `wrangler dev --local` on 127.0.0.1 in its own process group. Returned at
 * once, so a caller can always `stop` it, even while it starts: `stop` ends
 * the group, wrangler and the workerd processes it started, which a kill of
 * wrangler alone would leave running.
 */
export async function launchDev(dir: string, persistTo: string): Promise<DevServer> {
  const [port, inspector] = [await freePort(), await freePort()];
  const args = ['dev', '--local', '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(inspector), '--persist-to', persistTo, '--show-interactive-dev-session=false'];
  const child = spawn(WRANGLER, args, { cwd: ROOT, env: wranglerEnv(dir), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  let gone = false;
  // if this process ends first (a timeout, ^C), the detached group must not outlive it
  const killGroup = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  process.once('exit', killGroup);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  void exited.then(() => process.off('exit', killGroup));
  void exited.then(() => (gone = true));
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    output: () => output,
    stop: () => stopGroup(child, exited),
    async ready(timeoutMs = 90_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (gone) throw new Error(`wrangler dev exited before it was ready:\n${output}`);
        const ok = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(10_000) }).then((r) => r.ok, () => false);
        if (ok) return;
        if (Date.now() > deadline) throw new Error(`wrangler dev was not ready within ${timeoutMs} ms:\n${output}`);
        await new Promise((r) => setTimeout(r, 250));
      }
    },
  };
}

async function stopGroup(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, sig);
    } catch {
      // the group is already gone
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
  // workerd may outlive wrangler for a moment: make sure nothing of the group is left
  signal('SIGKILL');
}
