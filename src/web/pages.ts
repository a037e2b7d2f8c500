import { Hono } from 'hono';
import { csrf } from 'hono/csrf';
import type { AppEnv } from '../api/deps.ts';
import { anomaliesPage } from './anomalies-page.ts';
import { assetRoutes } from './assets.ts';
import { checkFormPage, checkResultPage } from './check-page.ts';
import { coordinationPage } from './coordination-page.ts';
import { documentPage } from './document-page.ts';
import { handlePageError } from './errors.ts';
import { leakPage } from './leak-page.ts';
import { overviewPage } from './overview-page.ts';
import { registryPage, removeRegistryEntry, saveRegistryEntry } from './registry-page.ts';
import { exportSightings } from './sightings-export.ts';

/**
 * The dashboard: server-rendered pages that work without scripts (filters
 * and forms are plain GET and POST forms); a script from /assets/ draws the
 * charts and fills the sections computed on request. Forms that post are
 * refused when sent from another origin.
 *
 * Hook points for the live script: `#transition-feed` on the overview (new
 * transitions are prepended), `#leak-table` rows carry `data-leak`, and
 * `#leak-live[data-leak]` wraps a leak page's summary and chart.
 */
export const webRoutes = new Hono<AppEnv>()
  .route('/', assetRoutes)
  .get('/', overviewPage)
  .get('/leaks/:slug', leakPage)
  .get('/leaks/:slug/coordination', coordinationPage)
  .get('/leaks/:slug/anomalies', anomaliesPage)
  .get('/leaks/:slug/sightings.csv', exportSightings('csv'))
  .get('/leaks/:slug/sightings.json', exportSightings('json'))
  .get('/documents/:id{[0-9]+}', documentPage)
  .get('/check', checkFormPage)
  .post('/check', csrf(), checkResultPage)
  .get('/registry', registryPage)
  .post('/registry', csrf(), saveRegistryEntry)
  .post('/registry/delete', csrf(), removeRegistryEntry);

webRoutes.onError(handlePageError);
