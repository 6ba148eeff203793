/**
 * The page's road network: which graph the coverage worker holds (none, loading with progress, ready with its
 * header, or failed with a message), how it got there, and what the page draws of it. A module store (subscribe /
 * snapshot, for React's useSyncExternalStore), so the Data panel, the controls, the map and the panels read one
 * state without threading it through App.
 *
 * The graph itself lives only in the coverage worker: a dropped .graph file is handed over as a File (read there), a
 * dropped OSM/GeoJSON file is built in the builder worker and its bytes transferred on, and public/geo/roads.graph
 * is fetched by the worker. A coverage worker started later (data swaps start a new one) gets the same graph again.
 */
import type { ModelParams, Service } from '../engine/types';
import { CoverageClient, coverageClientCreated } from '../worker/client';
import { RoadsBuildClient, createRoadsBuildWorker } from '../worker/roads-build-client';
import type { RoadGraphInfo, RoadNodeMinutes, RoadPaths, RoadUnitModels } from '../worker/roads-protocol';

/** Where the graph came from (kept so a new coverage worker can be given it again). */
export type RoadsOrigin = { type: 'file'; file: Blob; fileName: string } | { type: 'built'; bytes: Blob; fileName: string; builtFrom: string } | { type: 'default'; url: string };

export type RoadsStatus =
  | { type: 'none' }
  | { type: 'building'; fileName: string; fraction: number }
  | { type: 'loading'; fileName: string }
  | { type: 'ready'; info: RoadGraphInfo; origin: RoadsOrigin }
  | { type: 'error'; fileName: string; message: { en: string; uk: string } };

export interface RoadsSnapshot {
  status: RoadsStatus;
  /** Increases whenever a graph is loaded into or cleared from the worker. */
  epoch: number;
  /** The roads layer is switched on. */
  layerOn: boolean;
  /** Which units the latest result timed by road (null: no graph, or the straight-line model). */
  unitModels: RoadUnitModels | null;
  /** Roads the layer draws and minor ones it leaves out (null until drawn). */
  drawn: { paths: number; omitted: number } | null;
}

/** File names the Data panel sends to the road network rather than the table importer. */
export const ROADS_FILE_RE = /\.(osm|osm\.xml|osm\.gz|osm\.xml\.gz|osm\.pbf|pbf|graph)$/i;
/** A built graph (read as is) rather than a file to build. */
export const GRAPH_FILE_RE = /\.graph$/i;

let snapshot: RoadsSnapshot = { status: { type: 'none' }, epoch: 0, layerOn: false, unitModels: null, drawn: null };
const listeners = new Set<() => void>();
let client: CoverageClient | null = null;
let builder: RoadsBuildClient | null = null;

/** An error's message in both languages (the builder's and the graph reader's errors carry both). */
function messageOf(e: unknown): { en: string; uk: string } {
  const en = e instanceof Error ? e.message : String(e);
  const uk = e instanceof Error && 'uk' in e && typeof e.uk === 'string' ? e.uk : en;
  return { en, uk };
}

/**
 * A load or build failed: the status says why, and a graph the worker may still hold from before is taken out (the
 * page shows no graph, so the engine must use none; the epoch step recomputes a road-model result).
 */
function fail(fileName: string, message: { en: string; uk: string }): void {
  set({ status: { type: 'error', fileName, message }, epoch: snapshot.epoch + 1 });
  void client?.request('clearRoadGraph', {}).catch(() => undefined);
}

function set(patch: Partial<RoadsSnapshot>): void {
  snapshot = { ...snapshot, ...patch };
  for (const l of listeners) l();
}

export function subscribeRoads(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function roadsSnapshot(): RoadsSnapshot {
  return snapshot;
}

/** True when a graph is loaded in the coverage worker. */
export function roadsReady(): boolean {
  return snapshot.status.type === 'ready';
}

function send(c: CoverageClient, origin: RoadsOrigin, fileName: string) {
  if (origin.type === 'default') return c.request('loadRoadGraph', { fileName, url: origin.url });
  if (origin.type === 'file') return c.request('loadRoadGraph', { fileName, blob: origin.file });
  return c.request('loadRoadGraph', { fileName, blob: origin.bytes });
}

let loads = 0;
async function load(origin: RoadsOrigin, fileName: string, buffer?: ArrayBuffer): Promise<void> {
  const c = client;
  if (!c) throw new Error('The coverage engine is not ready yet.');
  const n = ++loads;
  set({ status: { type: 'loading', fileName } });
  try {
    const res = buffer ? await c.request('loadRoadGraph', { fileName, buffer }, { transfer: [buffer] }) : await send(c, origin, fileName);
    if (n !== loads) return;
    if ('error' in res) fail(fileName, res.error);
    else set({ status: { type: 'ready', info: res.info, origin }, epoch: snapshot.epoch + 1 });
  } catch (e) {
    if (n !== loads) return;
    fail(fileName, messageOf(e));
  }
}

/** A new coverage worker (data swap) gets the graph in use. */
coverageClientCreated.add((c) => {
  client = c;
  const s = snapshot.status;
  if (s.type !== 'ready') return;
  send(c, s.origin, s.info.fileName).then(
    (res) => {
      if ('error' in res) fail(s.info.fileName, res.error);
    },
    (e: unknown) => fail(s.info.fileName, messageOf(e)),
  );
});

/**
 * A roads file the user gave: a .graph file is loaded as is; OSM XML / PBF / GeoJSON is built into a graph in the
 * builder worker (progress in the status), then loaded.
 */
export async function loadRoadsFile(file: Blob, fileName: string): Promise<void> {
  if (GRAPH_FILE_RE.test(fileName)) return load({ type: 'file', file, fileName }, fileName);
  const n = ++loads;
  set({ status: { type: 'building', fileName, fraction: 0 } });
  builder ??= new RoadsBuildClient(createRoadsBuildWorker());
  let buffer: ArrayBuffer;
  try {
    buffer = await builder.build(file, fileName, (fraction) => {
      if (n === loads) set({ status: { type: 'building', fileName, fraction } });
    });
  } catch (e) {
    if (n === loads) fail(fileName, messageOf(e));
    return;
  }
  if (n !== loads) return;
  const graphName = fileName.replace(/\.[^.]*$/, '') + '.graph';
  // A copy kept as a Blob (the bytes go to the worker transferred) for a coverage worker started later.
  const bytes = new Blob([buffer]);
  return load({ type: 'built', bytes, fileName: graphName, builtFrom: fileName }, graphName, buffer);
}

/**
 * Uses public/geo/roads.graph when the page's own folder has one: a HEAD request after the first screen (a missing
 * file, or the single-page fallback answering with HTML, is silence), then the worker fetches and parses it.
 * @param geoBase absolute URL of the page's geo/ folder
 */
export async function loadDefaultRoads(geoBase: string): Promise<void> {
  // Not over a graph the user gave; but again after the default graph's own load failed (a report whose worker was
  // disposed mid-load, for one, cancels it: the next report must not say "no graph" for the rest of the session).
  const free = () => snapshot.status.type === 'none' || (snapshot.status.type === 'error' && defaultErrorEpoch === snapshot.epoch);
  if (!free()) return;
  const url = new URL('roads.graph', geoBase).href;
  if (new URL(url).origin !== location.origin) return;
  let ok: boolean;
  if (typeof navigator !== 'undefined' && navigator.serviceWorker?.controller && typeof caches !== 'undefined') {
    // The installed app precaches every file of its build: a graph that was built with it is in the cache, and one
    // that is not there is not asked of the network (offline, that request would only fail).
    ok = !!(await caches.match(url, { ignoreSearch: true }).catch(() => undefined));
  } else {
    try {
      const r = await fetch(url, { method: 'HEAD' });
      const type = r.headers.get('content-type') ?? '';
      ok = r.ok && !type.includes('text/html');
    } catch {
      ok = false;
    }
  }
  if (!ok || !free()) return;
  await load({ type: 'default', url }, 'roads.graph');
  defaultErrorEpoch = snapshot.status.type === 'error' ? snapshot.epoch : null;
}

/** The epoch of the error status the default graph's last load left (null: none): loadDefaultRoads may try again. */
let defaultErrorEpoch: number | null = null;

/** Removes the graph from the worker (the travel model falls back to the straight line). */
export async function clearRoads(): Promise<void> {
  ++loads;
  set({ status: { type: 'none' }, epoch: snapshot.epoch + 1 });
  await client?.request('clearRoadGraph', {}).catch(() => undefined);
}

export function setRoadUnitModels(m: RoadUnitModels | null): void {
  if (m !== snapshot.unitModels) set({ unitModels: m });
}

export function setRoadsDrawn(paths: number, omitted: number): void {
  const d = snapshot.drawn;
  if (d?.paths !== paths || d.omitted !== omitted) set({ drawn: { paths, omitted } });
}

export function setRoadsLayer(on: boolean): void {
  if (on !== snapshot.layerOn) set({ layerOn: on });
}

/** The graph's roads as paths (built in the worker once per graph). */
export function fetchRoadPaths(): Promise<RoadPaths> {
  if (!client) return Promise.reject(new Error('The coverage engine is not ready yet.'));
  return client.request('roadPaths', {});
}

/** Minutes per graph node of the engine's current result for `service`. */
export function fetchRoadNodeMinutes(service: Service, signal?: AbortSignal): Promise<RoadNodeMinutes> {
  if (!client) return Promise.reject(new Error('The coverage engine is not ready yet.'));
  return client.request('roadNodeMinutes', { service }, signal ? { signal } : {});
}

/** Which units the engine's current result timed by road, for `service`. */
export function fetchRoadUnitModels(service: Service, signal?: AbortSignal): Promise<RoadUnitModels> {
  if (!client) return Promise.reject(new Error('The coverage engine is not ready yet.'));
  return client.request('roadUnitModels', { service }, signal ? { signal } : {});
}

/**
 * Lines the exports carry about the road network (beside the data sources): the travel model of the figures and,
 * with a graph loaded, its credit (ODbL, "© OpenStreetMap contributors", OSM date). English, like the other
 * source lines of the exports.
 */
export function roadsExportLines(params: ModelParams, roads: RoadsSnapshot = snapshot): string[] {
  const s = roads.status;
  const road = params.coverageMode === 'time' && params.travelModel === 'road';
  const out: string[] = [];
  if (road && s.type === 'ready')
    out.push(
      `travel_model: road network (graph ${s.info.fileName}, OSM date ${s.info.osmTimestamp.slice(0, 10) || 'unknown'}); units farther than ${params.roads.snapMaxKm} km from a road use straight line × detour (travel_model = straight in the per-unit rows)`,
    );
  else if (road) out.push('travel_model: straight line × detour (the road network model was chosen but no road graph was loaded)');
  else out.push('travel_model: straight line × detour');
  if (s.type === 'ready')
    out.push(`Road network: © OpenStreetMap contributors, ODbL 1.0 — ${s.info.source || s.info.fileName}, OSM date ${s.info.osmTimestamp.slice(0, 10) || 'unknown'} — https://www.openstreetmap.org/copyright`);
  return out;
}
