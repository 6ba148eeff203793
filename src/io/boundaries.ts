/**
 * Community boundaries (GeoJSON Polygon / MultiPolygon with code/name properties) → BoundaryRow.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { inUkraineBbox } from './context';
import { fromWebMercator, issue, type PlaceOptions } from './place';
import { readForImport } from './read';
import { guard } from './result';
import { normalizeCode } from './text';
import type { BoundaryRow, ImportContext, ImportResult, ImportInput } from './types';

export type BoundaryImportOptions = PlaceOptions;

/** Rings of a Polygon/MultiPolygon's coordinates, or an error text when malformed. */
function ringsOf(g: Polygon | MultiPolygon): Position[][] | string {
  const polys = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as unknown;
  if (!Array.isArray(polys) || polys.length === 0) return 'no coordinates';
  const rings: Position[][] = [];
  for (const poly of polys as unknown[]) {
    if (!Array.isArray(poly) || poly.length === 0) return 'a polygon without rings';
    for (const ring of poly as unknown[]) {
      if (!Array.isArray(ring) || ring.length < 4) return 'a ring with fewer than 4 positions';
      for (const p of ring as unknown[]) {
        if (!Array.isArray(p) || p.length < 2 || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
          return `a position ${JSON.stringify(p)?.slice(0, 40)} that is not [lon, lat] numbers`;
        }
      }
      rings.push(ring as Position[]);
    }
  }
  return rings;
}

function bboxOf(rings: Position[][]): [number, number, number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const ring of rings) {
    for (const p of ring) {
      const x = p[0] as number;
      const y = p[1] as number;
      if (x < minX) minX = x;
      if (y < minY) minY = y;
      if (x > maxX) maxX = x;
      if (y > maxY) maxY = y;
    }
  }
  return [minX, minY, maxX, maxY];
}

function swapGeometry(g: Polygon | MultiPolygon): Polygon | MultiPolygon {
  const sw = (ring: Position[]): Position[] => ring.map((p) => [p[1] as number, p[0] as number, ...p.slice(2)]);
  return g.type === 'Polygon'
    ? { type: 'Polygon', coordinates: g.coordinates.map(sw) }
    : { type: 'MultiPolygon', coordinates: g.coordinates.map((poly) => poly.map(sw)) };
}

/**
 * Import hromada boundaries. Each feature needs a Polygon or MultiPolygon and a `code` (KATOTTG; aliases
 * katottg/код/id) property; `name`/`назва` and `oblast`/`область` are read when present. Features with another
 * geometry, malformed rings, projected or swapped coordinates, outside Ukraine, or a missing/duplicate code are
 * rejected. Never throws.
 */
export function importBoundaries(
  input: ImportInput,
  fileName: string,
  _ctx: ImportContext,
  opts: BoundaryImportOptions = {},
): ImportResult<BoundaryRow> {
  return guard(fileName, 'boundaries', () => {
    const { records, result } = readForImport<BoundaryRow>(input, fileName, 'boundaries');
    if (result.fileError) return result;
    const seen = new Map<string, number>();
    for (const rec of records) {
      let geometry = rec.geometry as Polygon | MultiPolygon;
      const rings = ringsOf(geometry);
      if (typeof rings === 'string') {
        result.rejected.push(issue(rec, 'wrong_geometry', `${geometry.type} has ${rings}`));
        continue;
      }
      let bbox = bboxOf(rings);
      const [minX, minY, maxX, maxY] = bbox;
      const cx = (minX + maxX) / 2;
      const cy = (minY + maxY) / 2;
      if (Math.max(Math.abs(minX), Math.abs(maxX), Math.abs(minY), Math.abs(maxY)) > 1000) {
        const [glon, glat] = fromWebMercator(cx, cy);
        const merc = inUkraineBbox(glon, glat);
        result.rejected.push(
          issue(
            rec,
            'projected_coordinates',
            merc
              ? `coordinates look like Web Mercator (EPSG:3857) metres; export in WGS84 (EPSG:4326) degrees`
              : `coordinates are projected (metres), not degrees; export in WGS84 (EPSG:4326)`,
            { value: `${cx}, ${cy}`, candidates: merc ? ['EPSG:3857'] : [] },
          ),
        );
        continue;
      }
      const overlaps = maxX >= 22 && minX <= 40.3 && maxY >= 44.3 && minY <= 52.45;
      if (!overlaps) {
        const swappedOverlaps = maxY >= 22 && minY <= 40.3 && maxX >= 44.3 && minX <= 52.45;
        if (swappedOverlaps && inUkraineBbox(cy, cx)) {
          if (!opts.fixSwapped) {
            result.rejected.push(
              issue(rec, 'swapped_lat_lon', 'positions are [lat, lon]; GeoJSON needs [lon, lat]', {
                value: `${cx}, ${cy}`,
              }),
            );
            continue;
          }
          geometry = swapGeometry(geometry);
          bbox = [minY, minX, maxY, maxX];
          result.flagged.push(issue(rec, 'swapped_lat_lon', 'positions were [lat, lon]; swapped to [lon, lat]'));
        } else {
          result.rejected.push(
            issue(
              rec,
              'outside_ukraine',
              `polygon bbox ${bbox.map((n) => n.toFixed(3)).join(', ')} is outside Ukraine`,
              {
                value: bbox.join(', '),
              },
            ),
          );
          continue;
        }
      }
      const codeRaw = rec.values.katottg ?? '';
      if (codeRaw === '') {
        result.rejected.push(issue(rec, 'missing_id', 'no code (KATOTTG) property', { field: 'code' }));
        continue;
      }
      const code = normalizeCode(codeRaw);
      const prev = seen.get(code);
      if (prev !== undefined) {
        result.rejected.push(
          issue(rec, 'duplicate_id', `code "${code}" is also feature ${prev}`, {
            field: 'code',
            value: code,
            candidates: [String(prev)],
          }),
        );
        continue;
      }
      seen.set(code, rec.row);
      result.rows.push({ code, name: rec.values.name ?? '', oblast: rec.values.oblast ?? '', geometry, bbox });
    }
    return result;
  });
}
