/**
 * Coordinates → a checked WGS84 point, or a placement from a KATOTTG code / settlement name / hromada,
 * or a RowIssue saying exactly what is wrong.
 */
import type { ImportContext, KnownSettlement, RowIssue, RowIssueCode } from './types';
import type { InRecord } from './read';
import { BORDER_TOLERANCE_KM, inUkraineBbox } from './context';
import { isKatottg, normalizeCode, normalizeName, parseNumber } from './text';

export interface PlaceOptions {
  /** Swap latitude and longitude when they are clearly swapped (flagged). Default false: rejected, so the UI can offer the fix. */
  fixSwapped?: boolean;
}

export interface Placed {
  lon: number;
  lat: number;
  placement: 'user' | 'settlement' | 'hromada_centre';
  /** Index into ctx.hromadas, -1 if none. */
  hromada: number;
  flags: RowIssue[];
}

const R_MERC = 6378137;

/** Inverse Web Mercator (EPSG:3857 metres → degrees). */
export function fromWebMercator(x: number, y: number): [number, number] {
  const lon = (x / R_MERC) * (180 / Math.PI);
  const lat = (2 * Math.atan(Math.exp(y / R_MERC)) - Math.PI / 2) * (180 / Math.PI);
  return [lon, lat];
}

function fmt(n: number): string {
  return String(Math.round(n * 1e6) / 1e6);
}

type Issue = Omit<RowIssue, 'row' | 'raw'>;

/**
 * Check a lon/lat pair read from a file.
 * @returns the point (swapped back when `fixSwapped` and clearly swapped), or an issue.
 */
export function checkLonLat(
  lon: number,
  lat: number,
  ctx: ImportContext,
  opts: PlaceOptions,
): { lon: number; lat: number; swapped: boolean; nearBorderKm?: number } | Issue {
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) {
    return { code: 'non_numeric_coordinates', detail: `coordinates ${lon}, ${lat} are not finite numbers` };
  }
  if (Math.abs(lon) > 1000 || Math.abs(lat) > 1000) {
    for (const [x, y] of [
      [lon, lat],
      [lat, lon],
    ] as const) {
      const [glon, glat] = fromWebMercator(x, y);
      if (Math.abs(x) <= 20037509 && inUkraineBbox(glon, glat)) {
        return {
          code: 'projected_coordinates',
          detail: `x ${fmt(lon)}, y ${fmt(lat)} look like Web Mercator (EPSG:3857) metres, ≈ lat ${fmt(glat)}, lon ${fmt(glon)}; export the file in WGS84 (EPSG:4326) degrees`,
          value: `${lon}, ${lat}`,
          candidates: ['EPSG:3857', `lat ${fmt(glat)}, lon ${fmt(glon)}`],
        };
      }
    }
    return {
      code: 'projected_coordinates',
      detail: `x ${fmt(lon)}, y ${fmt(lat)} are projected coordinates (metres, e.g. UTM or Gauss–Krüger), not degrees; export the file in WGS84 (EPSG:4326)`,
      value: `${lon}, ${lat}`,
    };
  }
  let swapped = false;
  if (!inUkraineBbox(lon, lat)) {
    if (inUkraineBbox(lat, lon)) {
      if (!opts.fixSwapped) {
        return {
          code: 'swapped_lat_lon',
          detail: `lat ${fmt(lat)} and lon ${fmt(lon)} look swapped (lat ${fmt(lon)}, lon ${fmt(lat)} is in Ukraine)`,
          value: `${lat}, ${lon}`,
          candidates: [`lat ${fmt(lon)}, lon ${fmt(lat)}`],
        };
      }
      [lon, lat] = [lat, lon];
      swapped = true;
    } else {
      const hint = lon === 0 && lat === 0 ? ' (0, 0 is often an empty cell)' : '';
      return {
        code: 'outside_ukraine',
        detail: `lat ${fmt(lat)}, lon ${fmt(lon)} is outside Ukraine's bounding box${hint}`,
        value: `${lat}, ${lon}`,
      };
    }
  }
  if (ctx.insideUkraine && !ctx.insideUkraine(lon, lat)) {
    const km = ctx.borderDistanceKm?.(lon, lat) ?? Infinity;
    if (Number.isFinite(km)) return { lon, lat, swapped, nearBorderKm: km };
    return {
      code: 'outside_ukraine',
      detail: `lat ${fmt(lat)}, lon ${fmt(lon)} is outside Ukraine's border (more than ${BORDER_TOLERANCE_KM} km from it)`,
      value: `${lat}, ${lon}`,
    };
  }
  return { lon, lat, swapped };
}

function isIssue(x: object): x is Issue {
  return 'code' in x;
}

function normOblast(s: string): string {
  return normalizeName(s)
    .replace(/\s*(область|обл\.?|oblast|region)$/, '')
    .replace(/ська$/, 'ськ')
    .trim();
}

/** Hromada indices named by a `hromada` value (code or name), narrowed by oblast. Null when nothing was given. */
function hromadasNamed(rec: InRecord, ctx: ImportContext): number[] | null {
  const h = rec.values.hromada ?? '';
  if (h === '') return null;
  const oblast = normOblast(rec.values.oblast ?? '');
  const code = normalizeCode(h);
  if (isKatottg(code)) {
    const i = ctx.hromadaByCode.get(code);
    return i === undefined ? [] : [i];
  }
  let list = ctx.hromadasByName.get(normalizeName(h)) ?? [];
  if (oblast !== '') list = list.filter((i) => normOblast(ctx.hromadas[i]?.oblast ?? '').startsWith(oblast));
  return list;
}

function describe(s: KnownSettlement, ctx: ImportContext): string {
  const h = ctx.hromadas[s.hromada];
  return h ? `${s.name} (${h.name} громада, ${h.oblast}; ${s.code})` : `${s.name} (${s.code})`;
}

function hromadaCentre(hi: number, ctx: ImportContext, why: string): Placed | Issue {
  const h = ctx.hromadas[hi];
  if (!h || !Number.isFinite(h.centerLon) || !Number.isFinite(h.centerLat)) {
    return { code: 'unknown_settlement', detail: `${why}; the hromada has no centre point` };
  }
  return {
    lon: h.centerLon,
    lat: h.centerLat,
    placement: 'hromada_centre',
    hromada: hi,
    flags: [
      {
        row: 0,
        code: 'placed_at_hromada_centre',
        detail: `${why}; placed at the centre of ${h.name} hromada (${h.code})`,
        raw: {},
        candidates: [h.name, h.code],
      },
    ],
  };
}

function atSettlement(s: KnownSettlement, ctx: ImportContext, why: string): Placed | Issue {
  if (Number.isFinite(s.lon) && Number.isFinite(s.lat)) {
    return {
      lon: s.lon,
      lat: s.lat,
      placement: 'settlement',
      hromada: s.hromada,
      flags: [
        {
          row: 0,
          code: 'placed_at_settlement',
          detail: `${why}; placed at the point of ${describe(s, ctx)}`,
          raw: {},
          candidates: [s.name, s.code],
        },
      ],
    };
  }
  return hromadaCentre(s.hromada, ctx, `${why}; ${s.name} (${s.code}) has no coordinates`);
}

/** Place a row without coordinates from its KATOTTG code, settlement name (+ hromada/oblast) or hromada. */
export function placeByName(rec: InRecord, ctx: ImportContext, nameField: 'settlement' | 'name'): Placed | Issue {
  const v = rec.values;
  const rawCode = v.katottg ?? '';
  if (rawCode !== '') {
    const code = normalizeCode(rawCode);
    const s = ctx.settlementByCode.get(code);
    if (s) return atSettlement(s, ctx, `no coordinates; KATOTTG ${code}`);
    const hi = ctx.hromadaByCode.get(code);
    if (hi !== undefined) return hromadaCentre(hi, ctx, `no coordinates; KATOTTG ${code} is a hromada`);
    return {
      code: 'unknown_settlement',
      field: 'katottg',
      detail: `KATOTTG code "${rawCode}" is not a known settlement or hromada${isKatottg(code) ? '' : ' (expected UA + 17 digits)'}`,
      value: rawCode,
    };
  }
  const named = hromadasNamed(rec, ctx);
  const sname = (nameField === 'settlement' ? v.settlement : (v.settlement ?? v.name)) ?? '';
  if (sname !== '') {
    let cands = ctx.settlementsByName.get(normalizeName(sname)) ?? [];
    if (named !== null) cands = cands.filter((s) => named.includes(s.hromada));
    else if ((v.oblast ?? '') !== '') {
      const ob = normOblast(v.oblast ?? '');
      cands = cands.filter((s) => normOblast(ctx.hromadas[s.hromada]?.oblast ?? '').startsWith(ob));
    }
    const only = cands[0];
    if (cands.length === 1 && only) return atSettlement(only, ctx, `no coordinates; settlement "${sname}"`);
    if (cands.length > 1) {
      const shown = cands.slice(0, 10).map((s) => describe(s, ctx));
      return {
        code: 'ambiguous_settlement',
        field: 'settlement',
        detail: `settlement "${sname}" matches ${cands.length} places: ${shown.join('; ')}${cands.length > 10 ? '; …' : ''}. Add a KATOTTG code, hromada or oblast`,
        value: sname,
        candidates: shown,
      };
    }
    const hi = named?.length === 1 ? named[0] : undefined;
    if (hi !== undefined)
      return hromadaCentre(hi, ctx, `no coordinates; settlement "${sname}" not found in the hromada`);
    return {
      code: 'unknown_settlement',
      field: 'settlement',
      detail: `settlement "${sname}"${v.hromada ? ` (hromada "${v.hromada}")` : ''}${v.oblast ? ` (oblast "${v.oblast}")` : ''} is not a known settlement`,
      value: sname,
    };
  }
  if (named !== null) {
    const hi = named[0];
    if (named.length === 1 && hi !== undefined)
      return hromadaCentre(hi, ctx, 'no coordinates; only the hromada is given');
    if (named.length > 1) {
      const shown = named
        .slice(0, 10)
        .map((i) => `${ctx.hromadas[i]?.name} (${ctx.hromadas[i]?.oblast}; ${ctx.hromadas[i]?.code})`);
      return {
        code: 'ambiguous_settlement',
        field: 'hromada',
        detail: `hromada "${v.hromada}" matches ${named.length} hromadas: ${shown.join('; ')}. Add the oblast or the hromada's KATOTTG code`,
        value: v.hromada ?? '',
        candidates: shown,
      };
    }
    return {
      code: 'unknown_settlement',
      field: 'hromada',
      detail: `hromada "${v.hromada}" is not known`,
      value: v.hromada ?? '',
    };
  }
  return {
    code: 'missing_coordinates',
    detail: 'no lat/lon and no KATOTTG code, settlement name or hromada to place the row',
  };
}

/**
 * Locate one record: its coordinates (CSV lat/lon columns or a GeoJSON Point), checked; else placed by code or
 * name. Also finds the hromada: the file's hromada column if it names one hromada, else point-in-polygon.
 */
export function locate(
  rec: InRecord,
  ctx: ImportContext,
  opts: PlaceOptions,
  nameField: 'settlement' | 'name',
): Placed | RowIssue {
  let latS: string;
  let lonS: string;
  let lon: number;
  let lat: number;
  if (rec.geometry !== undefined) {
    if (rec.geometry === null) {
      // No geometry: lat/lon properties if any, else placement by code or name.
      latS = rec.values.lat ?? '';
      lonS = rec.values.lon ?? '';
    } else {
      const c = (rec.geometry as { coordinates?: unknown }).coordinates;
      const arr = Array.isArray(c) ? (c as unknown[]) : [];
      lonS = arr[0] === undefined || arr[0] === null ? '' : String(arr[0]);
      latS = arr[1] === undefined || arr[1] === null ? '' : String(arr[1]);
      if (!Array.isArray(c) || (lonS === '' && latS === '')) {
        return issueAt(rec, { code: 'missing_coordinates', detail: 'Point without coordinates' });
      }
    }
  } else {
    latS = rec.values.lat ?? '';
    lonS = rec.values.lon ?? '';
  }
  let placed: Placed;
  if (latS === '' && lonS === '') {
    const p = placeByName(rec, ctx, nameField);
    if (isIssue(p)) return issueAt(rec, p);
    placed = p;
  } else {
    if (latS === '' || lonS === '') {
      const field = latS === '' ? 'lat' : 'lon';
      return issueAt(rec, { code: 'missing_coordinates', field, detail: `${field} is empty` });
    }
    lat = parseNumber(latS);
    lon = parseNumber(lonS);
    if (Number.isNaN(lat) || Number.isNaN(lon)) {
      const field = Number.isNaN(lat) ? 'lat' : 'lon';
      const value = field === 'lat' ? latS : lonS;
      return issueAt(rec, {
        code: 'non_numeric_coordinates',
        field,
        detail: `${field} "${value}" is not a number`,
        value,
      });
    }
    const checked = checkLonLat(lon, lat, ctx, opts);
    if (isIssue(checked)) return issueAt(rec, checked);
    placed = { lon: checked.lon, lat: checked.lat, placement: 'user', hromada: -1, flags: [] };
    if (checked.swapped) {
      placed.flags.push({
        row: rec.row,
        code: 'swapped_lat_lon',
        detail: `lat and lon were swapped; read as lat ${fmt(checked.lat)}, lon ${fmt(checked.lon)}`,
        raw: rec.raw,
        candidates: [`lat ${fmt(checked.lat)}, lon ${fmt(checked.lon)}`],
      });
    }
    if (checked.nearBorderKm !== undefined) {
      const km = checked.nearBorderKm.toFixed(1);
      placed.flags.push({
        row: rec.row,
        code: 'near_border',
        detail: `lat ${fmt(checked.lat)}, lon ${fmt(checked.lon)} is ${km} km outside the simplified border; accepted as near the border`,
        value: `${checked.lat}, ${checked.lon}`,
        candidates: [km],
        raw: rec.raw,
      });
    }
  }
  if (placed.placement === 'user') {
    const named = hromadasNamed(rec, ctx);
    const only = named?.length === 1 ? named[0] : undefined;
    if (only !== undefined) placed.hromada = only;
    else if (ctx.hromadaAt) placed.hromada = ctx.hromadaAt(placed.lon, placed.lat);
  }
  for (const f of placed.flags) {
    f.row = rec.row;
    f.raw = rec.raw;
  }
  return placed;
}

function issueAt(rec: InRecord, i: Issue): RowIssue {
  return { ...i, row: rec.row, raw: rec.raw };
}

export function isRowIssue(x: Placed | RowIssue): x is RowIssue {
  return 'code' in x;
}

/** Build a RowIssue for a record. */
export function issue(rec: InRecord, code: RowIssueCode, detail: string, extra: Partial<RowIssue> = {}): RowIssue {
  return { row: rec.row, code, detail, raw: rec.raw, ...extra };
}
