/**
 * ImportContext: where settlements and hromadas are, for placing rows without coordinates, finding the hromada of
 * a point (Flatbush bbox index + @turf/boolean-point-in-polygon, never a scan of all polygons) and the
 * outside-Ukraine test.
 */
import Flatbush from 'flatbush';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import type { DemandTable, HromadaTable } from '../engine/types';
import type { ImportContext, KnownHromada, KnownSettlement } from './types';
import { normalizeCode, normalizeName } from './text';
import { edgeDistanceIndex } from './border-distance';

/** A point up to this far outside the simplified border is accepted and flagged "near the border", km. */
export const BORDER_TOLERANCE_KM = 5;

/** Ukraine's bounding box with a small margin, WGS84 degrees (includes Crimea). */
export const UKRAINE_BBOX = { minLon: 22.0, minLat: 44.3, maxLon: 40.3, maxLat: 52.45 } as const;

/** Offsets of about 1 km (0.01° latitude, 0.014° longitude at 50° N) tried around a point outside every polygon. */
const NEAR: readonly (readonly [number, number])[] = [
  [0.014, 0],
  [-0.014, 0],
  [0, 0.01],
  [0, -0.01],
  [0.01, 0.007],
  [-0.01, 0.007],
  [0.01, -0.007],
  [-0.01, -0.007],
];

export function inUkraineBbox(lon: number, lat: number): boolean {
  return (
    lon >= UKRAINE_BBOX.minLon && lon <= UKRAINE_BBOX.maxLon && lat >= UKRAINE_BBOX.minLat && lat <= UKRAINE_BBOX.maxLat
  );
}

/** Settlements without coordinates per hromada code: `[katottg, name, category]` (public/geo/unlocated.json). */
export type UnlocatedList = Record<string, readonly (readonly [string, string, string])[]>;

type AreaGeometry = Polygon | MultiPolygon;
type AreaInput = FeatureCollection | Feature | Geometry;

export interface ImportContextSources {
  /** Hromadas in HromadaTable order (DemandTable.hromada indexes it). */
  hromadas?: HromadaTable;
  /** Located settlements (kind `settlement`) give codes, names and points; cells are ignored. */
  demand?: DemandTable;
  /**
   * Hromada polygons: a FeatureCollection with a `code` property (public/geo/hromadas.geojson; without `code`,
   * feature i = hromada i), or geometries in HromadaTable order (src/cli/load-embedded.ts `polygons`).
   */
  polygons?: FeatureCollection | readonly (Polygon | MultiPolygon)[];
  /** National border (public/geo/border.geojson); a point in it, a hromada or a no-data area is in Ukraine. */
  border?: AreaInput;
  /** Areas of Ukraine without hromadas (public/geo/no_data.geojson: Crimea, Sevastopol). */
  noData?: AreaInput;
  unlocated?: UnlocatedList;
  /** Ids of facilities already loaded. */
  facilityIds?: Iterable<string>;
  /** Ids of demand units already loaded; default `demand.ids`. */
  demandIds?: Iterable<string>;
}

function areaGeometries(input: AreaInput | undefined): { geom: AreaGeometry; props: Record<string, unknown> }[] {
  if (!input) return [];
  const out: { geom: AreaGeometry; props: Record<string, unknown> }[] = [];
  const add = (g: Geometry | null | undefined, props: Record<string, unknown>): void => {
    if (!g) return;
    if (g.type === 'Polygon' || g.type === 'MultiPolygon') out.push({ geom: g, props });
    else if (g.type === 'GeometryCollection') for (const x of g.geometries) add(x, props);
  };
  if (input.type === 'FeatureCollection') for (const f of input.features) add(f.geometry, f.properties ?? {});
  else if (input.type === 'Feature') add(input.geometry, input.properties ?? {});
  else add(input, {});
  return out;
}

/**
 * A point-in-polygon index: one Flatbush item per polygon part, exact test only on bbox hits.
 * @returns `(lon, lat) → owner index or -1`
 */
export function polygonIndex(areas: { geom: AreaGeometry; owner: number }[]): (lon: number, lat: number) => number {
  const parts: { poly: Polygon; owner: number }[] = [];
  for (const { geom, owner } of areas) {
    if (geom.type === 'Polygon') parts.push({ poly: geom, owner });
    else for (const coordinates of geom.coordinates) parts.push({ poly: { type: 'Polygon', coordinates }, owner });
  }
  const usable = parts.filter((p) => (p.poly.coordinates[0]?.length ?? 0) >= 4);
  if (usable.length === 0) return () => -1;
  const index = new Flatbush(usable.length);
  for (const { poly } of usable) {
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (const p of poly.coordinates[0] as Position[]) {
      const x = p[0] ?? NaN;
      const y = p[1] ?? NaN;
      if (x < minX) minX = x;
      if (y < minY) minY = y;
      if (x > maxX) maxX = x;
      if (y > maxY) maxY = y;
    }
    index.add(minX, minY, maxX, maxY);
  }
  index.finish();
  // The importers ask twice for one point (inside Ukraine? which hromada?): remember the last answer.
  let lastLon = NaN;
  let lastLat = NaN;
  let lastOwner = -1;
  return (lon, lat) => {
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) return -1;
    if (lon === lastLon && lat === lastLat) return lastOwner;
    let owner = -1;
    const hits = index.search(lon, lat, lon, lat);
    hits.sort((a, b) => a - b);
    for (const h of hits) {
      const part = usable[h];
      if (part && booleanPointInPolygon([lon, lat], part.poly)) {
        owner = part.owner;
        break;
      }
    }
    lastLon = lon;
    lastLat = lat;
    lastOwner = owner;
    return owner;
  };
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Build the read-only context the importers use. Every source is optional: without polygons, hromadas are taken
 * from the file's own column or left null, and "outside Ukraine" is a bbox test.
 * @example buildImportContext({ hromadas, demand, polygons, unlocated })
 */
export function buildImportContext(src: ImportContextSources = {}): ImportContext {
  const hromadas: KnownHromada[] = [];
  const hromadaByCode = new Map<string, number>();
  const hromadasByName = new Map<string, number[]>();
  const h = src.hromadas;
  if (h) {
    for (let i = 0; i < h.count; i++) {
      const k: KnownHromada = {
        code: h.codes[i] ?? '',
        name: h.names[i] ?? '',
        oblast: h.oblasts[i] ?? '',
        raion: h.raions[i] ?? '',
        centerLon: h.centerLon[i] ?? NaN,
        centerLat: h.centerLat[i] ?? NaN,
      };
      hromadas.push(k);
      hromadaByCode.set(k.code, i);
      pushTo(hromadasByName, normalizeName(k.name), i);
      const en = h.namesEn[i];
      if (en) pushTo(hromadasByName, normalizeName(en), i);
    }
  }

  if (!h && src.polygons && !Array.isArray(src.polygons)) {
    // Hromadas from the polygons' own properties (code, name, oblast, raion, center_lon, center_lat).
    for (const { props } of areaGeometries(src.polygons as FeatureCollection)) {
      const code = typeof props.code === 'string' ? props.code : '';
      if (code === '' || hromadaByCode.has(code)) continue;
      const str = (k: string): string => (typeof props[k] === 'string' ? (props[k] as string) : '');
      const num = (k: string): number => (typeof props[k] === 'number' ? (props[k] as number) : NaN);
      const i = hromadas.length;
      hromadas.push({
        code,
        name: str('name'),
        oblast: str('oblast'),
        raion: str('raion'),
        centerLon: num('center_lon'),
        centerLat: num('center_lat'),
      });
      hromadaByCode.set(code, i);
      pushTo(hromadasByName, normalizeName(str('name')), i);
    }
  }

  const settlementByCode = new Map<string, KnownSettlement>();
  const settlementsByName = new Map<string, KnownSettlement[]>();
  const addSettlement = (s: KnownSettlement): void => {
    if (settlementByCode.has(s.code)) return;
    settlementByCode.set(s.code, s);
    pushTo(settlementsByName, normalizeName(s.name), s);
  };
  const d = src.demand;
  if (d) {
    for (let i = 0; i < d.count; i++) {
      if (d.kind[i] !== 0) continue;
      addSettlement({
        code: normalizeCode(d.ids[i] ?? ''),
        name: d.names[i] ?? '',
        hromada: d.hromada[i] ?? -1,
        lon: d.lon[i] ?? NaN,
        lat: d.lat[i] ?? NaN,
        category: d.urban[i] ? 'urban' : 'rural',
      });
    }
  }
  if (src.unlocated) {
    for (const [hcode, list] of Object.entries(src.unlocated)) {
      const hi = hromadaByCode.get(hcode) ?? -1;
      for (const [code, name, category] of list) {
        addSettlement({ code: normalizeCode(code), name, hromada: hi, lon: NaN, lat: NaN, category });
      }
    }
  }

  let hromadaAt: ImportContext['hromadaAt'] = null;
  const polys: FeatureCollection | undefined = Array.isArray(src.polygons)
    ? {
        type: 'FeatureCollection',
        features: (src.polygons as readonly (Polygon | MultiPolygon)[]).map((geometry) => ({
          type: 'Feature',
          properties: {},
          geometry,
        })),
      }
    : (src.polygons as FeatureCollection | undefined);
  if (polys) {
    const areas = areaGeometries(polys).map(({ geom, props }, i) => {
      const code = typeof props.code === 'string' ? props.code : null;
      const owner = code !== null ? (hromadaByCode.get(code) ?? -1) : i < hromadas.length ? i : -1;
      return { geom, owner };
    });
    hromadaAt = polygonIndex(areas.filter((a) => a.owner >= 0));
  }

  // Inside Ukraine: in the bbox and in the border, a hromada or a no-data area (any of them: a simplified border
  // can leave slivers or holes — public/geo/border.geojson has a hole at Kyiv city — that hromadas cover).
  // Points up to ~1 km outside (a coastal or border station vs simplified outlines) count as inside.
  let insideUkraine: ImportContext['insideUkraine'] = null;
  const noData = polygonIndex(areaGeometries(src.noData).map(({ geom }) => ({ geom, owner: 0 })));
  const border = src.border ? polygonIndex(areaGeometries(src.border).map(({ geom }) => ({ geom, owner: 0 }))) : null;
  const at = hromadaAt;
  if (border || at) {
    const exact = (lon: number, lat: number): boolean =>
      (at !== null && at(lon, lat) >= 0) || (border !== null && border(lon, lat) >= 0) || noData(lon, lat) >= 0;
    insideUkraine = (lon, lat) =>
      inUkraineBbox(lon, lat) && (exact(lon, lat) || NEAR.some(([dx, dy]) => exact(lon + dx, lat + dy)));
  }
  let borderDistanceKm: ImportContext['borderDistanceKm'] = null;
  if (src.border) {
    const edges = edgeDistanceIndex(areaGeometries(src.border).map(({ geom }) => geom));
    borderDistanceKm = (lon, lat) => edges(lon, lat, BORDER_TOLERANCE_KM);
  }
  if (at) {
    // A point just outside every polygon (coast, border) takes the hromada of a point ~1 km away, if any.
    hromadaAt = (lon, lat) => {
      const i = at(lon, lat);
      if (i >= 0) return i;
      for (const [dx, dy] of NEAR) {
        const j = at(lon + dx, lat + dy);
        if (j >= 0) return j;
      }
      return -1;
    };
  }

  return {
    hromadas,
    hromadaByCode,
    hromadasByName,
    settlementByCode,
    settlementsByName,
    hromadaAt,
    insideUkraine,
    borderDistanceKm,
    facilityIds: new Set(src.facilityIds ?? []),
    demandIds: new Set(src.demandIds ?? d?.ids ?? []),
  };
}

/** An empty context: bbox-only checks, no placement by name or code. */
export function emptyImportContext(): ImportContext {
  return buildImportContext({});
}
