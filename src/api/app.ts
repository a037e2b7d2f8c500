import { loginRoutes } from '../web/login.ts';
import { webRoutes } from '../web/pages.ts';
import { accessControl } from './access.ts';
import { limitRequestBodies } from './body-limit.ts';
import { RateLimiter } from './rate-limit.ts';
import type { AppDeps } from './deps.ts';
import { handleError, handleNotFound } from './errors.ts';
import { createRouter } from './router.ts';
import { anomalyRoutes } from './routes/anomalies.ts';
import { accessRoutes } from './routes/keys.ts';
import { checkRoutes } from './routes/check.ts';
import { coordinationRoutes } from './routes/coordination.ts';
import { crawlRoutes } from './routes/crawl.ts';
import { eventRoutes } from './routes/events.ts';
import { documentRoutes } from './routes/documents.ts';
import { domainRoutes } from './routes/domains.ts';
import { feedRoutes } from './routes/feeds.ts';
import { dumpRoutes } from './routes/dumps.ts';
import { healthRoutes } from './routes/health.ts';
import { jobRoutes } from './routes/jobs.ts';
import { leakRoutes } from './routes/leaks.ts';
import { sightingRoutes } from './routes/sightings.ts';
import { timelineRoutes } from './routes/timeline.ts';

/**
 * The HTTP app (API and dashboard), one factory for Node, Cloudflare Workers
 * and tests. Validation failures answer 400 with the field and the rule.
 *
 * @example
 * const app = createApp(deps);
 * const res = await app.request('/api/leaks');
 */
export function createApp(options: AppDeps) {
  const deps: AppDeps = { ...options, access: options.access ?? { openWhenNoKeys: true, limiter: new RateLimiter(50, 200) } };
  const app = createRouter();
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  app.use('*', accessControl());
  app.use('/api/*', limitRequestBodies());
  app.route('/', healthRoutes);
  app.route('/', leakRoutes);
  app.route('/', documentRoutes);
  app.route('/', dumpRoutes);
  app.route('/', jobRoutes);
  app.route('/', sightingRoutes);
  app.route('/', timelineRoutes);
  app.route('/', checkRoutes);
  app.route('/', anomalyRoutes);
  app.route('/', eventRoutes);
  app.route('/', coordinationRoutes);
  app.route('/', accessRoutes);
  app.route('/', crawlRoutes);
  app.route('/', domainRoutes);
  app.route('/', feedRoutes);
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Leakline API', version: deps.version, description: 'Leaked document dumps, their fingerprints and their spread.' },
  });
  app.route('/', loginRoutes);
  app.route('/', webRoutes);
  app.onError(handleError);
  app.notFound(handleNotFound);
  return app;
}

export type App = ReturnType<typeof createApp>;
