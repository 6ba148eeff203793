/** The shipped example files (examples/) import as documented in docs/formats.md. */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  buildImportContext,
  detectFileKind,
  importAny,
  importBoundaries,
  importFacilities,
  importMatrix,
  importSettlements,
  importTerritory,
} from '../../src/io';
import { cp1251 } from './helpers';

const ex = (f: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../examples/${f}`, import.meta.url)));
const ctx = buildImportContext({});

describe('examples/', () => {
  it('the Windows-1251 example is facilities.csv re-encoded (REGEN=1 rewrites it)', () => {
    const expected = cp1251(new TextDecoder().decode(ex('facilities.csv')).replace(/\n/g, '\r\n'));
    if (process.env.REGEN)
      writeFileSync(new URL('../../examples/facilities-windows-1251.csv', import.meta.url), expected);
    expect(ex('facilities-windows-1251.csv')).toEqual(expected);
  });
  for (const f of ['facilities.csv', 'facilities-windows-1251.csv']) {
    it(f, () => {
      expect(detectFileKind(ex(f), f).kind).toBe('facilities');
      const r = importFacilities(ex(f), f, ctx);
      expect(r.detected.delimiter).toBe(';');
      // Without the embedded data, rows without coordinates cannot be placed.
      expect(r.rows.map((x) => x.id)).toEqual(['ex-1', 'ex-4', 'ex-5']);
      expect(r.rejected.map((x) => x.code)).toEqual(['unknown_settlement', 'unknown_settlement']);
      expect(r.rows[0]?.name).toBe('Приклад: МПО с. Агрономічне');
    });
  }
  it('facilities-with-errors.csv shows each rejection reason', () => {
    const r = importFacilities(ex('facilities-with-errors.csv'), 'e.csv', ctx);
    expect(r.rejected.map((x) => x.code)).toEqual([
      'non_numeric_coordinates',
      'swapped_lat_lon',
      'projected_coordinates',
      'outside_ukraine',
      'unknown_type',
      'unknown_status',
      'duplicate_id',
    ]);
    expect(r.rows.map((x) => x.id)).toEqual(['ok-1', 'row-10']);
  });
  it('facilities.geojson', () => {
    const r = importFacilities(ex('facilities.geojson'), 'f.geojson', ctx);
    expect(r.rows.map((x) => [x.id, x.type, x.status])).toEqual([
      ['ex-g1', 'local_fire_department', 'opened'],
      ['ex-g2', 'security_center', 'planned'],
    ]);
    expect(r.rejected.map((x) => x.code)).toEqual(['unknown_settlement']);
  });
  it('settlements.csv', () => {
    expect(detectFileKind(ex('settlements.csv'), 's.csv').kind).toBe('settlements');
    const r = importSettlements(ex('settlements.csv'), 's.csv', ctx);
    expect(r.rejected).toEqual([]);
    expect(r.rows.map((x) => [x.id, x.category, x.population])).toEqual([
      ['ex-s1', 'village', 420],
      ['ex-s2', 'village', 135],
      ['ex-s3', 'selyshche', 1250],
      ['ex-s4', 'city', 12500],
    ]);
  });
  it('matrix.csv', () => {
    expect(detectFileKind(ex('matrix.csv'), 'm.csv').kind).toBe('matrix');
    const r = importMatrix(ex('matrix.csv'), 'm.csv', ctx, {
      facilityIds: new Set(['ex-1', 'ex-4']),
      demandIds: new Set(['ex-s1', 'ex-s2', 'ex-s3', 'ex-s4']),
    });
    expect(r.rows.map((x) => x.minutes)).toEqual([6.5, 9, 14.2, 4]);
  });
  it('importAny dispatches on the detected kind', () => {
    const kinds = ['facilities.csv', 'settlements.csv', 'matrix.csv', 'boundaries.geojson', 'facilities.geojson'].map(
      (f) => importAny(ex(f), f, ctx).kind,
    );
    expect(kinds).toEqual(['facilities', 'settlements', 'matrix', 'boundaries', 'facilities']);
    const unclear = importAny('a,b\n1,2\n', 'x.csv', ctx);
    expect(unclear.kind).toBeNull();
    expect(unclear.result.fileError?.code).toBe('no_usable_columns');
    expect(importAny('a,b\n1,2\n', 'x.csv', ctx, { kind: 'matrix' }).result.fileError?.code).toBe('no_usable_columns');
  });
  it('boundaries.geojson', () => {
    expect(detectFileKind(ex('boundaries.geojson'), 'b.geojson').kind).toBe('boundaries');
    const r = importBoundaries(ex('boundaries.geojson'), 'b.geojson', ctx);
    expect(r.rejected).toEqual([]);
    expect(r.rows.map((x) => [x.code, x.geometry.type])).toEqual([
      ['UA05020010000053508', 'Polygon'],
      ['UA05020030000031457', 'MultiPolygon'],
    ]);
  });
  it('territory.csv: five hromadas, one ended occupation, one bad date (against the embedded hromadas)', () => {
    const polygons = JSON.parse(readFileSync(new URL('../../public/geo/hromadas.geojson', import.meta.url), 'utf8'));
    const hctx = buildImportContext({ polygons });
    expect(detectFileKind(ex('territory.csv'), 'territory.csv').kind).toBe('territory');
    const r = importTerritory(ex('territory.csv'), 'territory.csv', hctx, { today: '2025-06-01' });
    expect(r.fileError).toBeNull();
    expect(r.rows.map((x) => [x.name, x.status])).toEqual([
      ['Маріупольська', 'occupied'],
      ['Бахмутська', 'hostilities'],
      ['Ізюмська', 'deoccupied'],
      ['Херсонська', 'hostilities'],
      ['Сумська', 'hostilities'],
    ]);
    expect(r.rejected.map((x) => [x.row, x.code, x.value])).toEqual([[7, 'bad_date', '30.02.2022']]);
    expect(r.listDate).toBe('2022-11-11');
    expect(r.notListed).toBe(hctx.hromadas.length - 5);
  });
});
