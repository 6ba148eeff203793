/**
 * The map page's start: the coverage worker is created as the page's modules are evaluated (before React renders and
 * MapLibre starts) and fetches and parses the bundled data itself, off the main thread (createEmbeddedCoverageSource).
 * The page takes that start once (useBootLoad); a second take (React's StrictMode runs effects twice in development)
 * starts afresh.
 */
import { createEmbeddedCoverageSource, type CoverageSource } from './coverage-source';
import { geoUrl } from './load-data';
import type { EmbeddedTables } from '../worker/protocol';

export interface BootLoad {
  source: CoverageSource;
  tables: Promise<EmbeddedTables>;
  /** hromadas.geojson as the page parsed it from the preloaded bytes (null: not preloaded; use the tables' bytes). */
  hromadaGeo: Promise<unknown>;
}

let early: BootLoad | null = null;

function begin(): BootLoad {
  const load = createEmbeddedCoverageSource(geoUrl(''));
  // Errors reach the page through whoever takes the load; until then they are not unhandled rejections.
  load.tables.catch(() => undefined);
  return load;
}

/** Starts the worker's load now, unless one is already waiting to be taken. */
export function startBootLoad(): void {
  early ??= begin();
}

/** The load started by startBootLoad (or a new one); the caller owns it and disposes its source. */
export function takeBootLoad(): BootLoad {
  const load = early ?? begin();
  early = null;
  return load;
}
