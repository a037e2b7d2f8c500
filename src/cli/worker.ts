import type { Config } from '../config.ts';
import { startWorkers } from '../../workers/main.ts';

/** `leakline worker`: runs queued jobs until SIGTERM or SIGINT, then lets running jobs finish. */
export async function runWorker(config: Config): Promise<number> {
  const workers = await startWorkers(config);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  console.error('leakline worker: stopping; waiting for running jobs');
  await workers.close();
  return 0;
}
