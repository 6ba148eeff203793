/**
 * Property-based tests (fast-check): over 10,000 generated valid and malformed CSV and GeoJSON inputs in total.
 * No exception escapes; every rejected row has a code and a row number; every valid row is kept; accepted +
 * rejected account for every data row.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importBoundaries, importFacilities, importMatrix, importSettlements, type ImportResult } from '../../src/io';
import { emptyImportContext } from '../../src/io/context';
import { cp1251, testContext, utf8, utf8Bom } from './helpers';

const bare = emptyImportContext();
const ctx = testContext({ facilityIds: ['f0', 'f1', 'f2'], demandIds: ['d0', 'd1', 'd2'] });

const SAFE_CHARS = 'abcxyzАБВабвгґдеєжзиіїйклмнопрстуфхцчшщьюяІЇЄҐ’ 0123456789.,;-"\t\n#=';
const safeChar = fc.constantFrom(...SAFE_CHARS.split(''));
const safeString = fc.string({ unit: safeChar, maxLength: 12 });
const NASTY = [
  '',
  ' ',
  'abc',
  '"',
  '""',
  ';',
  ',',
  '\n',
  '1e999',
  'NaN',
  '-',
  '0',
  '-0',
  '50,45',
  '30.52',
  '91',
  '181',
  '6500000',
  '3400000',
  '#',
  '=1+1',
  '<img src=x onerror=alert(1)>',
  'ДПРЧ',
  'МПО',
  'planned',
  'UA59000000000000101',
  'Іванівка',
  'Вільшана',
  '12,5',
  '1 200',
];
const malformedCell = fc.oneof(fc.constantFrom(...NASTY), safeString);

const TYPES = [
  'ДПРЧ',
  'МПО',
  'ДПК',
  'ЦБГ',
  'відділ поліції',
  'поліцейська станція',
  'state_fire_unit',
  'Добровільна пожежна команда',
];
const STATUSES = ['', 'opened', 'діючий', 'planned', 'запланований', 'Open'];

function fmtNum(n: number, comma: boolean): string {
  const s = n.toFixed(5);
  return comma ? s.replace('.', ',') : s;
}

function quote(cell: string, d: string): string {
  return /["\n\r]/.test(cell) || cell.includes(d) || /^\s|\s$/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

function toCsvText(rows: string[][], d: string): string {
  return rows.map((r) => r.map((c) => quote(c, d)).join(d)).join('\n') + '\n';
}

type Enc = 'utf8' | 'bom' | 'cp1251' | 'string';
function encode(text: string, enc: Enc): Uint8Array | string {
  switch (enc) {
    case 'utf8':
      return utf8(text);
    case 'bom':
      return utf8Bom(text);
    case 'cp1251':
      return cp1251(text);
    case 'string':
      return text;
  }
}

const isDataRow = (cells: string[]): boolean =>
  !cells.every((c) => c.trim() === '') && !(cells[0] ?? '').trimStart().startsWith('#');

/** Invariants of every import; collects problems and asserts once (expect() per row is slow over 10k runs). */
function checkInvariants<T>(r: ImportResult<T>, dataRows: number, validRows: number[]): void {
  const problems: string[] = [];
  if (dataRows === 0) {
    // A header without data rows is an `empty` file.
    expect(r.fileError?.code).toBe('empty');
    return;
  }
  if (r.fileError !== null) problems.push(`file error ${r.fileError.code}: ${r.fileError.detail}`);
  if (r.rows.length + r.rejected.length !== dataRows) {
    problems.push(`${r.rows.length} kept + ${r.rejected.length} rejected ≠ ${dataRows} data rows`);
  }
  if (r.detected.dataRows !== dataRows) problems.push(`detected.dataRows ${r.detected.dataRows} ≠ ${dataRows}`);
  const valid = new Set(validRows);
  const seen = new Set<number>();
  for (const x of r.rejected) {
    if (typeof x.code !== 'string' || x.detail.length === 0) problems.push(`row ${x.row}: no code or detail`);
    if (!Number.isInteger(x.row) || x.row < 1) problems.push(`bad row number ${x.row}`);
    if (seen.has(x.row)) problems.push(`row ${x.row} rejected twice`);
    if (valid.has(x.row)) problems.push(`valid row ${x.row} rejected: ${x.code} ${x.detail}`);
    seen.add(x.row);
  }
  for (const f of r.flagged) if (!Number.isInteger(f.row) || f.row < 1) problems.push(`flag with bad row ${f.row}`);
  expect(problems).toEqual([]);
}

const validFacility = fc.record({
  type: fc.constantFrom(...TYPES),
  status: fc.constantFrom(...STATUSES),
  lat: fc.double({ min: 44.5, max: 52.3, noNaN: true }),
  lon: fc.double({ min: 22.2, max: 40.2, noNaN: true }),
  name: safeString,
});
/** A valid row with one cell replaced by a malformed value (may still be valid, e.g. an empty status). */
const spoiledFacility = fc
  .tuple(validFacility, fc.integer({ min: 0, max: 5 }), malformedCell, fc.boolean())
  .map(([v, i, bad, comma]) => {
    const cells = ['x', v.name, v.type, v.status, fmtNum(v.lat, comma), fmtNum(v.lon, comma)];
    cells[i] = i === 0 ? `x${bad}` : bad;
    return cells;
  });
const facilityRow = fc.oneof(
  { weight: 3, arbitrary: validFacility.map((v) => ({ valid: true as const, v })) },
  { weight: 2, arbitrary: spoiledFacility.map((cells) => ({ valid: false as const, cells })) },
  {
    weight: 2,
    arbitrary: fc
      .array(malformedCell, { minLength: 0, maxLength: 6 })
      .map((cells) => ({ valid: false as const, cells })),
  },
);

describe('property: facilities CSV', () => {
  it('keeps every valid row, explains every other, never throws', () => {
    const codes = new Set<string>();
    let kept = 0;
    fc.assert(
      fc.property(
        fc.array(facilityRow, { maxLength: 10 }),
        fc.constantFrom(',', ';', '\t'),
        fc.constantFrom<Enc>('utf8', 'bom', 'cp1251', 'string'),
        fc.boolean(),
        fc.constantFrom<string[]>(
          ['id', 'name', 'type', 'status', 'lat', 'lon'],
          ['Ідентифікатор', 'Назва', 'Тип', 'Статус', 'Широта', 'Довгота'],
          ['№', 'найменування', 'тип', 'статус', 'y', 'x'],
        ),
        (rows, d, enc, comma, header) => {
          const decimalComma = comma && d !== ',';
          const table: string[][] = [header];
          const valid: { row: number; id: string; lat: number; lon: number }[] = [];
          rows.forEach((r, i) => {
            if (r.valid) {
              const id = `v${i}`;
              const lat = Number(r.v.lat.toFixed(5));
              const lon = Number(r.v.lon.toFixed(5));
              table.push([id, r.v.name, r.v.type, r.v.status, fmtNum(lat, decimalComma), fmtNum(lon, decimalComma)]);
              valid.push({ row: i + 2, id, lat, lon });
            } else {
              const cells = r.cells.slice(0, 6);
              if (cells.length > 0) cells[0] = `x${cells[0]}`;
              table.push(cells);
            }
          });
          const dataRows = table.slice(1).filter(isDataRow).length;
          const res = importFacilities(encode(toCsvText(table, d), enc), 'f.csv', bare);
          checkInvariants(
            res,
            dataRows,
            valid.map((v) => v.row),
          );
          const byId = new Map(res.rows.map((f) => [f.id, f]));
          const lost = valid.filter((v) => {
            const f = byId.get(v.id);
            return !f || Math.abs(f.lat - v.lat) > 1e-9 || Math.abs(f.lon - v.lon) > 1e-9;
          });
          expect(lost).toEqual([]);
          kept += res.rows.length;
          for (const x of res.rejected) codes.add(x.code);
        },
      ),
      { numRuns: 3000 },
    );
    // The generator really produces both kinds of rows, and many different reasons.
    expect(kept).toBeGreaterThan(1000);
    expect(codes.size).toBeGreaterThanOrEqual(6);
  });
});

describe('property: settlements CSV', () => {
  const valid = fc.record({
    cat: fc.constantFrom('село', 'village', 'місто', 'смт', 'селище', 'city'),
    lat: fc.double({ min: 50.01, max: 50.99, noNaN: true }),
    lon: fc.double({ min: 33.01, max: 33.99, noNaN: true }),
    pop: fc.integer({ min: 0, max: 3_000_000 }),
  });
  const row = fc.oneof(
    valid.map((v) => ({ valid: true as const, v })),
    fc.array(malformedCell, { maxLength: 7 }).map((cells) => ({ valid: false as const, cells })),
  );
  it('keeps every valid row with its hromada, explains every other', () => {
    fc.assert(
      fc.property(
        fc.array(row, { maxLength: 12 }),
        fc.constantFrom(',', ';', '\t'),
        fc.constantFrom<Enc>('utf8', 'bom', 'cp1251'),
        (rows, d, enc) => {
          const table: string[][] = [['id', 'назва', 'категорія', 'широта', 'довгота', 'населення']];
          const validRows: { row: number; id: string; pop: number }[] = [];
          rows.forEach((r, i) => {
            if (r.valid) {
              const id = `v${i}`;
              table.push([id, 'Приклад', r.v.cat, r.v.lat.toFixed(5), r.v.lon.toFixed(5), String(r.v.pop)]);
              validRows.push({ row: i + 2, id, pop: r.v.pop });
            } else {
              const cells = r.cells.slice(0, 6);
              if (cells.length > 0) cells[0] = `x${cells[0]}`;
              table.push(cells);
            }
          });
          const dataRows = table.slice(1).filter(isDataRow).length;
          const res = importSettlements(encode(toCsvText(table, d), enc), 's.csv', ctx);
          checkInvariants(
            res,
            dataRows,
            validRows.map((v) => v.row),
          );
          const byId = new Map(res.rows.map((s) => [s.id, s]));
          for (const v of validRows) {
            expect(byId.get(v.id)?.population).toBe(v.pop);
            expect(byId.get(v.id)?.hromadaCode).toBe('UA59000000000000001');
          }
        },
      ),
      { numRuns: 1500 },
    );
  });
});

describe('property: matrix CSV', () => {
  const row = fc.oneof(
    fc
      .record({
        f: fc.integer({ min: 0, max: 2 }),
        d: fc.integer({ min: 0, max: 2 }),
        m: fc.double({ min: 0, max: 500, noNaN: true }),
      })
      .map((v) => ({ valid: true as const, v })),
    fc.array(malformedCell, { maxLength: 4 }).map((cells) => ({ valid: false as const, cells })),
  );
  it('keeps the first of each known pair, explains every other', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 15 }), fc.constantFrom(',', ';', '\t'), (rows, d) => {
        const table: string[][] = [['facility_id', 'demand_id', 'minutes']];
        const firstOfPair = new Map<string, { row: number; m: number }>();
        rows.forEach((r, i) => {
          if (r.valid) {
            const m = Number(r.v.m.toFixed(3));
            table.push([`f${r.v.f}`, `d${r.v.d}`, d === ',' ? String(m) : String(m).replace('.', ',')]);
            const key = `f${r.v.f}\u0000d${r.v.d}`;
            if (!firstOfPair.has(key)) firstOfPair.set(key, { row: i + 2, m });
          } else table.push(r.cells.slice(0, 3));
        });
        const dataRows = table.slice(1).filter(isDataRow).length;
        const res = importMatrix(toCsvText(table, d), 'm.csv', ctx);
        // A malformed row may name a valid pair first only if its cells are exactly f0..f2/d0..d2 — NASTY has none.
        checkInvariants(
          res,
          dataRows,
          [...firstOfPair.values()].map((v) => v.row),
        );
        const got = new Map(res.rows.map((x) => [`${x.facilityId}\u0000${x.demandId}`, x.minutes]));
        expect([...firstOfPair].filter(([key, v]) => got.get(key) !== v.m)).toEqual([]);
      }),
      { numRuns: 1500 },
    );
  });
});

const position = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.tuple(
      fc.double({ min: 22.2, max: 40.2, noNaN: true }),
      fc.double({ min: 44.5, max: 52.3, noNaN: true }),
    ),
  },
  { weight: 1, arbitrary: fc.array(fc.oneof(fc.double(), fc.string(), fc.constant(null)), { maxLength: 3 }) },
);
const badFeature = fc.oneof(
  fc.constant(null),
  fc.constant(42),
  fc.constant('Feature'),
  fc.record({
    type: fc.constant('Feature'),
    properties: fc.constant(null),
    geometry: fc.record({
      type: fc.constantFrom('LineString', 'Polygon', 'MultiPoint', 'Nonsense', ''),
      coordinates: fc.array(position, { maxLength: 3 }),
    }),
  }),
  fc.record({
    type: fc.constant('Feature'),
    properties: fc.dictionary(fc.constantFrom('id', 'type', 'назва', 'lat', 'x'), fc.jsonValue({ maxDepth: 1 })),
    geometry: fc.record({ type: fc.constant('Point'), coordinates: fc.jsonValue({ maxDepth: 1 }) }),
  }),
  fc.record({
    type: fc.constant('Feature'),
    properties: fc.record({ id: safeString.map((s) => `x${s}`), type: malformedCell }),
    geometry: fc.oneof(fc.constant(null), fc.record({ type: fc.constant('Point'), coordinates: position })),
  }),
);

describe('property: facilities GeoJSON', () => {
  const valid = fc.record({
    type: fc.constantFrom(...TYPES),
    lon: fc.double({ min: 22.2, max: 40.2, noNaN: true }),
    lat: fc.double({ min: 44.5, max: 52.3, noNaN: true }),
  });
  const feat = fc.oneof(
    { weight: 3, arbitrary: valid.map((v) => ({ valid: true as const, v })) },
    { weight: 2, arbitrary: badFeature.map((f) => ({ valid: false as const, f })) },
  );
  it('keeps every valid Point, explains every other feature, never throws', () => {
    fc.assert(
      fc.property(fc.array(feat, { maxLength: 12 }), (feats) => {
        const features: unknown[] = [];
        const validRows: { row: number; id: string }[] = [];
        feats.forEach((x, i) => {
          if (x.valid) {
            features.push({
              type: 'Feature',
              properties: { id: `v${i}`, тип: x.v.type },
              geometry: { type: 'Point', coordinates: [x.v.lon, x.v.lat] },
            });
            validRows.push({ row: i + 1, id: `v${i}` });
          } else features.push(x.f);
        });
        const res = importFacilities(JSON.stringify({ type: 'FeatureCollection', features }), 'f.geojson', bare);
        if (features.length === 0) {
          expect(res.fileError?.code).toBe('empty');
          return;
        }
        if (res.fileError) {
          expect(['wrong_geometry_type', 'no_usable_columns']).toContain(res.fileError.code);
          expect(validRows).toHaveLength(0);
          return;
        }
        checkInvariants(
          res,
          features.length,
          validRows.map((v) => v.row),
        );
        const ids = new Set(res.rows.map((f) => f.id));
        expect(validRows.filter((v) => !ids.has(v.id))).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('property: boundaries GeoJSON', () => {
  const square = fc.record({
    x: fc.double({ min: 22.5, max: 39, noNaN: true }),
    y: fc.double({ min: 44.5, max: 51.5, noNaN: true }),
  });
  const feat = fc.oneof(
    square.map((v) => ({ valid: true as const, v })),
    badFeature.map((f) => ({ valid: false as const, f })),
  );
  it('keeps every valid polygon, explains every other feature', () => {
    fc.assert(
      fc.property(fc.array(feat, { maxLength: 8 }), (feats) => {
        const features: unknown[] = [];
        const validRows: number[] = [];
        feats.forEach((f, i) => {
          if (f.valid) {
            const { x, y } = f.v;
            features.push({
              type: 'Feature',
              properties: { code: `UAv${i}` },
              geometry: {
                type: 'Polygon',
                coordinates: [
                  [
                    [x, y],
                    [x + 0.5, y],
                    [x, y + 0.5],
                    [x, y],
                  ],
                ],
              },
            });
            validRows.push(i + 1);
          } else features.push(f.f);
        });
        const res = importBoundaries(JSON.stringify({ type: 'FeatureCollection', features }), 'b.geojson', ctx);
        if (res.fileError) {
          expect(validRows).toHaveLength(0);
          return;
        }
        checkInvariants(res, features.length, validRows);
        expect(res.rows.map((b) => b.code)).toEqual(expect.arrayContaining(validRows.map((r) => `UAV${r - 1}`)));
      }),
      { numRuns: 500 },
    );
  });
});

describe('property: arbitrary bytes, text and JSON', () => {
  const importers = [importFacilities, importSettlements, importMatrix, importBoundaries] as const;
  const account = (r: ImportResult<unknown>): void => {
    const ok =
      (r.fileError !== null || r.rows.length + r.rejected.length === r.detected.dataRows) &&
      r.rejected.every((x) => x.row >= 1 && x.code.length > 0);
    if (!ok) expect(r).toBe('accounted for');
  };
  it('random bytes never throw', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.constantFrom('a.csv', 'a.geojson', 'a.txt'), (bytes, name) => {
        for (const imp of importers) account(imp(bytes, name, ctx) as ImportResult<unknown>);
      }),
      { numRuns: 800 },
    );
  });
  it('random CSV-ish text never throws', () => {
    const csvish = fc
      .array(fc.array(malformedCell, { maxLength: 6 }), { maxLength: 8 })
      .chain((rows) => fc.constantFrom(',', ';', '\t').map((d) => rows.map((r) => r.join(d)).join('\n')));
    fc.assert(
      fc.property(fc.oneof(csvish, fc.string({ maxLength: 200 })), (text) => {
        for (const imp of importers) account(imp(text, 'x.csv', ctx) as ImportResult<unknown>);
      }),
      { numRuns: 800 },
    );
  });
  it('random JSON never throws', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue({ maxDepth: 4 }),
          fc.record({
            type: fc.constantFrom('FeatureCollection', 'Feature', 'Point', 'Polygon'),
            features: fc.jsonValue({ maxDepth: 3 }),
            geometry: fc.jsonValue({ maxDepth: 3 }),
            coordinates: fc.jsonValue({ maxDepth: 3 }),
          }),
        ),
        (json) => {
          const text = JSON.stringify(json) ?? 'null';
          for (const imp of importers) account(imp(text, 'x.geojson', ctx) as ImportResult<unknown>);
        },
      ),
      { numRuns: 800 },
    );
  });
});
