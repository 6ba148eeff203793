import { describe, expect, it } from 'vitest';
import { importFacilities, importSettlements, importMatrix, detectFileKind } from '../../src/io';
import { HEADER_ALIASES, categoryOf, facilityStatusOf, facilityTypeOf, mapHeaders } from '../../src/io/aliases';
import { detectDelimiter } from '../../src/io/csv';
import { decodeBytes, parseNumber, normalizeName } from '../../src/io/text';
import { emptyImportContext } from '../../src/io/context';
import { cp1251, testContext, utf8, utf8Bom } from './helpers';

const ctx = emptyImportContext();

describe('header aliases', () => {
  const base = { id: 'f1', name: 'Приклад', type: 'МПО', status: 'opened', lat: '50.45', lon: '30.52' } as const;
  for (const field of ['id', 'name', 'type', 'status', 'lat', 'lon'] as const) {
    for (const alias of HEADER_ALIASES[field]) {
      it(`facilities: "${alias}" → ${field}`, () => {
        const headers = (Object.keys(base) as (keyof typeof base)[]).map((k) => (k === field ? alias : k));
        // Avoid a second column that the alias would also match (e.g. "facility_id" vs id).
        const csv = `${headers.join(';')}\n${Object.values(base).join(';')}\n`;
        const r = importFacilities(csv, 'f.csv', ctx);
        expect(r.fileError).toBeNull();
        expect(r.detected.columns?.[field]).toBe(alias);
        expect(r.rows).toHaveLength(1);
        expect(r.rows[0]).toMatchObject({ id: 'f1', type: 'local_fire_department', lat: 50.45, lon: 30.52 });
      });
    }
  }

  it('is case- and whitespace-insensitive and reads parenthesized aliases', () => {
    const { index } = mapHeaders([' ID ', 'НАЗВА', 'Тип', '  Статус', 'Широта (lat)', 'Довгота, °'], 'facilities');
    expect(index).toEqual({ id: 0, name: 1, type: 2, status: 3, lat: 4, lon: 5 });
  });

  for (const field of ['katottg', 'population', 'hromada', 'oblast', 'category'] as const) {
    for (const alias of HEADER_ALIASES[field]) {
      it(`settlements: "${alias}" → ${field}`, () => {
        const { index } = mapHeaders(
          ['id', 'name', 'lat', 'lon', alias, ...(field === 'population' ? [] : ['population'])],
          'settlements',
        );
        expect(index[field]).toBe(4);
      });
    }
  }

  for (const field of ['facility_id', 'demand_id', 'minutes'] as const) {
    for (const alias of HEADER_ALIASES[field]) {
      it(`matrix: "${alias}" → ${field}`, () => {
        const headers = { facility_id: 'facility_id', demand_id: 'demand_id', minutes: 'minutes', [field]: alias };
        const { index } = mapHeaders([headers.facility_id, headers.demand_id, headers.minutes], 'matrix');
        expect(index[field]).toBe(['facility_id', 'demand_id', 'minutes'].indexOf(field));
      });
    }
  }

  it('settlements: a "тип" column is the category when there is no category column', () => {
    const r = importSettlements(
      'id;назва;тип;широта;довгота;населення\ns1;Вільшана;село;50,2;33,2;500\n',
      's.csv',
      ctx,
    );
    expect(r.rows[0]?.category).toBe('village');
  });

  it('matrix: seconds (duration) are converted to minutes', () => {
    const r = importMatrix('from,to,duration\nf1,d1,90\n', 'm.csv', ctx);
    expect(r.rows).toEqual([{ facilityId: 'f1', demandId: 'd1', minutes: 1.5 }]);
    expect(r.detected.secondsToMinutes).toBe(true);
  });
});

describe('value aliases', () => {
  const types: [string, string][] = [
    ['ДПРЧ', 'state_fire_unit'],
    ['ДПРЧ-12', 'state_fire_unit'],
    ['ДПРП', 'state_fire_unit'],
    ['державна пожежна охорона', 'state_fire_unit'],
    ['МПО', 'local_fire_department'],
    ['місцева пожежна охорона', 'local_fire_department'],
    ['Місцева пожежна команда', 'local_fire_department'],
    ['ДПК', 'volunteer_fire_brigade'],
    ['ДПД', 'volunteer_fire_brigade'],
    ['добровільна пожежна дружина', 'volunteer_fire_brigade'],
    ['ЦБГ', 'security_center'],
    ['Центр безпеки громадян', 'security_center'],
    ['відділ поліції', 'police_station'],
    ['Відділення поліції №2', 'police_station'],
    ['поліцейська станція', 'police_officer_station'],
    ['ДОП', 'police_officer_station'],
    ['state_fire_unit', 'state_fire_unit'],
    ['Local fire department', 'local_fire_department'],
    ['volunteer_fire_brigade', 'volunteer_fire_brigade'],
    ['SECURITY_CENTER', 'security_center'],
    ['police station', 'police_station'],
    ['police_officer_station', 'police_officer_station'],
  ];
  for (const [raw, type] of types) it(`type "${raw}" → ${type}`, () => expect(facilityTypeOf(raw)).toBe(type));
  it('unknown type → null', () => expect(facilityTypeOf('пекарня')).toBeNull());

  const statuses: [string, string][] = [
    ['opened', 'opened'],
    ['open', 'opened'],
    ['Діючий', 'opened'],
    ['відкрито', 'opened'],
    ['', 'opened'],
    ['planned', 'planned'],
    ['плановий', 'planned'],
    ['Запланований', 'planned'],
  ];
  for (const [raw, s] of statuses) it(`status "${raw}" → ${s}`, () => expect(facilityStatusOf(raw)).toBe(s));

  const cats: [string, string][] = [
    ['city', 'city'],
    ['місто', 'city'],
    ['м.', 'city'],
    ['smt', 'smt'],
    ['СМТ', 'smt'],
    ['селище міського типу', 'smt'],
    ['selyshche', 'selyshche'],
    ['селище', 'selyshche'],
    ['village', 'village'],
    ['село', 'village'],
    ['с.', 'village'],
  ];
  for (const [raw, c] of cats) it(`category "${raw}" → ${c}`, () => expect(categoryOf(raw)).toBe(c));
});

describe('encodings', () => {
  const text =
    'Ідентифікатор;Назва;Тип;Статус;Широта;Довгота\nf1;Приклад: ДПК с. Їжакевичі’ Ґ;ДПК;діючий;50,45;30,52\n';
  const expectRead = (r: ReturnType<typeof importFacilities>, encoding: string): void => {
    expect(r.fileError).toBeNull();
    expect(r.detected.encoding).toBe(encoding);
    expect(r.rows[0]).toMatchObject({ id: 'f1', name: 'Приклад: ДПК с. Їжакевичі’ Ґ', type: 'volunteer_fire_brigade' });
  };
  it('UTF-8', () => expectRead(importFacilities(utf8(text), 'f.csv', ctx), 'utf-8'));
  it('UTF-8 with BOM', () => expectRead(importFacilities(utf8Bom(text), 'f.csv', ctx), 'utf-8-bom'));
  it('Windows-1251', () => expectRead(importFacilities(cp1251(text), 'f.csv', ctx), 'windows-1251'));
  it('UTF-16 LE with BOM (Excel "Unicode text")', () => {
    const tab = text.replace(/;/g, '\t');
    const bytes = new Uint8Array(2 + tab.length * 2);
    bytes[0] = 0xff;
    bytes[1] = 0xfe;
    for (let i = 0; i < tab.length; i++) {
      const c = tab.charCodeAt(i);
      bytes[2 + 2 * i] = c & 0xff;
      bytes[3 + 2 * i] = c >> 8;
    }
    expectRead(importFacilities(bytes, 'f.txt', ctx), 'utf-16le');
  });
  it('a string input with a BOM', () => expectRead(importFacilities('\uFEFF' + text, 'f.csv', ctx), 'text'));
  it('decodeBytes: cp1251 Cyrillic headers', () => {
    expect(decodeBytes(cp1251('Населення;Широта')).text).toBe('Населення;Широта');
  });
});

describe('delimiters', () => {
  const rows = [
    ['id', 'name', 'type', 'lat', 'lon'],
    ['f1', 'Приклад, з комою', 'МПО', '50.45', '30.52'],
  ];
  for (const d of [',', ';', '\t']) {
    it(`"${d === '\t' ? 'tab' : d}"`, () => {
      const csv = rows.map((r) => r.map((c) => (c.includes(d) ? `"${c}"` : c)).join(d)).join('\n');
      const r = importFacilities(csv, 'f.csv', ctx);
      expect(r.detected.delimiter).toBe(d);
      expect(r.rows[0]).toMatchObject({ id: 'f1', name: 'Приклад, з комою', lat: 50.45 });
    });
  }
  it('Excel sep= line', () => {
    const r = importFacilities('sep=|\nid|type|lat|lon\nf1|МПО|50.45|30.52\n', 'f.csv', ctx);
    expect(r.detected.delimiter).toBe('|');
    expect(r.rows).toHaveLength(1);
  });
  it('detectDelimiter ignores delimiters inside quotes', () => {
    expect(detectDelimiter('"a;b;c",d,e')).toBe(',');
  });
  it('CRLF line ends and a trailing blank line', () => {
    const r = importFacilities('id,type,lat,lon\r\nf1,МПО,50.45,30.52\r\n\r\n', 'f.csv', ctx);
    expect(r.rows).toHaveLength(1);
    expect(r.rejected).toHaveLength(0);
  });
  it('comment rows (# …) and blank rows are counted, not read', () => {
    const r = importFacilities('id,type,lat,lon\nf1,МПО,50.45,30.52\n,,,\n# Source: example\n', 'f.csv', ctx);
    expect(r.rows).toHaveLength(1);
    expect(r.detected.blankRows).toBe(1);
    expect(r.detected.commentRows).toBe(1);
  });
});

describe('decimal commas', () => {
  it('semicolon file', () => {
    const r = importFacilities('id;type;lat;lon\nf1;МПО;50,4501;30,5234\n', 'f.csv', ctx);
    expect(r.rows[0]).toMatchObject({ lat: 50.4501, lon: 30.5234 });
  });
  it('comma file with quoted decimal commas', () => {
    const r = importFacilities('id,type,lat,lon\nf1,МПО,"50,4501","30,5234"\n', 'f.csv', ctx);
    expect(r.rows[0]).toMatchObject({ lat: 50.4501, lon: 30.5234 });
  });
  it('comma file with unquoted decimal commas → wrong_field_count with a hint', () => {
    const r = importFacilities('id,type,lat,lon\nf1,МПО,50,4501,30,5234\n', 'f.csv', ctx);
    expect(r.rejected[0]).toMatchObject({ row: 2, code: 'wrong_field_count' });
    expect(r.rejected[0]?.detail).toContain('decimal commas');
  });
  it('parseNumber', () => {
    expect(parseNumber('50,45')).toBe(50.45);
    expect(parseNumber(' 1 234,5 ')).toBe(1234.5);
    expect(parseNumber('1.234,5')).toBe(1234.5);
    expect(parseNumber('1,234.5')).toBe(1234.5);
    expect(parseNumber('1\u00a0234')).toBe(1234);
    expect(parseNumber('−3,5')).toBe(-3.5);
    expect(parseNumber('1e3')).toBe(1000);
    expect(parseNumber('')).toBeNaN();
    expect(parseNumber('abc')).toBeNaN();
    expect(parseNumber('1,2,3')).toBeNaN();
    expect(parseNumber('Infinity')).toBeNaN();
    expect(parseNumber('50.45.1')).toBeNaN();
  });
});

describe('names and detection', () => {
  it('normalizeName', () => {
    expect(normalizeName('с. Кам’янка ')).toBe('камянка');
    expect(normalizeName("смт Кам'янка")).toBe('камянка');
    expect(normalizeName('Тестова сільська територіальна громада')).toBe('тестова');
  });
  it('detectFileKind', () => {
    expect(detectFileKind(utf8('id;назва;тип;широта;довгота\n'), 'f.csv').kind).toBe('facilities');
    expect(detectFileKind(utf8('id,name,category,lat,lon,population\n'), 's.csv').kind).toBe('settlements');
    expect(detectFileKind(utf8('facility_id,demand_id,minutes\n'), 'm.csv').kind).toBe('matrix');
    expect(detectFileKind(cp1251('Ідентифікатор;Назва;Населення\n'), 's.csv')).toMatchObject({
      kind: 'settlements',
      encoding: 'windows-1251',
    });
    expect(detectFileKind(utf8('a,b\n1,2\n'), 'x.csv').kind).toBeNull();
    const poly = JSON.stringify({
      type: 'Feature',
      properties: { code: 'UA1' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [30, 50],
            [31, 50],
            [31, 51],
            [30, 50],
          ],
        ],
      },
    });
    expect(detectFileKind(utf8(poly), 'b.geojson').kind).toBe('boundaries');
    const pt = JSON.stringify({ type: 'Point', coordinates: [30, 50] });
    expect(detectFileKind(utf8(pt), 'p.geojson').kind).toBe('facilities');
    expect(detectFileKind(utf8('{'), 'p.geojson').fileError?.code).toBe('invalid_json');
  });
  it('testContext builds', () => {
    expect(testContext().hromadas).toHaveLength(3);
  });
});
