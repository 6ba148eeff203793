/**
 * Observed trips and dispatch records (src/io/observed.ts): property tests (fast-check) that every row is accepted
 * with its exact values or rejected with the expected code and its row number, and fixed cases for the file errors,
 * the date-time forms and XLSX.
 */
import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerBinaryReaders } from '../../src/io/binary-readers';
import { rowIssueMessage } from '../../src/io/messages';
import { importObserved, observedPairs, type ObservedLookup, type ObservedPlace } from '../../src/io/observed';
import { parseDispatchTime } from '../../src/io/observed-time';
import { DEFAULT_PARAMS } from '../../src/engine/types';

beforeAll(() => registerBinaryReaders());

const facilities = new Map<string, ObservedPlace>([
  ['sc-1', { lon: 30.5, lat: 50.4, type: 'security_center', group: 'Київська' }],
  ['fu-7', { lon: 24.03, lat: 49.84, type: 'volunteer_fire_brigade', group: 'Львівська' }],
]);
const places = new Map<string, ObservedPlace>([
  ['UA46060250010015970', { lon: 24.0316, lat: 49.842, urban: 1, group: 'Львівська' }],
  ['UA12020010010026779', { lon: 35.1, lat: 48.5, urban: 0, group: 'Дніпропетровська' }],
]);
const lookup: ObservedLookup = { facilities, places };

const lon = fc.double({ min: 23, max: 39, noNaN: true }).map((x) => Math.round(x * 1e5) / 1e5);
const lat = fc.double({ min: 45.5, max: 51.5, noNaN: true }).map((x) => Math.round(x * 1e5) / 1e5);
const minutes = fc.integer({ min: 1, max: 30000 }).map((x) => x / 100);

type Bad =
  'empty_minutes' | 'text_minutes' | 'negative' | 'zero' | 'outside' | 'unknown_id' | 'half_coords' | 'no_from';
const EXPECTED: Record<Bad, string> = {
  empty_minutes: 'missing_field',
  text_minutes: 'minutes_not_a_number',
  negative: 'negative_value',
  zero: 'time_not_positive',
  outside: 'outside_ukraine',
  unknown_id: 'unknown_facility_id',
  half_coords: 'missing_coordinates',
  no_from: 'missing_field',
};

interface GoodTrip {
  kind: 'good';
  fromId: string;
  fromLon: number;
  fromLat: number;
  toLon: number;
  toLat: number;
  min: number;
}
type Row = GoodTrip | { kind: Bad; base: GoodTrip };

const goodTrip = fc.oneof(
  fc.record({
    kind: fc.constant('good' as const),
    fromId: fc.constant(''),
    fromLon: lon,
    fromLat: lat,
    toLon: lon,
    toLat: lat,
    min: minutes,
  }),
  fc.record({
    kind: fc.constant('good' as const),
    fromId: fc.constantFrom('sc-1', 'fu-7', 'UA12020010010026779'),
    fromLon: fc.constant(NaN),
    fromLat: fc.constant(NaN),
    toLon: lon,
    toLat: lat,
    min: minutes,
  }),
);
const rowArb: fc.Arbitrary<Row> = fc.oneof(
  { weight: 3, arbitrary: goodTrip },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constantFrom<Bad>(
        'empty_minutes',
        'text_minutes',
        'negative',
        'zero',
        'outside',
        'unknown_id',
        'half_coords',
        'no_from',
      ),
      base: goodTrip,
    }),
  },
);

/** A CSV line of `from_id,from_lon,from_lat,to_lon,to_lat,minutes` for a row, with decimal commas when `sep` is `;`. */
function line(r: Row, sep: ',' | ';'): string {
  const t = r.kind === 'good' ? r : r.base;
  const num = (x: number): string => (Number.isNaN(x) ? '' : sep === ';' ? String(x).replace('.', ',') : String(x));
  let cells = [t.fromId, num(t.fromLon), num(t.fromLat), num(t.toLon), num(t.toLat), num(t.min)];
  switch (r.kind) {
    case 'good':
      break;
    case 'empty_minutes':
      cells[5] = '';
      break;
    case 'text_minutes':
      cells[5] = 'півгодини';
      break;
    case 'negative':
      cells[5] = `-${cells[5]}`;
      break;
    case 'zero':
      cells[5] = '0';
      break;
    case 'outside':
      cells = ['', '13.4', '52.5', num(t.toLon), num(t.toLat), cells[5]!];
      break;
    case 'unknown_id':
      cells = ['no-such-unit', '', '', num(t.toLon), num(t.toLat), cells[5]!];
      break;
    case 'half_coords':
      cells = ['', num(t.toLon), '', num(t.toLon), num(t.toLat), cells[5]!];
      break;
    case 'no_from':
      cells = ['', '', '', num(t.toLon), num(t.toLat), cells[5]!];
      break;
  }
  return cells.join(sep);
}

describe('property: observed trips', () => {
  it('500 files: every row accepted with its values, or rejected with the expected code and row number', () => {
    fc.assert(
      fc.property(
        fc.array(rowArb, { minLength: 1, maxLength: 25 }),
        fc.constantFrom(',' as const, ';' as const),
        (rows, sep) => {
          const text = [
            ['from_id', 'from_lon', 'from_lat', 'to_lon', 'to_lat', 'minutes'].join(sep),
            ...rows.map((r) => line(r, sep)),
          ].join('\n');
          const res = importObserved(text, 'trips.csv', lookup);
          expect(res.fileError).toBeNull();
          expect(res.shape).toBe('trip');
          expect(res.rows.length + res.rejected.length).toBe(rows.length);
          let k = 0;
          rows.forEach((r, i) => {
            const rowNo = i + 2;
            if (r.kind === 'good') {
              const got = res.rows[k++]!;
              expect(got.row).toBe(rowNo);
              expect(got.observedMin).toBe(r.min);
              expect([got.toLon, got.toLat]).toEqual([r.toLon, r.toLat]);
              const from = r.fromId
                ? (facilities.get(r.fromId) ?? places.get(r.fromId))!
                : { lon: r.fromLon, lat: r.fromLat };
              expect([got.fromLon, got.fromLat]).toEqual([from.lon, from.lat]);
              expect(got.turnoutType).toBeNull();
            } else {
              const issue = res.rejected.find((x) => x.row === rowNo);
              expect(issue?.code).toBe(EXPECTED[r.kind]);
              expect(rowIssueMessage(issue!, 'uk')).toMatch(/^Рядок \d+: ./);
            }
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('500 dispatch files: minutes = arrival − dispatch in both date forms; arrival before dispatch is a bad date', () => {
    const pad = (n: number) => String(n).padStart(2, '0');
    const stamp = (ms: number, ua: boolean): string => {
      const d = new Date(ms);
      const [y, mo, da, h, mi] = [
        d.getUTCFullYear(),
        d.getUTCMonth() + 1,
        d.getUTCDate(),
        d.getUTCHours(),
        d.getUTCMinutes(),
      ];
      return ua ? `${pad(da)}.${pad(mo)}.${y} ${pad(h)}:${pad(mi)}` : `${y}-${pad(mo)}-${pad(da)}T${pad(h)}:${pad(mi)}`;
    };
    const rec = fc.record({
      start: fc.integer({ min: 0, max: 365 * 24 * 60 * 3 }).map((m) => Date.UTC(2022, 0, 1) + m * 60000),
      dur: fc.integer({ min: -30, max: 240 }),
      ua: fc.boolean(),
      unit: fc.constantFrom('sc-1', 'fu-7'),
      lon,
      lat,
    });
    fc.assert(
      fc.property(fc.array(rec, { minLength: 1, maxLength: 20 }), (recs) => {
        const text = [
          'unit_id;incident_lat;incident_lon;dispatch_time;arrival_time',
          ...recs.map(
            (r) => `${r.unit};${r.lat};${r.lon};${stamp(r.start, r.ua)};${stamp(r.start + r.dur * 60000, !r.ua)}`,
          ),
        ].join('\n');
        const res = importObserved(text, 'calls.csv', lookup);
        expect(res.shape).toBe('dispatch');
        expect(res.rows.length + res.rejected.length).toBe(recs.length);
        let k = 0;
        recs.forEach((r, i) => {
          if (r.dur > 0) {
            const got = res.rows[k++]!;
            expect(got.observedMin).toBe(r.dur);
            expect(got.turnoutType).toBe(facilities.get(r.unit)!.type);
          } else {
            expect(res.rejected.find((x) => x.row === i + 2)?.code).toBe(
              r.dur === 0 ? 'time_not_positive' : 'bad_date',
            );
          }
        });
        const pairs = observedPairs(res.rows, DEFAULT_PARAMS);
        pairs.forEach((p, j) => expect(p.turnoutMin).toBe(DEFAULT_PARAMS.turnoutMin[res.rows[j]!.turnoutType!]));
      }),
      { numRuns: 500 },
    );
  });
});

describe('observed trips: fixed cases', () => {
  it('reads ids, class and group from the destination settlement, seconds as minutes, a class column', () => {
    const res = importObserved(
      'from,to,seconds,class\nsc-1,UA46060250010015970,600,\nfu-7,UA12020010010026779,90,urban\n',
      't.csv',
      lookup,
    );
    expect(res.rejected).toEqual([]);
    expect(res.rows.map((r) => [r.observedMin, r.urban, r.group, r.classAssumed, r.label])).toEqual([
      [10, 1, 'Львівська', false, 'sc-1 → UA46060250010015970'],
      [1.5, 1, 'Дніпропетровська', false, 'fu-7 → UA12020010010026779'],
    ]);
  });

  it('assumes rural where no class is given and the destination is a bare point, and says so per row', () => {
    const res = importObserved(
      'from_lon,from_lat,to_lon,to_lat,minutes,oblast\n30.5,50.4,31.3,51.5,95,Чернігівська\n',
      't.csv',
      lookup,
    );
    expect(res.rows[0]).toMatchObject({ urban: 0, classAssumed: true, group: 'Чернігівська', observedMin: 95 });
  });

  it('rejects a class that is neither urban nor rural, and an unknown destination code', () => {
    const res = importObserved(
      'from_id,to_id,minutes,class\nsc-1,UA46060250010015970,12,hills\nsc-1,UA00000000000000000,12,\n',
      't.csv',
      lookup,
    );
    expect(res.rejected.map((r) => [r.row, r.code, r.field])).toEqual([
      [2, 'unknown_type', 'class'],
      [3, 'unknown_settlement', 'to_id'],
    ]);
  });

  it('dispatch records name only facilities as units', () => {
    const res = importObserved(
      'unit_id,lat,lon,dispatch_time,arrival_time\nUA46060250010015970,49.8,24,2024-03-05 14:03,2024-03-05 14:20\n',
      'c.csv',
      lookup,
    );
    expect(res.rejected[0]).toMatchObject({ row: 2, code: 'unknown_facility_id', field: 'from_id' });
  });

  it('gives file errors for missing columns, GeoJSON and an empty table, naming what is needed', () => {
    const cols = importObserved('a,b,c\n1,2,3\n', 'x.csv', lookup);
    expect(cols.fileError?.code).toBe('no_usable_columns');
    expect(cols.fileError?.detail).toMatch(/trips need from_lon and from_lat, or from_id/);
    const half = importObserved('unit_id,lat,lon,dispatch_time\nsc-1,50,30,2024-01-01T10:00\n', 'x.csv', lookup);
    expect(half.fileError?.detail).toMatch(/both dispatch_time and arrival_time/);
    expect(importObserved('{"type":"FeatureCollection","features":[]}', 'x.geojson', lookup).fileError?.code).toBe(
      'not_csv_or_geojson',
    );
    expect(importObserved('from_id,to_id,minutes\n', 'x.csv', lookup).fileError?.code).toBe('empty');
    expect(importObserved(new Uint8Array(0), 'x.csv', lookup).fileError?.code).toBe('empty');
  });

  it('reads an XLSX sheet', () => {
    const sheet = `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Звідки</t></is></c><c r="B1" t="inlineStr"><is><t>Куди</t></is></c><c r="C1" t="inlineStr"><is><t>Хвилини</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>sc-1</t></is></c><c r="B2" t="inlineStr"><is><t>UA46060250010015970</t></is></c><c r="C2"><v>412.5</v></c></row></sheetData></worksheet>`;
    const bytes = zipSync(
      {
        'xl/workbook.xml': strToU8(
          '<workbook xmlns:r="r"><sheets><sheet name="Аркуш1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        ),
        'xl/_rels/workbook.xml.rels': strToU8(
          '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
        ),
        'xl/worksheets/sheet1.xml': strToU8(sheet),
      },
      { level: 0 },
    );
    const res = importObserved(bytes, 'trips.xlsx', lookup);
    expect(res.fileError).toBeNull();
    expect(res.detected.format).toBe('xlsx');
    expect(res.rows[0]).toMatchObject({ observedMin: 412.5, toLon: 24.0316, urban: 1 });
  });
});

describe('parseDispatchTime', () => {
  it('reads ISO (zone, seconds, fraction), the XLSX form, dd.mm.yyyy and a time alone; refuses impossible ones', () => {
    expect(parseDispatchTime('2024-03-05T14:03')?.ms).toBe(Date.UTC(2024, 2, 5, 14, 3));
    expect(parseDispatchTime('2024-03-05 14:03:30')?.ms).toBe(Date.UTC(2024, 2, 5, 14, 3, 30));
    expect(parseDispatchTime('2024-03-05T14:03:30.5+02:00')?.ms).toBe(Date.UTC(2024, 2, 5, 12, 3, 30, 500));
    expect(parseDispatchTime('2024-03-05T14:03Z')?.ms).toBe(Date.UTC(2024, 2, 5, 14, 3));
    expect(parseDispatchTime('05.03.2024 14:03')).toEqual({ ms: Date.UTC(2024, 2, 5, 14, 3), hasDate: true });
    expect(parseDispatchTime('5/3/2024, 9:07:02')?.ms).toBe(Date.UTC(2024, 2, 5, 9, 7, 2));
    expect(parseDispatchTime('14:03')).toEqual({ ms: (14 * 60 + 3) * 60000, hasDate: false });
    for (const bad of ['31.02.2024 10:00', '2024-13-01T10:00', '25:00', '2024-03-05', 'вчора', ''])
      expect(parseDispatchTime(bad)).toBeNull();
  });
});
