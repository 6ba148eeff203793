/**
 * Property-based tests (fast-check) of the territory-list importer: it never throws on arbitrary text or bytes, only
 * returns rejected rows (or a file error); accepted + rejected + section rows account for every data row; valid rows
 * are kept with their status.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importTerritory, normalizeCode } from '../../src/io';
import { TERRITORY_STATUSES } from '../../src/engine/types';
import { H0, H1, H2, S_VILSHANA, cp1251, testContext, utf8Bom } from './helpers';

const ctx = testContext();
const TODAY = '2025-06-01';

const CELLS = [
  '',
  ' ',
  '"',
  ';',
  ',',
  '#',
  H0,
  H1,
  H2,
  S_VILSHANA,
  'UA05020990000000001',
  'ua 5900 0000 0000 0000 1',
  'окупована',
  'Тимчасово окуповані території',
  'Території можливих бойових дій',
  'active hostilities',
  'deoccupied',
  'none',
  'war',
  '24.02.2022',
  '2022-11-11',
  '31.02.2022',
  '1e999',
  '<b>x</b>',
  '=1+1',
];
const SAFE = 'abcАБВабвгґіїєь’ 0123456789.,;-"\t\n\r#=UA';
const cell = fc.oneof(fc.constantFrom(...CELLS), fc.string({ unit: fc.constantFrom(...SAFE.split('')), maxLength: 10 }));
const HEADERS = [
  ['katottg', 'status', 'start_date', 'end_date'],
  ['Код КАТОТТГ', 'Статус', 'Дата початку бойових дій / тимчасової окупації', 'Дата завершення'],
  ['code', 'territory_status', 'start', 'end'],
];

function quote(c: string, d: string): string {
  return /["\n\r]/.test(c) || c.includes(d) ? `"${c.replace(/"/g, '""')}"` : c;
}

describe('property: territory list', () => {
  it('never throws on arbitrary text or bytes (file error or rejected rows only)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          fc.string({ unit: 'binary', maxLength: 200 }),
          fc.uint8Array({ maxLength: 200 }),
          fc.string({ unit: fc.constantFrom(...SAFE.split('')), maxLength: 200 }).map((s) => `katottg;status\n${s}`),
        ),
        (input) => {
          const r = importTerritory(input, 'x.csv', ctx, { today: TODAY });
          expect(r.status.length).toBe(3);
          for (const x of r.rejected) {
            expect(x.row).toBeGreaterThanOrEqual(1);
            expect(x.detail.length).toBeGreaterThan(0);
          }
          if (r.fileError) expect(r.rows).toEqual([]);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('structured tables: every data row is accepted, rejected or a section heading; valid rows kept', () => {
    let kept = 0;
    const codes = new Set<string>();
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({
              h: fc.constantFrom(H0, H1, H2),
              s: fc.constantFrom('occupied', 'окупована', 'бойові дії', 'none', 'deoccupied'),
            }),
            fc.array(cell, { maxLength: 5 }),
          ),
          { maxLength: 8 },
        ),
        fc.constantFrom(',', ';'),
        fc.constantFrom(...HEADERS),
        fc.boolean(),
        (rows, d, header, win) => {
          const table: string[][] = [header];
          const valid: { row: number; h: string }[] = [];
          const used = new Set<string>();
          rows.forEach((r, i) => {
            if (Array.isArray(r)) table.push(r);
            else {
              table.push([r.h, r.s, '', '']);
              if (!used.has(r.h)) valid.push({ row: i + 2, h: r.h });
            }
            // A later row with a known code repeats it (rejected) whatever its kind.
            const first = normalizeCode(Array.isArray(r) ? (r[0] ?? '') : r.h);
            if ([H0, H1, H2].includes(first)) used.add(first);
          });
          const text = table.map((r) => r.map((c) => quote(c, d)).join(d)).join('\n') + '\n';
          const bytes = win ? cp1251(text.replace(/[^ -~\t\n\r]/g, (c) => (/[А-яІіЇїЄєҐґ’]/.test(c) ? c : '?'))) : utf8Bom(text);
          const res = importTerritory(bytes, 't.csv', ctx, { today: TODAY });
          if (res.fileError) {
            expect(['empty', 'no_usable_columns']).toContain(res.fileError.code);
            return;
          }
          expect(res.rows.length + res.rejected.length + res.sectionRows).toBe(res.detected.dataRows);
          const rejectedRows = new Set(res.rejected.map((x) => x.row));
          for (const v of valid) expect(rejectedRows.has(v.row)).toBe(false);
          const listed = new Set(res.rows.map((x) => x.code));
          for (const v of valid) expect(listed.has(v.h)).toBe(true);
          for (let k = 0; k < 3; k++) expect(res.status[k]).toBeLessThan(TERRITORY_STATUSES.length);
          kept += res.rows.length;
          for (const x of res.rejected) codes.add(x.code);
        },
      ),
      { numRuns: 1500 },
    );
    expect(kept).toBeGreaterThan(500);
    expect(codes.size).toBeGreaterThanOrEqual(4);
  });
});
