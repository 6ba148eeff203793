/**
 * Property-based tests (fast-check) of the XLSX, zipped-shapefile and KML/KMZ importers: 10,000 generated inputs
 * each — valid, malformed and damaged (cut or overwritten bytes). No exception escapes; a file either has one file
 * error or every feature/row is accepted or rejected with a code and its row number; valid rows are kept.
 */
import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { importAny, type ImportResult } from '../../src/io';
import { registerBinaryReaders } from '../../src/io/binary-readers';
import { emptyImportContext } from '../../src/io/context';
import { PRJ_UCS2000_GK6, PRJ_UTM36N, SHP_FIELDS, cp1251Bytes, project, writeDbf, writeKml, writePointShp } from '../../scripts/fixtures/make-import-fixtures';

const RUNS = 10_000;
const ctx = emptyImportContext();
beforeAll(() => registerBinaryReaders());

const NASTY = ['', ' ', 'abc', '"', '<', '&', ']]>', '&amp;', '1e999', 'NaN', '-', '0', '50,45', '30.52', '91', '6500000', '#', '=1+1', 'ДПРЧ', 'МПО', 'planned', 'Іванівка', '1 200', '\u0000', '\uFFFF'];
const TYPES = ['ДПРЧ', 'МПО', 'ДПК', 'ЦБГ', 'відділ поліції', 'state_fire_unit'];
const cell = fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 8 }));
const lat = fc.double({ min: 44.5, max: 52.3, noNaN: true });
const lon = fc.double({ min: 22.2, max: 40.2, noNaN: true });
const validFacility = fc.record({ type: fc.constantFrom(...TYPES), lat, lon, name: fc.string({ maxLength: 10 }) });

/** Damage: none (mostly), cut the bytes, or overwrite some. */
const damage = fc.oneof(
  { weight: 6, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.record({ cut: fc.double({ min: 0, max: 1, noNaN: true }) }) },
  { weight: 1, arbitrary: fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }) },
);
type Damage = { cut: number } | { at: number; bytes: Uint8Array } | null;
function spoil(b: Uint8Array, d: Damage): Uint8Array {
  if (!d) return b;
  if ('cut' in d) return b.slice(0, Math.floor(b.length * d.cut));
  const out = b.slice();
  out.set(d.bytes.subarray(0, Math.max(0, out.length - Math.floor(out.length * d.at))), Math.floor(out.length * d.at));
  return out;
}

/** Invariants; problems collected and asserted once. */
function check(r: ImportResult<unknown>, dataRows: number | null, validRows: number[]): void {
  const problems: string[] = [];
  if (r.fileError) {
    if (typeof r.fileError.code !== 'string' || r.fileError.detail === '') problems.push('file error without code or detail');
    if (problems.length > 0) expect(problems).toEqual([]);
    return;
  }
  if (dataRows !== null && r.rows.length + r.rejected.length !== dataRows) problems.push(`${r.rows.length} + ${r.rejected.length} ≠ ${dataRows}`);
  const valid = new Set(validRows);
  for (const x of r.rejected) {
    if (!Number.isInteger(x.row) || x.row < 1 || typeof x.code !== 'string' || x.detail === '') problems.push(`bad issue ${JSON.stringify(x)}`);
    if (valid.has(x.row)) problems.push(`valid row ${x.row} rejected: ${x.detail}`);
  }
  if (problems.length > 0) expect(problems).toEqual([]);
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const col = (i: number): string => String.fromCharCode(65 + i);

/** A minimal .xlsx (inline strings, numbers, booleans; an optional title row) built directly, fast enough for 10k runs. */
function xlsx(rows: (string | number | boolean | null)[][], first: number): Uint8Array {
  const body = rows
    .map((r, i) => {
      const n = first + i;
      const cells = r
        .map((v, c) => {
          if (v === null) return '';
          const ref = `${col(c)}${n}`;
          if (typeof v === 'number') return `<c r="${ref}"><v>${v}</v></c>`;
          if (typeof v === 'boolean') return `<c r="${ref}" t="b"><v>${v ? 1 : 0}</v></c>`;
          return `<c r="${ref}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`;
        })
        .join('');
      return `<row r="${n}">${cells}</row>`;
    })
    .join('');
  return zipSync(
    {
      'xl/workbook.xml': strToU8('<workbook xmlns:r="r"><sheets><sheet name="Аркуш1" sheetId="1" r:id="rId1"/></sheets></workbook>'),
      'xl/_rels/workbook.xml.rels': strToU8('<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>'),
      'xl/worksheets/sheet1.xml': strToU8(`<worksheet><sheetData>${body}</sheetData></worksheet>`),
    },
    { level: 0 },
  );
}

describe('property: XLSX', () => {
  it(`${RUNS} workbooks: no exception; each data row accepted or rejected with its sheet row; valid rows kept`, () => {
    const row = fc.oneof(
      { weight: 3, arbitrary: validFacility.map((v) => ({ valid: true as const, cells: [v.name || 'x', v.type, v.lat, v.lon] as (string | number | null)[] })) },
      { weight: 2, arbitrary: fc.array(fc.oneof(cell, fc.double(), fc.constant(null)), { maxLength: 5 }).map((cells) => ({ valid: false as const, cells })) },
    );
    fc.assert(
      fc.property(fc.array(row, { maxLength: 5 }), fc.integer({ min: 1, max: 4 }), damage, (rows, first, d) => {
        const header = ['Назва', 'Тип', 'Широта', 'Довгота'];
        const all = [header, ...rows.map((r) => r.cells)];
        const bytes = spoil(xlsx(all, first), d);
        const r = importAny(bytes, 'f.xlsx', ctx, { kind: 'facilities' }).result;
        const isData = (c: (string | number | null)[]) =>
          c.some((x) => x !== null && String(x).trim() !== '') && !String(c[0] ?? '').trimStart().startsWith('#');
        const dataRows = rows.filter((x) => isData(x.cells)).length;
        if (d || dataRows === 0) return check(r, null, []);
        const validRows = rows.map((x, i) => (x.valid ? first + 1 + i : -1)).filter((n) => n > 0);
        check(r, dataRows, validRows);
        // a row's number is its sheet row
        if (r.rejected.some((x) => x.row <= first)) expect(r.rejected.map((x) => x.row)).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  }, 120_000);
});

describe('property: zipped shapefiles', () => {
  it(`${RUNS} shapefiles (degrees, UTM 36N, UCS-2000 GK zone 6, unreadable .prj, cp1251/UTF-8): no exception, rows accounted for`, () => {
    const prjs = [null, PRJ_UTM36N, PRJ_UCS2000_GK6, 'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137,298.257223563]]]', 'PROJCS["Невідома",PROJECTION["X"]]', 'garbage'];
    const rec = fc.record({
      pt: fc.oneof({ weight: 4, arbitrary: fc.tuple(lon, lat) }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.tuple(fc.double(), fc.double()) }),
      type: fc.oneof(fc.constantFrom(...TYPES), cell),
      name: cell,
      valid: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(rec, { minLength: 1, maxLength: 4 }), fc.constantFrom(...prjs), fc.constantFrom(null, '1251', 'UTF-8', 'bogus'), damage, (recs, prj, cpg, d) => {
        const projected = prj === PRJ_UTM36N || prj === PRJ_UCS2000_GK6;
        const pts = recs.map((x) => (x.pt && projected && Number.isFinite(x.pt[0]) && Number.isFinite(x.pt[1]) ? project(prj, x.pt[0], x.pt[1]) : x.pt));
        const { shp, shx } = writePointShp(pts.map((p) => (p && Number.isFinite(p[0]) && Number.isFinite(p[1]) ? p : null)));
        const rows = recs.map((x, i) => [`id${i}`, x.valid ? 'Приклад' : x.name, x.valid ? 'МПО' : x.type, '', '']);
        const dbf = writeDbf(SHP_FIELDS, rows, cpg === 'UTF-8' ? strToU8 : (s) => cp1251Bytes(s), 0x57);
        const files: Record<string, Uint8Array> = { 'l.shp': shp, 'l.shx': shx, 'l.dbf': dbf };
        if (prj) files['l.prj'] = strToU8(prj);
        if (cpg) files['l.cpg'] = strToU8(cpg);
        const bytes = spoil(zipSync(files, { level: 0 }), d);
        const r = importAny(bytes, 'l.zip', ctx, { kind: 'facilities' }).result;
        if (prj === 'garbage' || prj?.includes('Невідома')) {
          if (!d && r.fileError?.code !== 'unknown_crs') expect(r.fileError?.code).toBe('unknown_crs');
          return;
        }
        check(r, d ? null : recs.length, []);
      }),
      { numRuns: RUNS },
    );
  }, 120_000);
});

describe('property: KML/KMZ', () => {
  it(`${RUNS} KML and KMZ files (Points, LineStrings, Polygons, ExtendedData, raw text): no exception, Placemarks accounted for`, () => {
    const pm = fc.record({
      name: cell,
      data: fc.dictionary(fc.constantFrom('id', 'type', 'тип', 'status', 'lat', 'x'), cell, { maxKeys: 3 }),
      geometry: fc.constantFrom('Point' as const, 'Point' as const, 'LineString' as const, 'Polygon' as const),
      coords: fc.array(fc.tuple(lon, lat), { minLength: 1, maxLength: 4 }),
      valid: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(pm, { minLength: 1, maxLength: 4 }), fc.boolean(), fc.option(fc.string({ maxLength: 40 }), { freq: 8 }), damage, (pms, kmz, raw, d) => {
        const placemarks = pms.map((p, i) =>
          p.valid
            ? { name: `Приклад ${i}`, data: { id: `k${i}`, type: 'МПО' }, coords: p.coords.slice(0, 1), geometry: 'Point' as const }
            : {
                ...p,
                coords: p.geometry === 'Polygon' ? [...p.coords, p.coords[0]!, p.coords[0]!, p.coords[0]!] : p.coords,
              },
        );
        const text = raw ?? writeKml(placemarks);
        const bytes = spoil(kmz ? zipSync({ 'doc.kml': strToU8(text) }, { level: 0 }) : strToU8(text), d);
        const r = importAny(bytes, kmz ? 'f.kmz' : 'f.kml', ctx, { kind: 'facilities' }).result;
        if (raw !== null || d) return check(r, null, []);
        const validRows = pms.map((p, i) => (p.valid ? i + 1 : -1)).filter((n) => n > 0);
        check(r, pms.length, validRows);
      }),
      { numRuns: RUNS },
    );
  }, 120_000);
});
