/**
 * Loads the bundled data from ./geo/ at runtime (relative to the page, so the app works under any base path and the
 * data never lands in the JS bundle) and turns it into the engine's columnar tables.
 */
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { DemandTable, Facility, HromadaTable } from '../engine/types';
import type { BoundaryMode } from '../io/scenario';
import { parseGeoBundle } from './parse-embedded';
import { parseTerritoryMeta } from '../io/embedded';
import { startupMark } from './startup-mark';
import { decodeUtf8, fetchDemand, fetchGeoFile } from '../io/embedded-fetch';
import type { EmbeddedTables } from '../worker/protocol';

export interface HromadaProps {
  code: string;
  name: string;
  name_en: string;
  full_name: string;
  type: string;
  raion: string;
  oblast: string;
  oblast_en: string;
  center_lon: number;
  center_lat: number;
  area_km2: number;
  n_settlements: number;
  pop_total: number;
  pop_urban: number;
  pop_rural: number;
  occupied_before_2022?: number;
}

export type HromadaFeature = Feature<Polygon | MultiPolygon, HromadaProps>;

export interface AttributionSource {
  id?: string;
  name?: string;
  title?: string;
  licence?: string;
  license?: string;
  url?: string;
  attribution?: string;
  note?: string;
  used_for?: string;
  /** `used_for` in Ukrainian (scripts/data/attribution.ts). */
  description_uk?: string;
  [k: string]: unknown;
}

/** One unlocated settlement (no coordinates) of a hromada. */
export interface UnlocatedSettlement {
  id?: string;
  name: string;
  category?: string;
  population?: number;
}

/** What imported community boundaries changed (applyBoundaries in src/state/boundaries.ts). */
export interface BoundaryReport {
  fileName: string;
  mode: BoundaryMode;
  /** Built-in hromadas whose polygon now comes from the file. */
  replaced: number;
  /** Hromadas the file adds (codes not in the built-in list). */
  added: number;
  /** Built-in hromadas left out (`replace` mode only). */
  dropped: number;
  /** Demand units now in another hromada (not counting those left in none), and their people. */
  movedUnits: number;
  movedPopulation: number;
  /** Demand units in no hromada afterwards (counted nationally, in no hromada's statistics). */
  outsideUnits: number;
  outsidePopulation: number;
  /** Hromadas whose population was re-summed from their demand units (it includes estimated cells). */
  resummed: number;
}

export interface GeoBundle {
  hromadaGeo: FeatureCollection<Polygon | MultiPolygon, HromadaProps>;
  hromadas: HromadaTable;
  demand: DemandTable;
  facilities: Facility[];
  attribution: AttributionSource[];
  manifest: Record<string, unknown>;
  /** What imported community boundaries changed (src/state/boundaries.ts), when the scenario has them. */
  boundaryReport?: BoundaryReport | null;
  /** With imported boundaries: gives a scenario's imported or placed facility the code of the hromada it stands in. */
  relocateFacility?: ((f: Facility) => Facility) | null;
  /** The territory-status list in use (hromadas.status follows it); absent until applied (the built-in list). */
  territory?: import('./scenario-state').TerritoryInUse;
}

/** The built-in territory list's name and date (manifest.json `territory`), or a plain name when the manifest has none. */
export function builtInTerritoryMeta(manifest: Record<string, unknown>): { list: string; date: string | null } {
  try {
    return parseTerritoryMeta(manifest);
  } catch {
    return { list: 'KSE 2022', date: null };
  }
}

/** URL of a bundled data file, relative to the page. */
export function geoUrl(file: string): string {
  return new URL(`geo/${file}`, document.baseURI).href;
}

async function getJson<T>(file: string, signal?: AbortSignal): Promise<T> {
  const res = await fetchGeoFile(geoUrl(''), file, fetch, signal);
  return (await res.json()) as T;
}

async function getOptionalJson<T>(file: string, fallback: T, signal?: AbortSignal): Promise<T> {
  try {
    return await getJson<T>(file, signal);
  } catch (e) {
    if (signal?.aborted) throw e;
    return fallback;
  }
}

/**
 * Fetches the start-up files the page itself needs in parallel and parses them. The outlines only drawn on the map
 * (border, oblasts, raions, no-data areas) are not among them: MapLibre's worker fetches those by URL.
 */
export async function loadGeoBundle(signal?: AbortSignal, onProgress?: (done: number, total: number) => void): Promise<GeoBundle> {
  let done = 0;
  const total = 5;
  const tick = <T>(p: Promise<T>): Promise<T> =>
    p.then((v) => {
      done++;
      onProgress?.(done, total);
      return v;
    });
  const [hromadaGeo, demandRaw, facilitiesRaw, attribution, manifest] = await Promise.all([
    tick(getJson<FeatureCollection<Polygon | MultiPolygon, HromadaProps>>('hromadas.geojson', signal)),
    tick(fetchDemand(geoUrl(''), fetch, signal)),
    tick(getJson<FeatureCollection>('facilities.geojson', signal)),
    tick(getOptionalJson<unknown>('attribution.json', [], signal)),
    tick(getOptionalJson<Record<string, unknown>>('manifest.json', {}, signal)),
  ]);
  startupMark('fetched');
  const parsed = parseGeoBundle({ hromadas: hromadaGeo, demand: demandRaw, facilities: facilitiesRaw });
  startupMark('parsed');
  return {
    hromadaGeo,
    ...parsed,
    attribution: normaliseAttribution(attribution),
    manifest,
  };
}

/**
 * The page's bundle from the tables the coverage worker loaded (createEmbeddedCoverageSource): the worker fetched and
 * parsed the three start-up files; here only hromadas.geojson's bytes are parsed (the map's polygons), unless the
 * page parsed its own copy of them already (`pageGeo`, used once the worker has found the same bytes valid), and the
 * two small files fetched. Errors are the worker's, with the messages loadGeoBundle gives.
 */
export async function loadGeoBundleFrom(
  tables: Promise<EmbeddedTables>,
  signal?: AbortSignal,
  onProgress?: (done: number, total: number) => void,
  pageGeo: Promise<unknown> = Promise.resolve(null),
): Promise<GeoBundle> {
  let done = 0;
  const total = 5;
  const tick = <T>(p: Promise<T>, n: number): Promise<T> =>
    p.then((v) => {
      done += n;
      onProgress?.(done, total);
      return v;
    });
  const [t, attribution, manifest] = await Promise.all([
    tick(tables, 3),
    tick(getOptionalJson<unknown>('attribution.json', [], signal), 1),
    tick(getOptionalJson<Record<string, unknown>>('manifest.json', {}, signal), 1),
  ]);
  signal?.throwIfAborted();
  markAt('worker-started', t.startedAt);
  markAt('worker-fetched', t.fetchedAt);
  markAt('worker-parsed', t.parsedAt);
  startupMark('worker-loaded');
  // the same bytes, parsed on the page while the worker parsed the tables, when the page had them
  const early = await pageGeo;
  const hromadaGeo = (early ?? JSON.parse(decodeUtf8(t.hromadasBytes))) as FeatureCollection<Polygon | MultiPolygon, HromadaProps>;
  startupMark('parsed');
  return { hromadaGeo, ...t.data, attribution: normaliseAttribution(attribution), manifest };
}

/** A start-up mark at an epoch time taken in a worker (its clock converted to the page's timeline). */
function markAt(name: string, epochMs: number): void {
  if (typeof performance === 'undefined' || performance.getEntriesByName(`hc:${name}`).length > 0) return;
  performance.mark(`hc:${name}`, { startTime: Math.max(0, epochMs - performance.timeOrigin) });
}

/** attribution.json may be an array or `{sources: [...]}`; both give a list. */
export function normaliseAttribution(raw: unknown): AttributionSource[] {
  if (Array.isArray(raw)) return raw as AttributionSource[];
  if (raw && typeof raw === 'object') {
    const o = raw as Record<string, unknown>;
    for (const k of ['sources', 'items', 'attributions']) if (Array.isArray(o[k])) return o[k] as AttributionSource[];
    return Object.entries(o)
      .filter(([, v]) => v && typeof v === 'object')
      .map(([id, v]) => ({ id, ...(v as AttributionSource) }));
  }
  return [];
}

let unlocatedCache: Promise<Record<string, UnlocatedSettlement[]>> | null = null;

/** Settlements without coordinates, per hromada code; fetched once, on first use. */
export function loadUnlocated(): Promise<Record<string, UnlocatedSettlement[]>> {
  unlocatedCache ??= getJson<unknown>('unlocated.json').then(normaliseUnlocated, () => ({}));
  return unlocatedCache;
}

/** Accepts `{code: [[id, name, category] | {name,…} | "name"]}` or `{hromadas: {...}}`. */
export function normaliseUnlocated(raw: unknown): Record<string, UnlocatedSettlement[]> {
  const out: Record<string, UnlocatedSettlement[]> = {};
  if (!raw || typeof raw !== 'object') return out;
  let o = raw as Record<string, unknown>;
  if (o.hromadas && typeof o.hromadas === 'object' && !Array.isArray(o.hromadas)) o = o.hromadas as Record<string, unknown>;
  for (const [code, list] of Object.entries(o)) {
    if (!Array.isArray(list)) continue;
    out[code] = list.map((x: unknown): UnlocatedSettlement => {
      if (typeof x === 'string') return { name: x };
      // [id, name, category] tuples (docs/data-format.md) or objects
      if (Array.isArray(x)) return { id: String(x[0] ?? ''), name: String(x[1] ?? ''), category: String(x[2] ?? '') };
      return x as UnlocatedSettlement;
    });
  }
  return out;
}
