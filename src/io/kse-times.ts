/**
 * The bundled KSE road times (public/geo/kse-road-times.json, written by scripts/data/kse-times.ts) → model-check
 * pairs. Car trips of 20–200 km from hromada centres to their oblast centres, not fire-engine runs. Pure; the file is
 * ours, so a malformed one throws an EmbeddedDataError naming the field.
 */
import type { CheckPair } from '../engine/calibrate';
import { EmbeddedDataError } from './embedded';

/** File name in public/geo. */
export const KSE_TIMES_FILE = 'kse-road-times.json';

export interface KseOblastCentre {
  oblast: string;
  oblastEn: string;
  hromadaCode: string;
  centre: string;
  lon: number;
  lat: number;
}

export interface KseTimes {
  pairs: CheckPair[];
  /** KATOTTG code of the hromada of each pair. */
  codes: string[];
  oblastCentres: KseOblastCentre[];
  /** Oblast (Ukrainian) → English name. */
  oblastEn: Map<string, string>;
  /** Excluded rows by reason, as the file states them. */
  excluded: Record<string, unknown>;
  source: string;
}

const COLUMNS = ['hromada_code', 'hromada', 'urban', 'from_lon', 'from_lat', 'to_lon', 'to_lat', 'minutes', 'oblast'];

/**
 * Parse kse-road-times.json (already JSON.parse'd).
 * @example parseKseTimes(JSON.parse(text)).pairs.length // 1377
 */
export function parseKseTimes(json: unknown): KseTimes {
  const fail = (field: string, detail: string): never => {
    throw new EmbeddedDataError(KSE_TIMES_FILE, field, detail);
  };
  if (typeof json !== 'object' || json === null) return fail('(root)', 'not an object');
  const o = json as Record<string, unknown>;
  if (o['version'] !== 1) fail('version', `expected 1, got ${JSON.stringify(o['version'])}`);
  if (JSON.stringify(o['columns']) !== JSON.stringify(COLUMNS)) fail('columns', `expected ${COLUMNS.join(',')}`);
  const centresRaw = o['oblast_centres'];
  if (!Array.isArray(centresRaw)) return fail('oblast_centres', 'not an array');
  const oblastCentres = centresRaw.map((c: Record<string, unknown>, i) => {
    const s = (k: string): string =>
      typeof c[k] === 'string' ? (c[k] as string) : fail(`oblast_centres[${i}].${k}`, 'not a string');
    const n = (k: string): number =>
      typeof c[k] === 'number' ? (c[k] as number) : fail(`oblast_centres[${i}].${k}`, 'not a number');
    return {
      oblast: s('oblast'),
      oblastEn: s('oblast_en'),
      hromadaCode: s('hromada_code'),
      centre: s('centre'),
      lon: n('lon'),
      lat: n('lat'),
    };
  });
  const rows = o['pairs'];
  if (!Array.isArray(rows)) return fail('pairs', 'not an array');
  const pairs: CheckPair[] = [];
  const codes: string[] = [];
  rows.forEach((r: unknown, i) => {
    if (!Array.isArray(r) || r.length !== COLUMNS.length) fail(`pairs[${i}]`, `expected ${COLUMNS.length} values`);
    const a = r as unknown[];
    const num = (j: number): number =>
      typeof a[j] === 'number' && Number.isFinite(a[j])
        ? (a[j] as number)
        : fail(`pairs[${i}].${COLUMNS[j]}`, 'not a number');
    const str = (j: number): string =>
      typeof a[j] === 'string' ? (a[j] as string) : fail(`pairs[${i}].${COLUMNS[j]}`, 'not a string');
    const minutes = num(7);
    if (!(minutes > 0)) fail(`pairs[${i}].minutes`, `${minutes} is not above 0`);
    codes.push(str(0));
    pairs.push({
      label: str(1),
      urban: num(2) === 1 ? 1 : 0,
      fromLon: num(3),
      fromLat: num(4),
      toLon: num(5),
      toLat: num(6),
      observedMin: minutes,
      group: str(8),
      turnoutMin: 0,
    });
  });
  return {
    pairs,
    codes,
    oblastCentres,
    oblastEn: new Map(oblastCentres.map((c) => [c.oblast, c.oblastEn])),
    excluded: (o['excluded'] ?? {}) as Record<string, unknown>,
    source: typeof o['source'] === 'string' ? o['source'] : '',
  };
}
