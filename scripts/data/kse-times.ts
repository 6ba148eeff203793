/**
 * kse-road-times.json: KSE's road travel times from each hromada centre to its oblast centre, bundled so the model
 * check (src/engine/calibrate.ts, the Model check panel, `npm run calibrate`) runs on a fresh clone without
 * ../shared. Source: `travel_time_to_oblast_centre` of hromadas_population_2022.csv (KSE-Loc-Data-Hub; method not
 * documented). These are CAR trips of 20–200 km between centres, not fire-engine runs: they check and calibrate a
 * travel model, they are not a norm.
 *
 * The oblast centre of each oblast is found in the data, not typed in: the one hromada of the oblast whose time is 0
 * (its administrative centre's hromada), with that hromada's centre point (center_lat / center_lon). Excluded:
 * - the 23 oblast-centre hromadas themselves (time 0);
 * - every hromada of Київська oblast: the oblast has no hromada with time 0 (its centre is Kyiv, a city outside the
 *   hromada table), so there is no destination point to pair the times with;
 * - rows with an empty time or centre point (none in the 2022 file, counted anyway).
 * The file describes itself: `note`, `excluded`, `oblast_centres` and `columns` head it, then one pair per line.
 */
import { join } from 'node:path';
import { readCsv, req } from './csv';
import { OBLAST_EN } from './hromadas';
import { round } from './geo';

const FILE = 'hromadas_population_2022.csv';

/** File name in public/geo. */
export const KSE_TIMES_FILE = 'kse-road-times.json';

export interface KseOblastCentre {
  oblast: string;
  oblast_en: string;
  /** KATOTTG code of the hromada whose time is 0, its name and its centre settlement's name. */
  hromada_code: string;
  hromada: string;
  centre: string;
  lon: number;
  lat: number;
}

export interface KseTimesReport {
  text: string;
  pairs: number;
  oblastCentres: KseOblastCentre[];
  excluded: Record<string, number>;
}

/** Columns of each pair row, in order. */
export const KSE_PAIR_COLUMNS = [
  'hromada_code',
  'hromada',
  'urban',
  'from_lon',
  'from_lat',
  'to_lon',
  'to_lat',
  'minutes',
  'oblast',
] as const;

/**
 * Read the KSE times and pair each hromada centre with its oblast centre.
 * @param dataDir ../shared/data
 */
export function buildKseTimes(dataDir: string): KseTimesReport {
  const rows = readCsv(join(dataDir, FILE));
  const centres = new Map<string, KseOblastCentre>();
  for (const r of rows) {
    const t = r['travel_time_to_oblast_centre'] ?? '';
    if (t === '' || Number(t) !== 0) continue;
    const oblast = req(r, 'oblast_name', FILE);
    if (centres.has(oblast)) throw new Error(`${FILE}: two hromadas with time 0 in ${oblast}`);
    centres.set(oblast, {
      oblast,
      oblast_en: OBLAST_EN[oblast] ?? req(r, 'oblast_name_en', FILE),
      hromada_code: req(r, 'hromada_code', FILE),
      hromada: req(r, 'hromada_name', FILE),
      centre: req(r, 'center_name', FILE),
      lon: round(Number(req(r, 'center_lon', FILE)), 5),
      lat: round(Number(req(r, 'center_lat', FILE)), 5),
    });
  }
  const excluded = { oblast_centre_itself: 0, no_oblast_centre_in_data: 0, empty_time_or_point: 0 };
  const excludedOblasts = new Set<string>();
  const pairs: (string | number)[][] = [];
  for (const r of rows) {
    const t = r['travel_time_to_oblast_centre'] ?? '';
    const lon = Number(r['center_lon']);
    const lat = Number(r['center_lat']);
    if (
      t === '' ||
      !Number.isFinite(Number(t)) ||
      !Number.isFinite(lon) ||
      !Number.isFinite(lat) ||
      r['center_lon'] === ''
    ) {
      excluded.empty_time_or_point++;
      continue;
    }
    const minutes = Number(t);
    if (minutes === 0) {
      excluded.oblast_centre_itself++;
      continue;
    }
    const oblast = req(r, 'oblast_name', FILE);
    const c = centres.get(oblast);
    if (!c) {
      excluded.no_oblast_centre_in_data++;
      excludedOblasts.add(oblast);
      continue;
    }
    const type = req(r, 'type', FILE);
    pairs.push([
      req(r, 'hromada_code', FILE),
      req(r, 'hromada_name', FILE),
      type === 'сільська' ? 0 : 1,
      round(lon, 5),
      round(lat, 5),
      c.lon,
      c.lat,
      minutes,
      oblast,
    ]);
  }
  pairs.sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  const oblastCentres = [...centres.values()].sort((a, b) => a.oblast.localeCompare(b.oblast, 'uk'));
  const head = {
    version: 1,
    generator: 'scripts/data/kse-times.ts (npm run data)',
    source:
      'Kyiv School of Economics, KSE-Loc-Data-Hub (MIT), travel_time_to_oblast_centre of data/derived/full_dataset.csv, commit 46264883bf3b (via ../shared/data/hromadas_population_2022.csv)',
    note: 'Road travel minutes by CAR from each hromada centre to its oblast centre, computed by KSE (method not documented). Car trips of 20–200 km between centres, not fire-engine runs: for checking and calibrating a travel model, not a norm. Oblast centre = the hromada of the oblast whose time is 0, at its centre point. urban = 1 for міська and селищна hromadas (the centre is a city or smt), 0 for сільська.',
    excluded: {
      ...excluded,
      oblasts_without_centre: [...excludedOblasts].sort(),
      reason:
        'time 0 = the oblast centre itself; Київська has no hromada with time 0 (its centre, Kyiv, is not in the hromada table), so its times have no destination point',
    },
    counts: { rows: rows.length, pairs: pairs.length, oblast_centres: oblastCentres.length },
    oblast_centres: oblastCentres,
    columns: KSE_PAIR_COLUMNS,
  };
  const text = `${JSON.stringify(head).slice(0, -1)},"pairs":[\n${pairs.map((p) => JSON.stringify(p)).join(',\n')}\n]}\n`;
  return { text, pairs: pairs.length, oblastCentres, excluded };
}
