import { Hono } from 'hono';
import type { AppEnv } from '../api/deps.ts';

export type AssetName = 'leakline.css' | 'leakline.js' | 'uplot.js' | 'uplot.css';

/**
 * The files pages load, all served by this app: the dashboard's own
 * stylesheet and script, and the chart library from its npm package (never a
 * CDN: the dashboard must work with no network).
 */
const ASSETS: Record<AssetName, { file: { local: string } | { package: string }; type: string }> = {
  'leakline.css': { file: { local: './assets/leakline.css' }, type: 'text/css; charset=utf-8' },
  'leakline.js': { file: { local: './assets/leakline.js' }, type: 'text/javascript; charset=utf-8' },
  'uplot.js': { file: { package: 'uplot/dist/uPlot.iife.min.js' }, type: 'text/javascript; charset=utf-8' },
  'uplot.css': { file: { package: 'uplot/dist/uPlot.min.css' }, type: 'text/css; charset=utf-8' },
};

export const assetUrl = (name: AssetName): string => `/assets/${name}`;

type Asset = { body: string; etag: string } | null;
const loaded = new Map<AssetName, Promise<Asset>>();

async function asset(body: string): Promise<Asset> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(body)));
  return { body, etag: `"${[...digest.subarray(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join('')}"` };
}

/**
 * Gives the assets' contents where there is no file system to read them
 * from: the Cloudflare Workers entry imports them as text modules (bundled by
 * wrangler) and hands them over here before serving.
 */
export function provideAssets(bodies: Record<AssetName, string>): void {
  for (const name of Object.keys(bodies) as AssetName[]) loaded.set(name, asset(bodies[name]));
}

/**
 * Reads an asset once per process, unless it was provided. Node modules are
 * imported lazily so that runtimes without a file system still build the app;
 * there, unprovided assets answer 404 and the pages work without charts.
 */
function load(name: AssetName): Promise<Asset> {
  let entry = loaded.get(name);
  if (!entry) {
    entry = (async () => {
      try {
        const { readFile } = await import('node:fs/promises');
        const { createRequire } = await import('node:module');
        const spec = ASSETS[name].file;
        const path = 'local' in spec ? new URL(spec.local, import.meta.url) : createRequire(import.meta.url).resolve(spec.package);
        return await asset(await readFile(path, 'utf8'));
      } catch {
        return null;
      }
    })();
    loaded.set(name, entry);
  }
  return entry;
}

export const assetRoutes = new Hono<AppEnv>().get('/assets/:name', async (c) => {
  const name = c.req.param('name');
  if (!Object.hasOwn(ASSETS, name)) return c.text('No such asset.', 404);
  const asset = await load(name as AssetName);
  if (!asset) return c.text('This deployment cannot read its assets; pages work without charts.', 404);
  c.header('etag', asset.etag);
  // revalidated on each use: cheap on loopback, and a new version shows at once
  c.header('cache-control', 'no-cache');
  c.header('x-content-type-options', 'nosniff');
  if (c.req.header('if-none-match') === asset.etag) return c.body(null, 304);
  return c.body(asset.body, 200, { 'content-type': ASSETS[name as AssetName].type });
});
