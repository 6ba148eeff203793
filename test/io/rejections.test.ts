import { describe, expect, it } from 'vitest';
import type { FeatureCollection } from 'geojson';
import {
  importBoundaries,
  importFacilities,
  importMatrix,
  importSettlements,
  type ImportResult,
  type RowIssueCode,
} from '../../src/io';
import { buildImportContext, emptyImportContext } from '../../src/io/context';
import { H0, H1, S_IVANIVKA_ZH, S_UNLOCATED, S_VILSHANA, testContext, utf8 } from './helpers';

const ctx = testContext();
const bare = emptyImportContext();
const FAC = 'id;name;type;status;lat;lon\n';

function only<T>(r: ImportResult<T>, code: RowIssueCode, row = 2): void {
  expect(r.fileError).toBeNull();
  expect(r.rows).toHaveLength(0);
  expect(r.rejected).toHaveLength(1);
  expect(r.rejected[0]).toMatchObject({ row, code });
  expect(r.rejected[0]?.detail.length).toBeGreaterThan(5);
  expect(Object.keys(r.rejected[0]?.raw ?? {}).length).toBeGreaterThan(0);
}

describe('row rejection reasons', () => {
  it('missing_coordinates (no lat/lon and nothing to place by)', () => {
    only(importFacilities(`${FAC}f1;A;МПО;;;\n`, 'f.csv', ctx), 'missing_coordinates');
  });
  it('missing_coordinates (one of lat/lon empty)', () => {
    const r = importFacilities(`${FAC}f1;A;МПО;;50,1;\n`, 'f.csv', ctx);
    only(r, 'missing_coordinates');
    expect(r.rejected[0]?.field).toBe('lon');
  });
  it('non_numeric_coordinates', () => {
    const r = importFacilities(`${FAC}f1;A;МПО;;abc;30\n`, 'f.csv', ctx);
    only(r, 'non_numeric_coordinates');
    expect(r.rejected[0]).toMatchObject({ field: 'lat', value: 'abc' });
  });
  it('outside_ukraine (bbox)', () => {
    only(importFacilities(`${FAC}f1;A;МПО;;48,85;2,35\n`, 'f.csv', bare), 'outside_ukraine');
  });
  it('outside_ukraine (inside the bbox, outside every hromada polygon)', () => {
    only(importFacilities(`${FAC}f1;A;МПО;;49,5;25,5\n`, 'f.csv', ctx), 'outside_ukraine');
  });
  it('a point up to ~1 km outside the polygons (coast, border) is inside, with the nearby hromada', () => {
    const r = importFacilities(`${FAC}near;A;МПО;;50,5;34,005\nfar;A;МПО;;50,5;34,05\n`, 'f.csv', ctx);
    expect(r.rows.map((f) => [f.id, f.hromadaCode])).toEqual([['near', H0]]);
    expect(r.rejected.map((x) => [x.row, x.code])).toEqual([[3, 'outside_ukraine']]);
  });
  it('outside_ukraine (national border given)', () => {
    const border = {
      type: 'Polygon' as const,
      coordinates: [
        [
          [23, 45],
          [40, 45],
          [40, 52],
          [23, 52],
          [23, 45],
        ],
      ],
    };
    const c = buildImportContext({ border });
    only(importFacilities(`${FAC}f1;A;МПО;;52,4;22,5\n`, 'f.csv', c), 'outside_ukraine');
    expect(importFacilities(`${FAC}f1;A;МПО;;49,5;25,5\n`, 'f.csv', c).rows).toHaveLength(1);
  });
  it('swapped_lat_lon: rejected by default, fixed and flagged with fixSwapped', () => {
    const csv = `${FAC}f1;A;МПО;;33,2;50,2\n`;
    const r = importFacilities(csv, 'f.csv', ctx);
    only(r, 'swapped_lat_lon');
    expect(r.rejected[0]?.candidates).toEqual(['lat 50.2, lon 33.2']);
    const fixed = importFacilities(csv, 'f.csv', ctx, { fixSwapped: true });
    expect(fixed.rows[0]).toMatchObject({ lat: 50.2, lon: 33.2, hromadaCode: H0 });
    expect(fixed.flagged[0]).toMatchObject({ row: 2, code: 'swapped_lat_lon' });
  });
  it('projected_coordinates (EPSG:3857, named with the degrees)', () => {
    const r = importFacilities(`${FAC}f1;A;МПО;;6522000;3398000\n`, 'f.csv', ctx);
    only(r, 'projected_coordinates');
    expect(r.rejected[0]?.detail).toContain('EPSG:3857');
  });
  it('projected_coordinates (other metres, e.g. UTM)', () => {
    const r = importFacilities(`${FAC}f1;A;МПО;;5590000;320000\n`, 'f.csv', ctx);
    only(r, 'projected_coordinates');
    expect(r.rejected[0]?.detail).toContain('UTM');
  });
  it('duplicate_id (within the file)', () => {
    const r = importFacilities(`${FAC}f1;A;МПО;;50,2;33,2\nf1;B;МПО;;50,3;33,3\n`, 'f.csv', ctx);
    expect(r.rows).toHaveLength(1);
    expect(r.rejected[0]).toMatchObject({ row: 3, code: 'duplicate_id' });
    expect(r.rejected[0]?.detail).toContain('row 2');
  });
  it('duplicate_id (against loaded facilities, when asked)', () => {
    const csv = `${FAC}emb-1;A;МПО;;50,2;33,2\n`;
    only(importFacilities(csv, 'f.csv', ctx, { rejectExistingIds: true }), 'duplicate_id');
    expect(importFacilities(csv, 'f.csv', ctx).rows).toHaveLength(1);
  });
  it('missing_id: facilities get a stable generated id, flagged', () => {
    const r = importFacilities(`${FAC};A;МПО;;50,2;33,2\nrow-3;B;МПО;;50,2;33,2\n;C;МПО;;50,2;33,2\n`, 'f.csv', ctx);
    expect(r.rows.map((f) => f.id)).toEqual(['row-2', 'row-3', 'row-4']);
    const again = importFacilities(
      `${FAC};A;МПО;;50,2;33,2\nrow-3;B;МПО;;50,2;33,2\n;C;МПО;;50,2;33,2\n`,
      'f.csv',
      ctx,
    );
    expect(again.rows.map((f) => f.id)).toEqual(r.rows.map((f) => f.id));
    expect(r.flagged.filter((f) => f.code === 'missing_id').map((f) => f.row)).toEqual([2, 4]);
    const clash = importFacilities(`${FAC};A;МПО;;50,2;33,2\nrow-2;B;МПО;;50,2;33,2\n`, 'f.csv', ctx);
    expect(clash.rows.map((f) => f.id)).toEqual(['row-2-2', 'row-2']);
  });
  it('missing_id: settlements without id or KATOTTG are rejected', () => {
    only(
      importSettlements('id,name,category,lat,lon,population\n,A,village,50.2,33.2,10\n', 's.csv', ctx),
      'missing_id',
    );
  });
  it('unknown_type lists the accepted types', () => {
    const r = importFacilities(`${FAC}f1;A;пекарня;;50,2;33,2\n`, 'f.csv', ctx);
    only(r, 'unknown_type');
    expect(r.rejected[0]?.detail).toContain('ДПРЧ');
    expect(r.rejected[0]?.candidates).toHaveLength(6);
  });
  it('unknown_type: empty type without a default; defaultType fills it', () => {
    const csv = `${FAC}f1;A;;;50,2;33,2\n`;
    only(importFacilities(csv, 'f.csv', ctx), 'unknown_type');
    expect(importFacilities(csv, 'f.csv', ctx, { defaultType: 'volunteer_fire_brigade' }).rows[0]?.type).toBe(
      'volunteer_fire_brigade',
    );
  });
  it('unknown_type: settlement category', () => {
    const r = importSettlements('id,name,category,lat,lon,population\ns1,A,хутірець,50.2,33.2,10\n', 's.csv', ctx);
    only(r, 'unknown_type');
    expect(r.rejected[0]?.field).toBe('category');
  });
  it('unknown_status', () => {
    only(importFacilities(`${FAC}f1;A;МПО;закрито назавжди;50,2;33,2\n`, 'f.csv', ctx), 'unknown_status');
  });
  it('population_not_a_number', () => {
    const r = importSettlements('id,name,category,lat,lon,population\ns1,A,village,50.2,33.2,багато\n', 's.csv', ctx);
    only(r, 'population_not_a_number');
    expect(r.rejected[0]?.value).toBe('багато');
  });
  it('negative_value (population)', () => {
    only(
      importSettlements('id,name,category,lat,lon,population\ns1,A,village,50.2,33.2,-5\n', 's.csv', ctx),
      'negative_value',
    );
  });
  it('unknown_settlement (KATOTTG code, name)', () => {
    only(importFacilities(`id;type;katottg\nf1;МПО;UA99999999999999999\n`, 'f.csv', ctx), 'unknown_settlement');
    only(importFacilities(`id;type;населений пункт\nf1;МПО;Атлантида\n`, 'f.csv', ctx), 'unknown_settlement');
  });
  it('ambiguous_settlement names the candidates', () => {
    const r = importFacilities(`id;type;населений пункт\nf1;МПО;с. Іванівка\n`, 'f.csv', ctx);
    only(r, 'ambiguous_settlement');
    expect(r.rejected[0]?.candidates).toHaveLength(2);
    expect(r.rejected[0]?.detail).toContain('Житомирська');
    expect(r.rejected[0]?.detail).toContain('Одеська');
  });
  it('wrong_field_count', () => {
    only(importFacilities('id,type,lat,lon\nf1,МПО,50,2,33,2\n', 'f.csv', ctx), 'wrong_field_count');
  });
  it('matrix: unknown_facility_id, unknown_demand_id, minutes_not_a_number, negative_value, missing_field, duplicate pair', () => {
    const c = testContext({ facilityIds: ['f1', 'f2'], demandIds: ['d1', 'd2'] });
    const r = importMatrix(
      'facility_id,demand_id,minutes\nf1,d1,5\nfX,d1,5\nf1,dX,5\nf1,d2,швидко\nf2,d2,-1\n,d2,3\nf1,d1,6\nf2,d2,"7,5"\n',
      'm.csv',
      c,
    );
    expect(r.rows).toEqual([
      { facilityId: 'f1', demandId: 'd1', minutes: 5 },
      { facilityId: 'f2', demandId: 'd2', minutes: 7.5 },
    ]);
    expect(r.rejected.map((x) => [x.row, x.code])).toEqual([
      [3, 'unknown_facility_id'],
      [4, 'unknown_demand_id'],
      [5, 'minutes_not_a_number'],
      [6, 'negative_value'],
      [7, 'missing_field'],
      [8, 'duplicate_id'],
    ]);
  });
  it('matrix: explicit known ids in opts override ctx', () => {
    const r = importMatrix('facility_id,demand_id,minutes\nemb-1,d1,5\n', 'm.csv', ctx, {
      facilityIds: new Set(['other']),
      demandIds: new Set(['d1']),
    });
    expect(r.rejected[0]?.code).toBe('unknown_facility_id');
  });
  it('wrong_geometry (GeoJSON LineString among Points)', () => {
    const fc = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { id: 'a', type: 'МПО' },
          geometry: { type: 'Point', coordinates: [33.2, 50.2] },
        },
        {
          type: 'Feature',
          properties: { id: 'b', type: 'МПО' },
          geometry: {
            type: 'LineString',
            coordinates: [
              [33, 50],
              [33.1, 50.1],
            ],
          },
        },
      ],
    };
    const r = importFacilities(JSON.stringify(fc), 'f.geojson', ctx);
    expect(r.rows.map((f) => f.id)).toEqual(['a']);
    expect(r.rejected[0]).toMatchObject({ row: 2, code: 'wrong_geometry', value: 'LineString' });
  });
  it('missing_field flag: empty category read as village', () => {
    const r = importSettlements('id,name,category,lat,lon,population\ns1,A,,50.2,33.2,10\n', 's.csv', ctx);
    expect(r.rows[0]?.category).toBe('village');
    expect(r.flagged[0]).toMatchObject({ code: 'missing_field', field: 'category' });
  });
});

describe('placement of rows without coordinates', () => {
  it('by KATOTTG code at the settlement point (code without UA and with spaces too)', () => {
    const r = importFacilities(
      `id;type;код катоттг\nf1;МПО;${S_VILSHANA}\nf2;ДПК;${S_VILSHANA.slice(2, 6)} ${S_VILSHANA.slice(6)}\n`,
      'f.csv',
      ctx,
    );
    expect(r.rows).toHaveLength(2);
    expect(r.rows[0]).toMatchObject({ lon: 33.2, lat: 50.2, placement: 'settlement', hromadaCode: H0 });
    expect(r.rows[1]).toMatchObject({ lon: 33.2, lat: 50.2, placement: 'settlement' });
    expect(r.flagged.map((f) => f.code)).toEqual(['placed_at_settlement', 'placed_at_settlement']);
  });
  it('an unlocated settlement goes to its hromada centre', () => {
    const r = importFacilities(`id;type;katottg\nf1;МПО;${S_UNLOCATED}\n`, 'f.csv', ctx);
    expect(r.rows[0]).toMatchObject({ lon: 33.5, lat: 50.5, placement: 'hromada_centre', hromadaCode: H0 });
    expect(r.flagged[0]?.code).toBe('placed_at_hromada_centre');
  });
  it('a hromada code goes to the hromada centre', () => {
    const r = importFacilities(`id;type;katottg\nf1;МПО;${H1}\n`, 'f.csv', ctx);
    expect(r.rows[0]).toMatchObject({ lon: 28.5, lat: 50.5, placement: 'hromada_centre', hromadaCode: H1 });
  });
  it('by name + oblast, by name + hromada, by unlocated name', () => {
    const r = importFacilities(
      'id;type;населений пункт;область;громада\nf1;МПО;Іванівка;Житомирська обл.;\nf2;МПО;Іванівка;;Іванівська\nf3;МПО;Хутір Тестовий;;Тестова\nf4;МПО;Вільшана;;\n',
      'f.csv',
      ctx,
    );
    expect(r.rows.map((f) => [f.id, f.placement, f.hromadaCode])).toEqual([
      ['f1', 'settlement', H1],
      ['f3', 'hromada_centre', H0],
      ['f4', 'settlement', H0],
    ]);
    // "Іванівська" hromada exists in two oblasts: still ambiguous
    expect(r.rejected.map((x) => [x.row, x.code])).toEqual([[3, 'ambiguous_settlement']]);
  });
  it('an unknown name in a known hromada goes to the hromada centre', () => {
    const r = importFacilities(`id;type;населений пункт;громада\nf1;МПО;Нове;${H1}\n`, 'f.csv', ctx);
    expect(r.rows[0]).toMatchObject({ placement: 'hromada_centre', hromadaCode: H1 });
  });
  it('settlements by name (the name column) and KATOTTG as id', () => {
    const r = importSettlements(`katottg,name,population\n${S_IVANIVKA_ZH},Іванівка,700\n`, 's.csv', ctx);
    expect(r.rows[0]).toMatchObject({
      id: S_IVANIVKA_ZH,
      lon: 28.3,
      lat: 50.3,
      hromadaCode: H1,
      placement: 'settlement',
    });
  });
  it('hromada by point-in-polygon, else the file column', () => {
    const r = importSettlements('id,name,category,lat,lon,population\ns1,A,city,50.5,28.5,10\n', 's.csv', ctx);
    expect(r.rows[0]).toMatchObject({ hromadaCode: H1, category: 'city' });
    const own = importSettlements(
      `id,name,category,lat,lon,population,hromada\ns1,A,city,50.5,28.5,10,${H0}\n`,
      's.csv',
      bare,
    );
    expect(own.rows[0]?.hromadaCode).toBe(H0);
  });
});

describe('file errors', () => {
  it('empty', () => {
    expect(importFacilities(new Uint8Array(0), 'f.csv', ctx).fileError?.code).toBe('empty');
    expect(importFacilities('  \n\n', 'f.csv', ctx).fileError?.code).toBe('empty');
    expect(importFacilities('id;type;lat;lon\n\n# note\n', 'f.csv', ctx).fileError?.detail).toContain('no data rows');
    expect(importFacilities('{"type":"FeatureCollection","features":[]}', 'f.geojson', ctx).fileError?.code).toBe(
      'empty',
    );
  });
  it('invalid_json', () => {
    const r = importFacilities('{"type": "FeatureCollection", "features": [', 'f.geojson', ctx);
    expect(r.fileError?.code).toBe('invalid_json');
    expect(r.fileError?.detail).toContain('f.geojson');
  });
  it('not_csv_or_geojson: xlsx, pdf, XML, JSON that is not GeoJSON, boundaries as CSV', () => {
    expect(importFacilities(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]), 'f.xlsx', ctx).fileError?.detail).toContain(
      'xlsx',
    );
    expect(importFacilities(utf8('%PDF-1.4'), 'f.pdf', ctx).fileError?.code).toBe('not_csv_or_geojson');
    expect(importFacilities('<kml></kml>', 'f.kml', ctx).fileError?.code).toBe('not_csv_or_geojson');
    expect(importFacilities('{"a":1}', 'f.json', ctx).fileError?.code).toBe('not_csv_or_geojson');
    expect(importBoundaries('code,name\n1,a\n', 'b.csv', ctx).fileError?.code).toBe('not_csv_or_geojson');
    expect(importMatrix('{"type":"FeatureCollection","features":[]}', 'm.json', ctx).fileError?.code).toBe(
      'not_csv_or_geojson',
    );
  });
  it('wrong_geometry_type: only wrong geometry', () => {
    const poly = {
      type: 'Polygon',
      coordinates: [
        [
          [33, 50],
          [34, 50],
          [34, 51],
          [33, 50],
        ],
      ],
    };
    const r = importFacilities(JSON.stringify(poly), 'f.geojson', ctx);
    expect(r.fileError?.code).toBe('wrong_geometry_type');
    expect(r.fileError?.detail).toContain('boundaries');
    expect(r.rejected).toHaveLength(1);
    const b = importBoundaries(JSON.stringify({ type: 'Point', coordinates: [30, 50] }), 'b.geojson', ctx);
    expect(b.fileError?.code).toBe('wrong_geometry_type');
  });
  it('too_large (over 100 MB)', () => {
    const big = new Uint8Array(100 * 1024 * 1024 + 1);
    expect(importFacilities(big, 'f.csv', ctx).fileError?.code).toBe('too_large');
  });
  it('no_usable_columns names what was found and what is accepted', () => {
    const r = importFacilities('a;b;c\n1;2;3\n', 'f.csv', ctx);
    expect(r.fileError?.code).toBe('no_usable_columns');
    expect(r.fileError?.detail).toContain('"a"');
    expect(importSettlements('id,name,lat,lon\n1,a,50,30\n', 's.csv', ctx).fileError?.code).toBe('no_usable_columns');
    expect(importMatrix('facility_id,minutes\n1,2\n', 'm.csv', ctx).fileError?.code).toBe('no_usable_columns');
  });
});

describe('GeoJSON facilities and settlements', () => {
  const fc: FeatureCollection = {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { Ідентифікатор: 'g1', Назва: 'Приклад: ЦБГ', Тип: 'ЦБГ', Статус: 'запланований' },
        geometry: { type: 'Point', coordinates: [33.2, 50.2] },
      },
      { type: 'Feature', properties: { id: 'g2', type: 'ДПК', katottg: S_VILSHANA }, geometry: null as never },
      {
        type: 'Feature',
        properties: { id: 'g3', type: 'ДПК' },
        geometry: { type: 'Point', coordinates: [50.2, 33.2] },
      },
    ],
  };
  it('Points, null geometry placed by code, swapped rejected', () => {
    const r = importFacilities(JSON.stringify(fc), 'f.geojson', ctx);
    expect(r.rows).toEqual([
      expect.objectContaining({
        id: 'g1',
        type: 'security_center',
        status: 'planned',
        hromadaCode: H0,
        placement: 'user',
      }),
      expect.objectContaining({ id: 'g2', placement: 'settlement', lon: 33.2 }),
    ]);
    expect(r.rejected.map((x) => [x.row, x.code])).toEqual([[3, 'swapped_lat_lon']]);
  });
  it('null geometry with lat/lon properties uses them', () => {
    const f = { type: 'Feature', properties: { id: 'p', type: 'МПО', lat: 50.2, lon: '33,2' }, geometry: null };
    expect(importFacilities(JSON.stringify(f), 'f.geojson', ctx).rows[0]).toMatchObject({
      lat: 50.2,
      lon: 33.2,
      placement: 'user',
    });
  });
  it('a bare Feature and a bare Point', () => {
    expect(importFacilities(JSON.stringify(fc.features[0]), 'f.geojson', ctx).rows).toHaveLength(1);
    const p = importFacilities(JSON.stringify({ type: 'Point', coordinates: [33.2, 50.2] }), 'f.geojson', ctx, {
      defaultType: 'state_fire_unit',
    });
    expect(p.rows[0]).toMatchObject({ id: 'row-1', type: 'state_fire_unit' });
  });
  it('settlements GeoJSON', () => {
    const s = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { id: 's1', назва: 'Приклад', категорія: 'смт', населення: '1 200' },
          geometry: { type: 'Point', coordinates: [28.5, 50.5] },
        },
      ],
    };
    const r = importSettlements(JSON.stringify(s), 's.geojson', ctx);
    expect(r.rows[0]).toEqual({
      id: 's1',
      name: 'Приклад',
      category: 'smt',
      lon: 28.5,
      lat: 50.5,
      population: 1200,
      hromadaCode: H1,
      placement: 'user',
    });
  });
});

describe('boundaries', () => {
  const sq = (x: number, y: number): number[][][] => [
    [
      [x, y],
      [x + 0.5, y],
      [x + 0.5, y + 0.5],
      [x, y + 0.5],
      [x, y],
    ],
  ];
  const feat = (props: Record<string, unknown>, geometry: unknown): unknown => ({
    type: 'Feature',
    properties: props,
    geometry,
  });
  it('accepts Polygon and MultiPolygon, rejects each problem with its reason', () => {
    const fc = {
      type: 'FeatureCollection',
      features: [
        feat({ code: 'UA1', name: 'А', oblast: 'Сумська' }, { type: 'Polygon', coordinates: sq(33, 50) }),
        feat({ katottg: 'UA2', назва: 'Б' }, { type: 'MultiPolygon', coordinates: [sq(30, 49), sq(31, 49)] }),
        feat({ code: 'UA3' }, { type: 'Point', coordinates: [30, 50] }),
        feat({ code: 'UA1' }, { type: 'Polygon', coordinates: sq(34, 50) }),
        feat({ name: 'no code' }, { type: 'Polygon', coordinates: sq(34, 50) }),
        feat({ code: 'UA6' }, { type: 'Polygon', coordinates: sq(2, 48) }),
        feat({ code: 'UA7' }, { type: 'Polygon', coordinates: sq(50, 33) }),
        feat(
          { code: 'UA8' },
          {
            type: 'Polygon',
            coordinates: [
              [
                [3400000, 6500000],
                [3410000, 6500000],
                [3400000, 6510000],
                [3400000, 6500000],
              ],
            ],
          },
        ),
        feat(
          { code: 'UA9' },
          {
            type: 'Polygon',
            coordinates: [
              [
                [30, 50],
                [31, 50],
              ],
            ],
          },
        ),
      ],
    };
    const r = importBoundaries(JSON.stringify(fc), 'b.geojson', ctx);
    expect(r.rows.map((b) => [b.code, b.name, b.oblast, b.geometry.type])).toEqual([
      ['UA1', 'А', 'Сумська', 'Polygon'],
      ['UA2', 'Б', '', 'MultiPolygon'],
    ]);
    expect(r.rows[1]?.bbox).toEqual([30, 49, 31.5, 49.5]);
    expect(r.rejected.map((x) => [x.row, x.code])).toEqual([
      [3, 'wrong_geometry'],
      [4, 'duplicate_id'],
      [5, 'missing_id'],
      [6, 'outside_ukraine'],
      [7, 'swapped_lat_lon'],
      [8, 'projected_coordinates'],
      [9, 'wrong_geometry'],
    ]);
    const fixed = importBoundaries(JSON.stringify(fc), 'b.geojson', ctx, { fixSwapped: true });
    expect(fixed.rows.find((b) => b.code === 'UA7')?.bbox).toEqual([33, 50, 33.5, 50.5]);
  });
});
