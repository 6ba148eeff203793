/** The territory-status list importer (src/io/territory.ts): statuses, dates, codes, encodings, detection, messages. */
import { describe, expect, it } from 'vitest';
import {
  detectFileKind,
  importAny,
  importTerritory,
  parseListDate,
  parseScenario,
  rowIssueMessage,
  fileErrorMessage,
  serializeScenario,
  emptyScenario,
  statusFromRows,
  territoryStatusOf,
  territorySummary,
} from '../../src/io';
import { TERRITORY_STATUSES } from '../../src/engine/types';
import { registerBinaryReaders } from '../../src/io/binary-readers';
import { H0, H1, H2, S_VILSHANA, cp1251, hromadaTable, testContext, utf8, utf8Bom } from './helpers';

const ctx = testContext();
const TODAY = '2025-06-01';
const code = (s: string): number => TERRITORY_STATUSES.indexOf(s as (typeof TERRITORY_STATUSES)[number]);

describe('territoryStatusOf', () => {
  it('reads our codes and Ukrainian / English phrases, case-insensitively', () => {
    const cases: [string, string | null][] = [
      ['none', 'none'],
      ['occupied_before_2022', 'occupied_before_2022'],
      ['OCCUPIED', 'occupied'],
      ['Тимчасово окупована', 'occupied'],
      ['окупована', 'occupied'],
      ['Тимчасово окуповані території', 'occupied'],
      ['тимчасово окупована з 2014', 'occupied_before_2022'],
      ['occupied before 2022', 'occupied_before_2022'],
      ['бойові дії', 'hostilities'],
      ['Активні бойові дії', 'hostilities'],
      ['можливі бойові дії', 'hostilities'],
      ['Території можливих бойових дій', 'hostilities'],
      ['Території активних бойових дій, на яких функціонують державні електронні інформаційні ресурси', 'hostilities'],
      ['active hostilities', 'hostilities'],
      ['Possible hostilities', 'hostilities'],
      ['hostilities', 'hostilities'],
      ['деокупована', 'deoccupied'],
      ['Deoccupied', 'deoccupied'],
      ['not in the list', 'none'],
      ['не в переліку', 'none'],
      ['', null],
      ['мир', null],
      ['opened', null],
    ];
    for (const [raw, want] of cases) expect([raw, territoryStatusOf(raw)]).toEqual([raw, want]);
  });
});

describe('parseListDate', () => {
  it('DD.MM.YYYY and YYYY-MM-DD; real days only', () => {
    expect(parseListDate('24.02.2022')).toBe('2022-02-24');
    expect(parseListDate('1.3.2022')).toBe('2022-03-01');
    expect(parseListDate('2022-11-11')).toBe('2022-11-11');
    expect(parseListDate('')).toBeNull();
    expect(parseListDate('31.02.2022')).toBeUndefined();
    expect(parseListDate('29.02.2023')).toBeUndefined();
    expect(parseListDate('29.02.2024')).toBe('2024-02-29');
    expect(parseListDate('2022/02/24')).toBeUndefined();
    expect(parseListDate('вчора')).toBeUndefined();
  });
});

describe('importTerritory', () => {
  it('sets each listed hromada; the rest get none; counts and the list date', () => {
    const text = `Код КАТОТТГ;Назва територіальної громади;Статус;Дата початку бойових дій / тимчасової окупації;Дата завершення\n${H0};Тестова;тимчасово окупована;24.02.2022;\n${H1};Іванівська;можливі бойові дії;01.03.2022;\n`;
    const r = importTerritory(utf8Bom(text), 'list.csv', ctx, { today: TODAY });
    expect(r.fileError).toBeNull();
    expect(r.rejected).toEqual([]);
    expect(Array.from(r.status)).toEqual([code('occupied'), code('hostilities'), code('none')]);
    expect(r.counts).toEqual({ none: 1, hostilities: 1, deoccupied: 0, occupied: 1, occupied_before_2022: 0 });
    expect(r.notListed).toBe(1);
    expect(r.listName).toBe('list.csv');
    expect(r.listDate).toBe('2022-03-01');
    expect(r.listDateGiven).toBe(false);
    expect(r.detected.delimiter).toBe(';');
    expect(r.detected.columns).toMatchObject({
      katottg: 'Код КАТОТТГ',
      hromada: 'Назва територіальної громади',
      status: 'Статус',
      start_date: 'Дата початку бойових дій / тимчасової окупації',
      end_date: 'Дата завершення',
    });
    expect(r.rows[0]).toEqual({
      code: H0,
      name: 'Тестова',
      status: 'occupied',
      listed: 'occupied',
      start: '2022-02-24',
      end: null,
    });
    expect(territorySummary(r)).toContain('1 hromadas not in the list get "none"');
  });

  it('an end date on or before the list date ends the status: occupation → deoccupied, hostilities → none', () => {
    const text = `katottg,status,start_date,end_date\n${H0},occupied,2022-02-24,2022-11-11\n${H1},active hostilities,2022-02-24,2022-11-11\n${H2},occupied,2022-02-24,2026-01-01\n`;
    const r = importTerritory(text, 't.csv', ctx, { date: '01.01.2023', name: 'Наказ 376 (приклад)' });
    expect(r.rejected).toEqual([]);
    expect(r.rows.map((x) => [x.listed, x.status])).toEqual([
      ['occupied', 'deoccupied'],
      ['hostilities', 'none'],
      ['occupied', 'occupied'],
    ]);
    expect(r.ended).toBe(2);
    expect(r.listDate).toBe('2023-01-01');
    expect(r.listDateGiven).toBe(true);
    expect(r.listName).toBe('Наказ 376 (приклад)');
    // Without a date, today decides (and the list date is the latest date in it, not after today).
    const t = importTerritory(text, 't.csv', ctx, { today: '2022-06-01' });
    expect(t.rows.map((x) => x.status)).toEqual(['occupied', 'hostilities', 'occupied']);
    expect(t.listDate).toBe('2022-02-24');
  });

  it('rejects row by row with reasons: unknown and non-hromada codes, statuses, dates, duplicates', () => {
    const text = [
      'katottg;status;start_date;end_date',
      `${H0};occupied;24.02.2022;`, // 2 ok
      'UA05020990000000001;occupied;;', // 3 unknown code
      `${S_VILSHANA};occupied;;`, // 4 settlement code
      'UA05020000000000001;occupied;;', // 5 raion-level code
      `${H1};мир;;`, // 6 unknown status
      `${H1};occupied;31.02.2022;`, // 7 bad date
      `${H1};occupied;2022-03-01;2022-02-01`, // 8 end before start
      `${H0};hostilities;;`, // 9 duplicate
      ';occupied;;', // 10 no code
      `${H2};;;`, // 11 empty status
      'abc;occupied;;', // 12 not a code
    ].join('\n');
    const r = importTerritory(text, 't.csv', ctx, { today: TODAY });
    expect(r.rejected.map((x) => [x.row, x.code])).toEqual([
      [3, 'unknown_hromada_code'],
      [4, 'not_a_hromada_code'],
      [5, 'not_a_hromada_code'],
      [6, 'unknown_status'],
      [7, 'bad_date'],
      [8, 'bad_date'],
      [9, 'duplicate_id'],
      [10, 'missing_id'],
      [11, 'unknown_status'],
      [12, 'unknown_hromada_code'],
    ]);
    expect(r.rows.map((x) => x.code)).toEqual([H0]);
    expect(Array.from(r.status)).toEqual([code('occupied'), 0, 0]);
    const msg = (row: number, lang: 'uk' | 'en'): string => rowIssueMessage(r.rejected.find((x) => x.row === row)!, lang);
    expect(msg(3, 'uk')).toBe('Рядок 3: Код «UA05020990000000001» не є кодом КАТОТТГ жодної громади з довідника');
    expect(msg(3, 'en')).toBe('Row 3: Unknown hromada code: UA05020990000000001 is not the KATOTTG code of any hromada in the table');
    expect(msg(4, 'uk')).toBe(
      `Рядок 4: Код «${S_VILSHANA}» — код населеного пункту, а не громади; він належить до громади Тестова (${H0}). У переліку потрібні коди громад`,
    );
    expect(msg(5, 'uk')).toContain('код району, а не громади');
    expect(msg(6, 'uk')).toMatch(/^Рядок 6: Статус «мир» невідомий; допустимі: none/);
    expect(msg(7, 'uk')).toBe('Рядок 7: Дата «31.02.2022» (start_date) не є датою у вигляді ДД.ММ.РРРР або РРРР-ММ-ДД');
    expect(msg(8, 'uk')).toBe('Рядок 8: Дата завершення «2022-02-01» раніша за дату початку «2022-03-01»');
    expect(msg(9, 'uk')).toBe(`Рядок 9: Ідентифікатор «${H0}» вже є в рядку 2`);
    expect(msg(9, 'en')).toBe(`Row 9: Duplicate id: hromada ${H0} is also on row 2; the first row is kept`);
    expect(msg(12, 'uk')).toContain('(код має вигляд UA і 17 цифр)');
    for (const x of r.rejected) expect(x.raw).toBeTypeOf('object');
  });

  it('section headings of the official list set the status of the rows below them', () => {
    const text = [
      'Код КАТОТТГ;Назва територіальної громади;Дата початку;Дата завершення',
      'Території можливих бойових дій;;;',
      `${H1};Іванівська;01.03.2022;`,
      'Тимчасово окуповані території;;;',
      `${H0};Тестова;24.02.2022;`,
    ].join('\r\n');
    expect(detectFileKind(text, 'list.csv').kind).toBe('territory');
    const r = importTerritory(text, 'list.csv', ctx, { today: TODAY });
    expect(r.rejected).toEqual([]);
    expect(r.sectionRows).toBe(2);
    expect(r.rows.map((x) => [x.code, x.status])).toEqual([
      [H1, 'hostilities'],
      [H0, 'occupied'],
    ]);
  });

  it('Windows-1251 with commas, UTF-8 with BOM and semicolons read the same', () => {
    const text = `Код КАТОТТГ,Статус\n${H2},Тимчасово окупована\n`;
    const a = importTerritory(cp1251(text), 'a.csv', ctx, { today: TODAY });
    const b = importTerritory(utf8Bom(text.replace(/,/g, ';')), 'b.csv', ctx, { today: TODAY });
    expect(a.detected.encoding).toBe('windows-1251');
    expect(b.detected.encoding).toBe('utf-8-bom');
    expect(Array.from(a.status)).toEqual(Array.from(b.status));
    expect(a.status[2]).toBe(code('occupied'));
  });

  it('a damaged XLSX or an old .xls: a file error saying so; an empty or code-less file: a file error', () => {
    registerBinaryReaders();
    const x = importTerritory(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]), 'list.xlsx', ctx);
    expect(x.fileError?.code).toBe('damaged_file');
    expect(fileErrorMessage(x.fileError!, 'uk')).toMatch(/^Файл пошкоджений/);
    const xls = importTerritory(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0]), 'list.xls', ctx);
    expect(xls.fileError?.code).toBe('xlsx_not_supported');
    expect(fileErrorMessage(xls.fileError!, 'uk')).toMatch(/^Старі книги Excel \(\.xls\)/);
    expect(importTerritory('', 'e.csv', ctx).fileError?.code).toBe('empty');
    expect(importTerritory(utf8('name;status\nA;occupied\n'), 'n.csv', ctx).fileError?.code).toBe('no_usable_columns');
    expect(importTerritory('katottg;status\n', 'h.csv', ctx).fileError?.code).toBe('empty');
    expect(importTerritory(`katottg;status\n${H0};occupied\n`, 'd.csv', ctx, { date: '2022-13-01' }).fileError).not.toBeNull();
  });

  it('detection: code + status → territory; a facilities file with status stays facilities; importAny dispatches', () => {
    expect(detectFileKind(`katottg;status\n${H0};occupied\n`, 't.csv').kind).toBe('territory');
    expect(detectFileKind(`code,end_date\n${H0},2022-11-11\n`, 't.csv').kind).toBe('territory');
    expect(detectFileKind('id;name;type;status;lat;lon\n1;a;МПО;діючий;50;30\n', 'f.csv').kind).toBe('facilities');
    expect(detectFileKind(`katottg;name;type;status\n${H0};a;МПО;діючий\n`, 'f.csv').kind).toBe('facilities');
    const any = importAny(`katottg;status\n${H0};occupied\n`, 't.csv', ctx, { territory: { today: TODAY } });
    expect(any.kind).toBe('territory');
    if (any.kind === 'territory') expect(any.result.status[0]).toBe(code('occupied'));
  });

  it('statusFromRows re-applies saved rows by code', () => {
    const r = statusFromRows(
      [
        { code: H2, status: 'occupied_before_2022' },
        { code: 'UA00000000000000000', status: 'occupied' },
      ],
      hromadaTable(),
    );
    expect(Array.from(r.status)).toEqual([0, 0, code('occupied_before_2022')]);
    expect(r.missing).toBe(1);
  });
});

describe('scenario', () => {
  it('saves the territory list in use; older files read as the built-in list', () => {
    const s = emptyScenario('t', '2025-01-01T00:00:00.000Z');
    expect(s.territory).toBeNull();
    const r = importTerritory(`katottg;status;start_date\n${H0};occupied;24.02.2022\n`, 'list.csv', ctx, { today: TODAY });
    s.territory = { fileName: 'list.csv', listName: r.listName, listDate: r.listDate, rows: r.rows };
    const back = parseScenario(serializeScenario(s));
    expect(back).toEqual({ ok: true, scenario: s });
    const old = JSON.parse(serializeScenario(emptyScenario('old'))) as Record<string, unknown>;
    delete old.territory;
    const o = parseScenario(JSON.stringify(old));
    expect(o.ok && o.scenario.territory).toBeNull();
    const bad = JSON.parse(serializeScenario(s)) as { territory: { rows: { status: string }[] } };
    bad.territory.rows[0]!.status = 'war';
    const b = parseScenario(JSON.stringify(bad));
    expect(b.ok).toBe(false);
    if (!b.ok) expect(b.error.detail).toContain('territory.rows[0].status');
  });
});
