/**
 * Imported community boundaries applied to the loaded data: a new hromada list (polygons, table, map features), the
 * demand units and facilities re-assigned to the hromada whose polygon now holds them, and the populations of the
 * hromadas that gained or lost people re-summed from their demand units. Pure: the page, the scenario comparison and
 * the tests reach the same result.
 *
 * Modes:
 * - `update`: a file polygon whose code is a built-in hromada replaces that hromada's polygon; a new code adds a
 *   hromada; the other built-in hromadas keep theirs. A demand unit of an untouched hromada moves only when it falls
 *   inside an imported polygon (the built-in assignment follows the settlement's official code, so it is not redone
 *   against the simplified built-in polygons).
 * - `replace`: the file is the whole hromada list; every demand unit goes to the file polygon holding it, or to none.
 */
import { area, booleanPointInPolygon, pointOnFeature } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { DemandTable, Facility } from '../engine/types';
import { transliterate } from '../i18n/translit';
import { polygonIndex } from '../io/context';
import { parseHromadas } from '../io/embedded';
import { toDemandTable } from '../io/convert';
import type { BoundaryMode, Scenario } from '../io/scenario';
import type { BoundaryRow } from '../io/types';
import type { BoundaryReport, GeoBundle, HromadaFeature, HromadaProps } from './load-data';

/** The part of the loaded data that boundaries change. */
export type AreaBundle = Pick<GeoBundle, 'hromadaGeo' | 'hromadas' | 'demand' | 'facilities'>;

export interface BoundaryResult {
  bundle: AreaBundle;
  report: BoundaryReport;
  /**
   * A facility with the hromada code of where it now stands (the same rule as the demand units); for facilities
   * imported or placed after the built-in list was read (their codes came from the built-in polygons).
   */
  relocate: (f: Facility) => Facility;
}

/** Properties of hromadas from an imported file, added to the map features. */
export interface ImportedBoundaryProps {
  /** The file the polygon came from. */
  boundary_file?: string;
  /** True when pop_* were re-summed from the demand units inside the new boundary. */
  pop_resummed?: boolean;
}

interface Entry {
  /** Built-in index, or -1 for a new code. */
  base: number;
  row: BoundaryRow | null;
}

const inBbox = (b: readonly number[], lon: number, lat: number): boolean => lon >= b[0]! && lat >= b[1]! && lon <= b[2]! && lat <= b[3]!;

function km2(g: Polygon | MultiPolygon): number {
  return Math.round(area(g) / 1e4) / 100;
}

/** The hromada list after the file: built-in order then new codes (`update`), or the file's order (`replace`). */
function entriesOf(codes: readonly string[], rows: readonly BoundaryRow[], mode: BoundaryMode): Entry[] {
  const baseIndex = new Map(codes.map((c, i) => [c, i]));
  if (mode === 'replace') return rows.map((row) => ({ base: baseIndex.get(row.code) ?? -1, row }));
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const out: Entry[] = codes.map((c, i) => ({ base: i, row: byCode.get(c) ?? null }));
  for (const row of rows) if (!baseIndex.has(row.code)) out.push({ base: -1, row });
  return out;
}

/**
 * Applies imported boundaries. Rows must be validated (src/io/boundaries.ts): unique codes, Polygon/MultiPolygon.
 * @example applyBoundaries(bundle, result.rows, 'update', 'hromada.geojson').report.replaced
 */
export function applyBoundaries(
  base: AreaBundle,
  rows: readonly BoundaryRow[],
  mode: BoundaryMode,
  fileName: string,
): BoundaryResult {
  const { hromadas: bh, demand } = base;
  const entries = entriesOf(bh.codes, rows, mode);
  const oldToNew = new Int32Array(bh.count).fill(-1);
  entries.forEach((e, i) => {
    if (e.base >= 0) oldToNew[e.base] = i;
  });
  const inImported = polygonIndex(entries.flatMap((e, owner) => (e.row ? [{ geom: e.row.geometry, owner }] : [])));
  const lazy = (areas: () => Parameters<typeof polygonIndex>[0]) => {
    let index: ((lon: number, lat: number) => number) | null = null;
    return (lon: number, lat: number): number => (index ??= polygonIndex(areas()))(lon, lat);
  };
  const inBuiltIn = lazy(() => base.hromadaGeo.features.map((f, owner) => ({ geom: f.geometry, owner })));
  const inUntouched = lazy(() =>
    entries.flatMap((e, owner) => (!e.row && e.base >= 0 ? [{ geom: base.hromadaGeo.features[e.base]!.geometry, owner }] : [])),
  );
  /** The new hromada holding a point: imported polygons first, then (update) the untouched built-in ones. */
  const inNew = (lon: number, lat: number): number => {
    const h = inImported(lon, lat);
    return h >= 0 || mode === 'replace' ? h : inUntouched(lon, lat);
  };
  /**
   * The new hromada of a point the data put in built-in hromada `old` (-1: none). The point moves only when the
   * boundaries moved it: when the hromada whose built-in polygon holds it no longer does (the data assigns settlements
   * by their official code, and some points sit just across a simplified edge, so re-importing the same boundaries
   * moves nothing).
   */
  const reassign = (old: number, lon: number, lat: number): number => {
    const kept = old >= 0 ? oldToNew[old]! : -1;
    if (kept >= 0 && !entries[kept]!.row && inImported(lon, lat) < 0) return kept;
    const was = inBuiltIn(lon, lat);
    const wasNew = was >= 0 ? oldToNew[was]! : -1;
    const wasRow = wasNew >= 0 ? entries[wasNew]!.row : null;
    const owner = wasRow && inBbox(wasRow.bbox, lon, lat) && booleanPointInPolygon([lon, lat], wasRow.geometry) ? wasNew : inNew(lon, lat);
    return owner === wasNew && kept >= 0 ? kept : owner;
  };

  const n = entries.length;
  const hromada = new Int32Array(demand.count);
  const touched = new Uint8Array(n);
  let movedUnits = 0;
  let movedPopulation = 0;
  let outsideUnits = 0;
  let outsidePopulation = 0;
  for (let i = 0; i < demand.count; i++) {
    const old = demand.hromada[i]!;
    const kept = old >= 0 ? oldToNew[old]! : -1;
    const h = reassign(old, demand.lon[i]!, demand.lat[i]!);
    hromada[i] = h;
    const pop = demand.population[i]!;
    if (h !== kept || kept < 0) {
      if (h >= 0) touched[h] = 1;
      if (kept >= 0) touched[kept] = 1;
      // Into another hromada; those left in none are counted as outside below, not as moved.
      if (h >= 0) {
        movedUnits++;
        movedPopulation += pop;
      }
    }
    if (h < 0) {
      outsideUnits++;
      outsidePopulation += pop;
    }
  }

  // Population sums of the touched hromadas (and of every new one).
  const popTotal = new Float64Array(n);
  const popUrban = new Float64Array(n);
  const located = new Int32Array(n);
  for (let i = 0; i < demand.count; i++) {
    const h = hromada[i]!;
    if (h < 0) continue;
    popTotal[h]! += demand.population[i]!;
    if (demand.urban[i]) popUrban[h]! += demand.population[i]!;
    if (demand.kind[i] === 0) located[h]!++;
  }

  const oblastEn = new Map<string, string>();
  bh.oblasts.forEach((o, i) => oblastEn.set(o, bh.oblastsEn[i] ?? ''));
  let resummed = 0;
  const features: HromadaFeature[] = entries.map((e, i) => {
    const baseFeature = e.base >= 0 ? base.hromadaGeo.features[e.base] : undefined;
    const geometry = e.row ? e.row.geometry : baseFeature!.geometry;
    let props: HromadaProps & ImportedBoundaryProps;
    if (baseFeature) {
      props = { ...baseFeature.properties };
      if (e.row) {
        props.boundary_file = fileName;
        props.area_km2 = km2(geometry);
        if (!booleanPointInPolygon([props.center_lon, props.center_lat], geometry)) {
          [props.center_lon, props.center_lat] = pointOnFeature(geometry).geometry.coordinates as [number, number];
        }
      }
    } else {
      const row = e.row!;
      const name = row.name || row.code;
      const [lon, lat] = pointOnFeature(geometry).geometry.coordinates as [number, number];
      props = {
        code: row.code,
        name,
        name_en: transliterate(name),
        full_name: name,
        type: '',
        raion: '',
        oblast: row.oblast,
        oblast_en: oblastEn.get(row.oblast) || transliterate(row.oblast),
        center_lon: lon,
        center_lat: lat,
        area_km2: km2(geometry),
        n_settlements: located[i]!,
        pop_total: 0,
        pop_urban: 0,
        pop_rural: 0,
        boundary_file: fileName,
      };
    }
    if (touched[i] || !baseFeature) {
      resummed++;
      props.pop_total = popTotal[i]!;
      props.pop_urban = popUrban[i]!;
      props.pop_rural = popTotal[i]! - popUrban[i]!;
      props.pop_resummed = true;
    }
    const f: Feature<Polygon | MultiPolygon, HromadaProps> = { type: 'Feature', properties: props, geometry };
    return f;
  });
  const hromadaGeo: FeatureCollection<Polygon | MultiPolygon, HromadaProps> = { type: 'FeatureCollection', features };
  const hromadas = parseHromadas(hromadaGeo, fileName);
  const codeOf = (h: number): string | null => (h >= 0 ? (hromadas.codes[h] ?? null) : null);
  const baseIndex = new Map(bh.codes.map((c, i) => [c, i]));
  const relocate = (f: Facility): Facility => {
    const old = f.hromadaCode === null ? -1 : (baseIndex.get(f.hromadaCode) ?? -1);
    const code = codeOf(reassign(old, f.lon, f.lat));
    return code === f.hromadaCode ? f : { ...f, hromadaCode: code };
  };
  const facilities = base.facilities.map(relocate);
  const newDemand: DemandTable = { ...demand, hromada };
  const replaced = entries.filter((e) => e.row && e.base >= 0).length;
  return {
    bundle: { hromadaGeo, hromadas, demand: newDemand, facilities },
    relocate,
    report: {
      fileName,
      mode,
      replaced,
      added: entries.filter((e) => e.base < 0).length,
      dropped: bh.count - entries.filter((e) => e.base >= 0).length,
      movedUnits,
      movedPopulation,
      outsideUnits,
      outsidePopulation,
      resummed,
    },
  };
}

/**
 * The areas a scenario computes over: its imported settlements (else the built-in demand), then its imported
 * boundaries. Without either, `builtIn` itself.
 */
export function scenarioAreas(
  builtIn: AreaBundle,
  s: Pick<Scenario, 'demand' | 'boundaries'>,
): { bundle: AreaBundle; report: BoundaryReport | null; relocate: ((f: Facility) => Facility) | null } {
  const demand = s.demand ? toDemandTable(s.demand.rows, builtIn.hromadas) : builtIn.demand;
  const withDemand = demand === builtIn.demand ? builtIn : { ...builtIn, demand };
  if (!s.boundaries) return { bundle: withDemand, report: null, relocate: null };
  return applyBoundaries(withDemand, s.boundaries.rows, s.boundaries.mode, s.boundaries.fileName);
}
