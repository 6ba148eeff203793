/**
 * A Vite plugin that ships public/geo/demand.json (13 MB of JSON) also as demand.bin.gz (0.9 MB): its columns in
 * binary (src/io/column-binary.ts), gzipped. The app fetches that instead (src/io/embedded-fetch.ts, fetchDemand),
 * decompresses it with the browser's DecompressionStream and decodes it in tens of milliseconds instead of parsing
 * 13 MB of JSON in hundreds.
 * - The download is a fourteenth of the size on a host that does not compress JSON (and 0.9 MB against 1.6 MB of
 *   gzipped JSON on one that does), and no server has to gzip 13 MB per visit (Vite's preview server compresses on
 *   the fly: a third of a second of CPU per load).
 * - The build writes it into dist/geo/ (so the service worker precaches it); the dev server makes it on request from
 *   the current file. It is derived from demand.json, never committed.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';
import { encodeColumns } from '../../src/io/column-binary.ts';

/** The file the app reads, relative to the site's root: geo/ + DEMAND_BIN of src/io/embedded-fetch.ts (tested). */
export const DEMAND_BIN_PATH = 'geo/demand.bin.gz';

/** demand.json's columns in binary, gzipped (level 9 for the build: it pays ~1 s once, every download is smaller). */
export function demandBinary(demandJson: Uint8Array, level: number): Buffer {
  const obj = JSON.parse(new TextDecoder().decode(demandJson)) as Record<string, unknown>;
  return gzipSync(encodeColumns(obj, 'id'), { level });
}

export function demandBinaryPlugin(): Plugin {
  let publicDir = '';
  let cache: { mtimeMs: number; bytes: Buffer } | null = null;
  const demandFile = () => join(publicDir, 'geo', 'demand.json');
  return {
    name: 'hc-geo-demand-binary',
    configResolved(config) {
      publicDir = config.publicDir;
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (!req.url?.split('?')[0]?.endsWith(`/${DEMAND_BIN_PATH}`)) return next();
        const mtimeMs = statSync(demandFile()).mtimeMs;
        if (cache?.mtimeMs !== mtimeMs) cache = { mtimeMs, bytes: demandBinary(readFileSync(demandFile()), 1) };
        res.setHeader('Content-Type', 'application/gzip');
        res.setHeader('Cache-Control', 'no-cache');
        res.end(cache.bytes);
      });
    },
    generateBundle() {
      if (!publicDir) return;
      this.emitFile({ type: 'asset', fileName: DEMAND_BIN_PATH, source: demandBinary(readFileSync(demandFile()), 9) });
    },
  };
}
