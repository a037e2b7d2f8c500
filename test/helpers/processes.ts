import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { eventually } from './temp.ts';

const BIN = new URL('../../bin/leakline.js', import.meta.url).pathname;

/**
 * Kills `child` when this process exits, should the test that started it time
 * out or fail before its own cleanup: a worker or Redis left behind would run on.
 */
function killOnExit(child: ChildProcess): void {
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  child.once('exit', () => process.off('exit', kill));
}

/** Waits for a child to exit (at once if it has), without throwing. */
export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export interface WorkerProcess {
  child: ChildProcess;
  pid: number;
  /** What the worker wrote to stderr so far (job completions, failures, Redis errors). */
  log(): string;
  /** Resolves once the worker has opened the database and listens on every queue. */
  ready(): Promise<void>;
  /** SIGKILL: no cleanup, no lock release, as a crash or the OOM killer would. */
  kill(): Promise<void>;
}

/** Starts `leakline worker` as a user would, on the given database, Redis and queue prefix. */
export function spawnWorker(env: { DATABASE_URL: string; REDIS_URL: string; LEAKLINE_QUEUE_PREFIX: string }): WorkerProcess {
  const child = spawn(process.execPath, [BIN, 'worker'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  killOnExit(child);
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  return {
    child,
    pid: child.pid!,
    log: () => stderr,
    ready: () => eventually(async () => stderr.includes('leakline worker:') || child.exitCode !== null, 30_000, 20).then(() => {
      if (child.exitCode !== null) throw new Error(`leakline worker exited with ${child.exitCode}: ${stderr}`);
    }),
    async kill() {
      child.kill('SIGKILL');
      await exited(child);
    },
  };
}

/** A TCP port on the loopback interface that nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface RedisProcess {
  url: string;
  port: number;
  /** Kills the server with SIGKILL (a crash) and waits until it is gone. */
  crash(): Promise<void>;
  /** Starts it again on the same port and folder, reading back its append-only file. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A redis-server of the test alone, on a free loopback port, keeping its data
 * in `dir` with an append-only file fsynced on every write: killed and
 * started again, it comes back with every job it had acknowledged.
 */
export async function startOwnRedis(dir: string): Promise<RedisProcess> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  let output = '';
  const start = async () => {
    output = '';
    child = spawn('redis-server', ['--bind', '127.0.0.1', '--port', String(port), '--dir', dir, '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--protected-mode', 'yes', '--logfile', ''], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const current = child;
    killOnExit(current);
    current.stdout!.on('data', (d) => (output += d));
    current.stderr!.on('data', (d) => (output += d));
    await eventually(async () => output.includes('Ready to accept connections') || current.exitCode !== null, 20_000, 20);
    if (current.exitCode !== null) throw new Error(`redis-server exited: ${output}`);
  };
  const kill = async (signal: NodeJS.Signals) => {
    if (!child) return;
    const current = child;
    child = null;
    current.kill(signal);
    await exited(current);
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, port, crash: () => kill('SIGKILL'), start, stop: () => kill('SIGTERM') };
}
