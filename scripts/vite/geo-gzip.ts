/**
 * A Vite plugin that ships public/geo/demand.json (13 MB of JSON) also as demand.json.gz (1.6 MB), which the app
 * fetches instead (src/io/embedded-fetch.ts, fetchDemandJson) and decompresses with the browser's DecompressionStream.
 * - The download is an eighth of the size on a host that does not compress JSON, and no server has to gzip 13 MB per
 *   visit (Vite's preview server compresses on the fly: a third of a second of CPU per load).
 * - The build writes it into dist/geo/ (so the service worker precaches it); the dev server makes it on request from
 *   the current file. It is derived from demand.json, never committed.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** The file the app reads, relative to the site's root. */
export const DEMAND_GZ_PATH = 'geo/demand.json.gz';

/** demand.json gzipped (level 9: the build pays ~1 s once, every download is smaller). */
function gzipDemand(publicDir: string, level: number): Buffer {
  return gzipSync(readFileSync(join(publicDir, 'geo', 'demand.json')), { level });
}

export function geoGzip(): Plugin {
  let publicDir = '';
  let cache: { mtimeMs: number; bytes: Buffer } | null = null;
  return {
    name: 'hc-geo-gzip',
    configResolved(config) {
      publicDir = config.publicDir;
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (!req.url?.split('?')[0]?.endsWith(`/${DEMAND_GZ_PATH}`)) return next();
        const mtimeMs = statSync(join(publicDir, 'geo', 'demand.json')).mtimeMs;
        if (cache?.mtimeMs !== mtimeMs) cache = { mtimeMs, bytes: gzipDemand(publicDir, 1) };
        res.setHeader('Content-Type', 'application/gzip');
        res.setHeader('Cache-Control', 'no-cache');
        res.end(cache.bytes);
      });
    },
    generateBundle() {
      if (!publicDir) return;
      this.emitFile({ type: 'asset', fileName: DEMAND_GZ_PATH, source: gzipDemand(publicDir, 9) });
    },
  };
}
