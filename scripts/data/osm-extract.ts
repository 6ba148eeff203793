/**
 * `npm run data -- --osm FILE` (issue 13 point 7): what an OSM extract adds to the data build, read with the
 * project's streaming OSM reader (src/io/roads; PBF or XML, plain or gzip'd):
 * - settlement points: every node whose id is in settlements_osm_node_ids.csv (osm_id → katotth) gives its
 *   settlement a point of its own (place `osm_place_node`) where the settlement has none, replacing areal spreading;
 * - facilities: `amenity=fire_station` and `amenity=police` nodes, and ways (their point is the mean of the way's
 *   distinct nodes, a stand-in for the centroid of a small building outline), with source `osm` and their OSM id.
 *   A fire station's kind (state, local, volunteer) is not in OSM: it is typed `state_fire_unit` and says so in its
 *   note; police as `police_station`. OSM facilities within OSM_DUPLICATE_KM of a sourced facility of the same
 *   service are skipped as duplicates, and ones outside every hromada are skipped; both are counted.
 */
import { createReadStream, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { inflateSync } from 'node:zlib';
import type { Feature, Point } from 'geojson';
import { readOsm } from '../../src/io/roads/build';
import { detectRoadFormat, peek, type RoadSource } from '../../src/io/roads/source';
import type { OsmTags } from '../../src/io/roads/osm';
import { readCsv } from './csv';
import { round } from './geo';
import type { Settlement } from './demand';

export const NODE_IDS_FILE = 'settlements_osm_node_ids.csv';
/** An OSM facility this close to a sourced one of the same service is taken as the same unit. */
export const OSM_DUPLICATE_KM = 0.5;
type Amenity = 'fire_station' | 'police';

export interface OsmFacility {
  /** `node/123` or `way/456`. */
  osmId: string;
  amenity: Amenity;
  name: string;
  lon: number;
  lat: number;
}

export interface OsmExtract {
  file: string;
  timestamp: string;
  /** katottg → point of the settlement's OSM node. */
  settlements: Map<string, { lon: number; lat: number; osmId: number }>;
  facilities: OsmFacility[];
  counts: Record<string, number>;
}

/** osm_id → katotth of settlements_osm_node_ids.csv. */
export function readSettlementNodeIds(dataDir: string): Map<number, string> {
  const out = new Map<number, string>();
  for (const r of readCsv(join(dataDir, NODE_IDS_FILE))) {
    const id = Number(r['osm_id']);
    const code = r['katotth'] ?? '';
    if (Number.isInteger(id) && id > 0 && code) out.set(id, code);
  }
  return out;
}

const nativeInflate = (d: Uint8Array, size: number): Uint8Array => {
  const o = inflateSync(d, { maxOutputLength: Math.max(1, size) });
  return new Uint8Array(o.buffer, o.byteOffset, o.byteLength);
};

const nameOf = (t: OsmTags): string => t['name:uk'] ?? t['name'] ?? t['official_name'] ?? '';

/** Reads an extract once (twice when facilities are mapped as ways: their nodes come before them in the file). */
export async function readOsmExtract(file: string, nodeIds: ReadonlyMap<number, string>): Promise<OsmExtract> {
  const src: RoadSource = {
    name: basename(file),
    size: statSync(file).size,
    open: () => createReadStream(file, { highWaterMark: 1 << 20 }),
  };
  const format = detectRoadFormat(await peek(src), src.name);
  if (format !== 'pbf' && format !== 'xml') throw new Error(`${file}: --osm takes an OSM PBF or OSM XML extract`);
  const settlements = new Map<string, { lon: number; lat: number; osmId: number }>();
  const facilities: OsmFacility[] = [];
  const ways: { id: number; amenity: Amenity; name: string; refs: number[] }[] = [];
  let timestamp = '';
  let nodes = 0;
  await readOsm(
    src,
    format,
    {
      header: (h) => (timestamp = h.timestamp),
      nodeTags: true,
      node: (id, lon, lat, tags) => {
        nodes++;
        const code = nodeIds.get(id);
        if (code !== undefined) settlements.set(code, { lon, lat, osmId: id });
        const a = tags?.['amenity'];
        if (tags && (a === 'fire_station' || a === 'police'))
          facilities.push({ osmId: `node/${id}`, amenity: a, name: nameOf(tags), lon, lat });
      },
      wayKeys: ['amenity'],
      wayFilter: (t) => t['amenity'] === 'fire_station' || t['amenity'] === 'police',
      way: (id, tags, refs, n) =>
        ways.push({
          id,
          amenity: tags['amenity'] as Amenity,
          name: nameOf(tags),
          refs: Array.from(refs.subarray(0, n)),
        }),
    },
    undefined,
    nativeInflate,
  );
  let wayCentroids = 0;
  if (ways.length > 0) {
    const need = new Set(ways.flatMap((w) => w.refs));
    const at = new Map<number, [number, number]>();
    await readOsm(
      src,
      format,
      { node: (id, lon, lat) => void (need.has(id) && at.set(id, [lon, lat])) },
      undefined,
      nativeInflate,
    );
    for (const w of ways) {
      const pts = [...new Set(w.refs)].map((r) => at.get(r)).filter((p): p is [number, number] => p !== undefined);
      if (pts.length === 0) continue;
      wayCentroids++;
      const lon = pts.reduce((s, p) => s + p[0], 0) / pts.length;
      const lat = pts.reduce((s, p) => s + p[1], 0) / pts.length;
      facilities.push({ osmId: `way/${w.id}`, amenity: w.amenity, name: w.name, lon, lat });
    }
  }
  const count = (a: Amenity, kind: string): number =>
    facilities.filter((f) => f.amenity === a && f.osmId.startsWith(kind)).length;
  return {
    file: basename(file),
    timestamp,
    settlements,
    facilities,
    counts: {
      nodes_read: nodes,
      settlement_ids_listed: nodeIds.size,
      settlements_found: settlements.size,
      fire_station_nodes: count('fire_station', 'node/'),
      fire_station_ways: count('fire_station', 'way/'),
      police_nodes: count('police', 'node/'),
      police_ways: count('police', 'way/'),
      facility_ways_without_nodes: ways.length - wayCentroids,
    },
  };
}

/** Settlements without a point get their OSM node's point; returns the new list and how many were placed. */
export function applyOsmExtractSettlements(
  settlements: readonly Settlement[],
  x: OsmExtract,
): { settlements: Settlement[]; placed: number; alreadyLocated: number } {
  let placed = 0;
  let alreadyLocated = 0;
  const out = settlements.map((s) => {
    const p = x.settlements.get(s.katottg);
    if (!p) return s;
    if (s.lon !== null) {
      alreadyLocated++;
      return s;
    }
    placed++;
    return { ...s, lon: round(p.lon, 5), lat: round(p.lat, 5), place: 'osm_place_node' as const };
  });
  return { settlements: out, placed, alreadyLocated };
}

export interface OsmFacilityProps {
  id: string;
  name: string;
  type: 'state_fire_unit' | 'police_station';
  status: 'opened';
  hromada_code: string | null;
  source: 'osm';
  source_url: string;
  placement: 'osm';
  note: string;
}

const R_KM = 6371.0088;
function km(a: readonly number[], b: readonly number[]): number {
  const toRad = Math.PI / 180;
  const dLat = (b[1]! - a[1]!) * toRad;
  const dLon = (b[0]! - a[0]!) * toRad * Math.cos(((a[1]! + b[1]!) / 2) * toRad);
  return R_KM * Math.hypot(dLat, dLon);
}

/**
 * The extract's facilities as features of facilities.geojson (source `osm`), skipping those outside every hromada
 * and those within OSM_DUPLICATE_KM of a sourced facility of the same service (`existing`: points with the services they serve).
 */
export function osmFacilityFeatures(
  x: OsmExtract,
  hromadaAt: (lon: number, lat: number) => string | null,
  existing: readonly { coordinates: readonly number[]; services: readonly string[] }[],
): { features: Feature<Point, OsmFacilityProps>[]; outside: number; duplicates: number } {
  const features: Feature<Point, OsmFacilityProps>[] = [];
  let outside = 0;
  let duplicates = 0;
  // A 0.05° grid of the existing facilities, so each OSM point checks only its neighbourhood.
  const cell = (lon: number, lat: number): string => `${Math.floor(lon / 0.05)},${Math.floor(lat / 0.05)}`;
  const grid = new Map<string, { coordinates: readonly number[]; services: readonly string[] }[]>();
  for (const e of existing) {
    const k = cell(e.coordinates[0]!, e.coordinates[1]!);
    grid.set(k, [...(grid.get(k) ?? []), e]);
  }
  const near = (lon: number, lat: number, service: string): boolean => {
    const cx = Math.floor(lon / 0.05);
    const cy = Math.floor(lat / 0.05);
    for (let dx = -1; dx <= 1; dx++)
      for (let dy = -1; dy <= 1; dy++)
        for (const e of grid.get(`${cx + dx},${cy + dy}`) ?? [])
          if (e.services.includes(service) && km(e.coordinates, [lon, lat]) <= OSM_DUPLICATE_KM) return true;
    return false;
  };
  const sorted = [...x.facilities].sort((a, b) => (a.osmId < b.osmId ? -1 : a.osmId > b.osmId ? 1 : 0));
  for (const f of sorted) {
    const code = hromadaAt(f.lon, f.lat);
    if (code === null) {
      outside++;
      continue;
    }
    const police = f.amenity === 'police';
    if (near(f.lon, f.lat, police ? 'police' : 'fire')) {
      duplicates++;
      continue;
    }
    const [kind, num] = f.osmId.split('/');
    features.push({
      type: 'Feature',
      properties: {
        id: `osm-${kind}-${num}`,
        name: f.name,
        type: police ? 'police_station' : 'state_fire_unit',
        status: 'opened',
        hromada_code: code,
        source: 'osm',
        source_url: `https://www.openstreetmap.org/${f.osmId}`,
        placement: 'osm',
        note: police
          ? `OpenStreetMap amenity=police (${f.osmId}, extract ${x.file}${x.timestamp ? ` of ${x.timestamp.slice(0, 10)}` : ''}).`
          : `OpenStreetMap amenity=fire_station (${f.osmId}, extract ${x.file}${x.timestamp ? ` of ${x.timestamp.slice(0, 10)}` : ''}); OSM does not say whether it is a state, local or volunteer unit: typed as a state fire unit (an assumption).`,
      },
      geometry: { type: 'Point', coordinates: [round(f.lon, 5), round(f.lat, 5)] },
    });
  }
  return { features, outside, duplicates };
}
