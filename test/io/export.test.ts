import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, FACILITY_TYPES, type Facility } from '../../src/engine/types';
import {
  emptyScenario,
  facilitiesToCsv,
  facilitiesToGeoJson,
  fileErrorMessage,
  importFacilities,
  importSettlements,
  parseScenario,
  rejectedRowsCsv,
  rowIssueMessage,
  serializeScenario,
  toCsv,
  toDemandTable,
  toTravelMatrix,
  type FileErrorCode,
  type RowIssueCode,
  type Scenario,
} from '../../src/io';
import { FILE_ERROR_TITLES, ROW_ISSUE_TITLES } from '../../src/io/messages';
import { emptyImportContext } from '../../src/io/context';
import { H0, H1, hromadaTable, testContext } from './helpers';

const ctx = emptyImportContext();

const facility = (over: Partial<Facility> = {}): Facility => ({
  id: 'f1',
  name: 'Приклад: МПО с. Тестове',
  type: 'local_fire_department',
  status: 'opened',
  lon: 33.25,
  lat: 50.75,
  hromadaCode: H0,
  source: 'user:f.csv',
  sourceUrl: '',
  placement: 'user',
  note: '',
  ...over,
});

describe('toCsv', () => {
  it('writes a BOM, CRLF and RFC 4180 quoting', () => {
    const csv = toCsv([{ a: 'x,y', b: 'say "hi"', c: 'two\nlines', d: 1.5, e: null }], ['a', 'b', 'c', 'd', 'e']);
    expect(csv).toBe('\uFEFFa,b,c,d,e\r\n"x,y","say ""hi""","two\nlines",1.5,\r\n');
  });
  it('without BOM, with a semicolon', () => {
    expect(toCsv([{ a: '1;2' }], ['a'], { bom: false, delimiter: ';' })).toBe('a\r\n"1;2"\r\n');
  });
  it('neutralizes spreadsheet formulas in text, not in numbers', () => {
    const csv = toCsv([{ a: '=HYPERLINK("x")', b: -3, c: '-x', d: '-3' }], ['a', 'b', 'c', 'd'], { bom: false });
    expect(csv.split('\r\n')[1]).toBe(`"'=HYPERLINK(""x"")",-3,'-x,-3`);
  });
  it('writes non-finite numbers readably', () => {
    expect(toCsv([{ a: Infinity, b: NaN }], ['a', 'b'], { bom: false })).toBe('a,b\r\nInfinity,\r\n');
  });
});

describe('facilities export', () => {
  const list = [
    facility(),
    facility({ id: 'ill-1', name: '<img src=x onerror=alert(1)>', placement: 'illustrative', type: 'state_fire_unit' }),
    facility({ id: 'f3', placement: 'hromada_centre', hromadaCode: null, status: 'planned' }),
  ];
  const meta = { attribution: ['КАТОТТГ © Мінрегіон, CC BY 4.0'], generatedAt: '2026-01-01T00:00:00Z' };
  it('CSV marks illustrative and estimated values and carries the attribution; re-imports', () => {
    const csv = facilitiesToCsv(list, meta);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain('illustrative,estimated_location');
    expect(csv).toContain('# Source: КАТОТТГ © Мінрегіон, CC BY 4.0');
    const back = importFacilities(csv, 'export.csv', ctx);
    expect(back.rejected).toEqual([]);
    expect(back.detected.commentRows).toBe(3);
    expect(back.rows.map((f) => [f.id, f.name, f.type, f.status, f.lon, f.lat])).toEqual(
      list.map((f) => [f.id, f.name, f.type, f.status, f.lon, f.lat]),
    );
  });
  it('GeoJSON carries attribution and marks; re-imports', () => {
    const text = facilitiesToGeoJson(list, meta);
    const o = JSON.parse(text) as { attribution: string[]; features: { properties: Record<string, unknown> }[] };
    expect(o.attribution).toEqual(meta.attribution);
    expect(o.features.map((f) => [f.properties.illustrative, f.properties.estimated_location])).toEqual([
      [false, false],
      [true, false],
      [false, true],
    ]);
    const back = importFacilities(text, 'export.geojson', ctx);
    expect(back.rows.map((f) => f.id)).toEqual(['f1', 'ill-1', 'f3']);
  });
});

describe('rejectedRowsCsv', () => {
  it('row, reason, field, detail, then the original columns', () => {
    const r = importFacilities('id;row;type;lat;lon\nf1;x;МПО;abc;30\nf2;y;пекарня;50;30\n', 'f.csv', ctx);
    const csv = rejectedRowsCsv(r, { bom: false });
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('row,reason,field,detail,id,original_row,type,lat,lon');
    expect(lines[1]).toBe('2,non_numeric_coordinates,lat,"lat ""abc"" is not a number",f1,x,МПО,abc,30');
    expect(lines[2]?.startsWith('3,unknown_type,type,')).toBe(true);
    expect(lines[2]?.endsWith(',f2,y,пекарня,50,30')).toBe(true);
  });
});

describe('messages', () => {
  const rowCodes = Object.keys(ROW_ISSUE_TITLES) as RowIssueCode[];
  it('every row issue code has uk and en text', () => {
    for (const code of rowCodes) {
      const issue = { row: 7, code, detail: 'detail', raw: {}, value: 'v', field: 'lat', candidates: ['a', 'b'] };
      const uk = rowIssueMessage(issue, 'uk');
      const en = rowIssueMessage(issue, 'en');
      expect(uk.startsWith('Рядок 7: ')).toBe(true);
      expect(en.startsWith('Row 7: ')).toBe(true);
      expect(uk.length).toBeGreaterThan(15);
      expect(uk).not.toContain('undefined');
    }
  });
  it('every file error code has uk and en text', () => {
    for (const code of Object.keys(FILE_ERROR_TITLES) as FileErrorCode[]) {
      expect(fileErrorMessage({ code, detail: 'x.csv' }, 'uk')).toContain('x.csv');
      expect(fileErrorMessage({ code, detail: 'x.csv' }, 'en').length).toBeGreaterThan(10);
    }
  });
  it('a real rejection reads well in Ukrainian', () => {
    const r = importSettlements('id,name,lat,lon,population\ns1,A,50.5,33.5,багато\n', 's.csv', ctx);
    expect(rowIssueMessage(r.rejected[0]!, 'uk')).toBe('Рядок 2: Населення «багато» не є числом');
  });
});

describe('to engine types', () => {
  it('toDemandTable', () => {
    const r = importSettlements(
      'id,name,category,lat,lon,population\na,A,city,50.5,33.5,100\nb,B,village,50.5,28.5,20\nc,C,smt,46.5,30.5,5\n',
      's.csv',
      testContext(),
    );
    const t = toDemandTable(r.rows, hromadaTable());
    expect(t.count).toBe(3);
    expect(t.ids).toEqual(['a', 'b', 'c']);
    expect([...t.urban]).toEqual([1, 0, 1]);
    expect([...t.hromada]).toEqual([0, 1, 2]);
    expect([...t.population]).toEqual([100, 20, 5]);
    expect([...t.kind]).toEqual([0, 0, 0]);
    expect([...t.derivation]).toEqual([3, 3, 3]);
    expect(r.rows[1]?.hromadaCode).toBe(H1);
  });
  it('toTravelMatrix', () => {
    const m = toTravelMatrix([{ facilityId: 'f', demandId: 'd', minutes: 7 }]);
    expect(m.minutes.get('f\u0000d')).toBe(7);
  });
});

describe('scenario file', () => {
  const rich = (): Scenario => ({
    ...emptyScenario('Сценарій: нова ЦБГ', '2026-11-22T03:00:00.000Z'),
    params: { ...structuredClone(DEFAULT_PARAMS), includePlanned: true, coverageKm: -0 },
    facilityImports: [
      { fileName: 'units.csv', mode: 'replace', types: ['volunteer_fire_brigade'], facilities: [facility()] },
    ],
    facilityEdits: [
      { op: 'add', facility: facility({ id: 'new-1', status: 'planned' }) },
      { op: 'move', id: 'f1', lon: 33.3, lat: 50.7 },
      { op: 'update', id: 'f1', changes: { name: 'Перейменовано', note: 'примітка' } },
      { op: 'remove', id: 'sc-3' },
    ],
    demand: {
      fileName: 's.csv',
      rows: [
        {
          id: 's',
          name: 'С',
          category: 'village',
          lon: 33.1,
          lat: 50.1,
          population: 12,
          hromadaCode: null,
          placement: 'user',
        },
      ],
    },
    matrix: { fileName: 'm.csv', rows: [{ facilityId: 'f1', demandId: 's', minutes: Infinity }] },
    boundaries: {
      fileName: 'b.geojson',
      mode: 'update',
      rows: [
        {
          code: 'UA1',
          name: 'Громада',
          oblast: 'Сумська',
          geometry: { type: 'MultiPolygon', coordinates: [[[[33, 50], [34, 50], [34, 51], [33, 50]]]] },
          bbox: [33, 50, 34, 51],
        },
      ],
    },
    attribution: ['A', 'B'],
  });
  it('round-trips exactly (including -0 and Infinity)', () => {
    const s = rich();
    const back = parseScenario(serializeScenario(s));
    expect(back.ok).toBe(true);
    if (back.ok) {
      expect(back.scenario).toStrictEqual(s);
      expect(Object.is(back.scenario.params.coverageKm, -0)).toBe(true);
    }
  });
  it('round-trips generated scenarios exactly', () => {
    const facilityArb = fc.record(
      {
        id: fc.string(),
        name: fc.string(),
        type: fc.constantFrom(...FACILITY_TYPES),
        status: fc.constantFrom('opened' as const, 'planned' as const),
        lon: fc.double(),
        lat: fc.double(),
        hromadaCode: fc.option(fc.string(), { nil: null }),
        source: fc.string(),
        sourceUrl: fc.string(),
        placement: fc.constantFrom(
          'settlement' as const,
          'hromada_centre' as const,
          'illustrative' as const,
          'user' as const,
        ),
        note: fc.string(),
      },
      { noNullPrototype: true },
    );
    fc.assert(
      fc.property(fc.array(facilityArb, { maxLength: 5 }), fc.double(), fc.string(), (fs, km, name) => {
        const s: Scenario = {
          ...emptyScenario(name, 't'),
          params: { ...structuredClone(DEFAULT_PARAMS), coverageKm: km },
          facilityEdits: fs.map((facility) => ({ op: 'add' as const, facility })),
        };
        const back = parseScenario(serializeScenario(s));
        expect(back.ok && back.scenario).toStrictEqual(s);
      }),
      { numRuns: 300 },
    );
  });
  it('reads a file saved before boundaries existed as a scenario without boundaries', () => {
    const { boundaries: _, ...old } = rich();
    const back = parseScenario(serializeScenario(old as Scenario));
    expect(back.ok && back.scenario.boundaries).toBeNull();
  });
  it('names what is wrong with stored boundaries', () => {
    const s = rich();
    s.boundaries!.rows[0]!.geometry = { type: 'Polygon', coordinates: [[[33, 50], [34, 50]]] };
    const r = parseScenario(serializeScenario(s));
    expect(!r.ok && r.error.detail).toContain('boundaries.rows[0].geometry');
    const twice = rich();
    twice.boundaries!.rows.push(structuredClone(twice.boundaries!.rows[0]!));
    const r2 = parseScenario(serializeScenario(twice));
    expect(!r2.ok && r2.error.detail).toContain('repeated');
  });
  it('rejects what is not a scenario, never throws', () => {
    expect(parseScenario('{').ok).toBe(false);
    const wrong = parseScenario(JSON.stringify({ ...rich(), version: 2 }));
    expect(!wrong.ok && wrong.error.code).toBe('not_a_scenario');
    const badType = rich();
    (badType.facilityEdits[0] as { facility: { type: string } }).facility.type = 'bakery';
    const r = parseScenario(serializeScenario(badType));
    expect(!r.ok && r.error.detail).toContain('facilityEdits[0].facility.type');
    fc.assert(
      fc.property(fc.jsonValue(), (j) => void parseScenario(JSON.stringify(j) ?? '')),
      { numRuns: 300 },
    );
  });
});
