/**
 * XLSX, zipped shapefiles and KML/KMZ through the same importers (issue 16): the fixtures of
 * scripts/fixtures/make-import-fixtures.ts (one bad row each) against the real bundled data, with their counts and
 * messages in Ukrainian and English; sheets, dates, encodings, coordinate systems and damaged files.
 */
import { existsSync, readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import type { FeatureCollection } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildImportContext,
  detectFileKind,
  fileErrorMessage,
  importAny,
  importBoundaries,
  importFacilities,
  importMatrix,
  importSettlements,
  importTerritory,
  rowIssueMessage,
} from '../../src/io';
import { binaryFormatOf, zipEntryNames } from '../../src/io/binary';
import { registerBinaryReaders } from '../../src/io/binary-readers';
import { parseEmbedded } from '../../src/io/embedded';
import { excelDate, isDateFormat } from '../../src/io/xlsx';
import { csvToSheets, csvToXlsx, xlsxCell } from '../../src/io/xlsx-export';
import { emptyImportContext } from '../../src/io/context';
import {
  PRJ_UTM36N,
  facilitiesShapefile,
  facilitiesXlsx,
  sumyPlaces,
  writeDbf,
  writeKml,
  writePointShp,
  writeWorkbook,
  zip,
  cp1251Bytes,
  SHP_FIELDS,
} from '../../scripts/fixtures/make-import-fixtures';
import { H0, H1, S_VILSHANA, testContext } from './helpers';

const fixture = (f: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../fixtures/import/${f}`, import.meta.url)));
const geo = new URL('../../public/geo/', import.meta.url);
const hasGeo = ['hromadas.geojson', 'demand.json', 'facilities.geojson'].every((f) => existsSync(new URL(f, geo)));

beforeAll(() => registerBinaryReaders());

describe.runIf(hasGeo)('fixtures against the bundled data', () => {
  const read = (f: string): unknown => JSON.parse(readFileSync(new URL(f, geo), 'utf8'));
  const hromadasJson = read('hromadas.geojson') as FeatureCollection;
  const emb = parseEmbedded({ hromadas: hromadasJson, demand: read('demand.json'), facilities: read('facilities.geojson') });
  const ctx = buildImportContext({ hromadas: emb.hromadas, demand: emb.demand, polygons: hromadasJson });
  const places = sumyPlaces();

  it('facilities.xlsx: 4 accepted, row 9 rejected (latitude "abc"), row 6 placed by its KATOTTG code', () => {
    const r = importFacilities(fixture('facilities.xlsx'), 'facilities.xlsx', ctx);
    expect(r.fileError).toBeNull();
    expect(r.rows.map((f) => f.id)).toEqual(['xl-1', 'xl-2', 'xl-3', 'xl-4']);
    expect(r.rows.map((f) => f.type)).toEqual(['local_fire_department', 'volunteer_fire_brigade', 'security_center', 'police_officer_station']);
    expect(r.rows[1]?.lat).toBeCloseTo(places['Лебедин']!.lat, 9); // text with a decimal comma
    expect(r.rows[0]?.lon).toBeCloseTo(places['Ромни']!.lon, 9); // a number cell
    expect(r.rows[2]).toMatchObject({ placement: 'settlement', lat: places['Охтирка']!.lat, status: 'planned' });
    expect(r.rejected.map((x) => [x.row, x.code, x.field])).toEqual([[9, 'non_numeric_coordinates', 'lat']]);
    expect(rowIssueMessage(r.rejected[0]!, 'uk')).toBe('Рядок 9: Значення «abc» (lat) не є числом');
    expect(rowIssueMessage(r.rejected[0]!, 'en')).toBe('Row 9: Coordinates are not numbers: lat "abc" is not a number');
    expect(r.flagged.map((x) => [x.row, x.code])).toEqual([[6, 'placed_at_settlement']]);
    expect(r.detected).toMatchObject({ format: 'xlsx', sheet: 'Підрозділи', sheets: ['Підрозділи', 'Довідка'], blankRows: 1, commentRows: 1, dataRows: 5 });
    expect(r.rejected[0]?.raw).toMatchObject({ Ідентифікатор: 'xl-5', Широта: 'abc' });
  });

  it('facilities-shapefile.zip: UCS-2000 / Gauss-Kruger zone 6 to WGS84, a Windows-1251 .dbf, feature 4 rejected', () => {
    const r = importFacilities(fixture('facilities-shapefile.zip'), 'facilities-shapefile.zip', ctx);
    expect(r.fileError).toBeNull();
    expect(r.detected).toMatchObject({ format: 'shapefile', crs: 'UCS-2000_Gauss_Kruger_Zone_6', encoding: 'windows-1251', dataRows: 5 });
    expect(r.rows.map((f) => [f.id, f.name, f.type])).toEqual([
      ['shp-1', 'Приклад: МПО Путивль', 'local_fire_department'],
      ['shp-2', 'Приклад: ДПРЧ Буринь', 'state_fire_unit'],
      ['shp-3', 'Приклад: ДПК Недригайлів', 'volunteer_fire_brigade'],
      ['shp-5', 'Приклад: ЦБГ Липова Долина', 'security_center'],
    ]);
    expect(r.rows[3]?.note).toBe('Приклад: об’єкт'); // the Cyrillic field name ПРИМІТКА
    expect(r.rows[0]?.lat).toBeCloseTo(places['Путивль']!.lat, 6);
    expect(r.rows[0]?.lon).toBeCloseTo(places['Путивль']!.lon, 6);
    expect(r.rejected.map((x) => [x.row, x.code, x.value])).toEqual([[4, 'unknown_type', 'Пожежне депо']]);
    expect(rowIssueMessage(r.rejected[0]!, 'uk')).toMatch(/^Рядок 4: Тип «Пожежне депо» невідомий \(type\); допустимі: state_fire_unit/);
    expect(rowIssueMessage(r.rejected[0]!, 'en')).toMatch(/^Row 4: Unknown type: type "Пожежне депо" is not known/);
  });

  it('facilities.kmz: Placemark names and ExtendedData as columns, Placemark 4 (a LineString) rejected', () => {
    const r = importFacilities(fixture('facilities.kmz'), 'facilities.kmz', ctx);
    expect(r.fileError).toBeNull();
    expect(r.detected.format).toBe('kmz');
    expect(r.rows.map((f) => [f.id, f.name, f.type, f.status])).toEqual([
      ['kml-1', 'Приклад: МПО Тростянець', 'local_fire_department', 'opened'],
      ['kml-2', 'Приклад: ДПК Білопілля', 'volunteer_fire_brigade', 'opened'],
      ['kml-3', 'Приклад: ЦБГ Кролевець (планова)', 'security_center', 'planned'],
    ]);
    expect(r.rows[1]?.note).toBe('Приклад');
    expect(r.rows[0]?.lat).toBeCloseTo(places['Тростянець']!.lat, 9);
    expect(r.rejected.map((x) => [x.row, x.code])).toEqual([[4, 'wrong_geometry']]);
    expect(rowIssueMessage(r.rejected[0]!, 'uk')).toBe('Рядок 4: Геометрія LineString; потрібна Point');
    expect(rowIssueMessage(r.rejected[0]!, 'en')).toBe('Row 4: Wrong geometry type: geometry is LineString; facilities need Point');
  });

  it('each fixture is detected as facilities and goes through importAny', () => {
    for (const [f, format] of [
      ['facilities.xlsx', 'xlsx'],
      ['facilities-shapefile.zip', 'shapefile'],
      ['facilities.kmz', 'kmz'],
    ] as const) {
      expect(detectFileKind(fixture(f), f)).toMatchObject({ format, kind: 'facilities', fileError: null });
      // the name does not matter: the contents tell the format
      expect(binaryFormatOf(fixture(f), 'upload.bin')).toBe(format);
      const any = importAny(fixture(f), f, ctx);
      expect(any.kind).toBe('facilities');
      expect(any.result.rejected).toHaveLength(1);
    }
  });
});

describe('XLSX', () => {
  const ctx = testContext();

  it('a chosen sheet by name or number; a missing sheet names the sheets; a sheet without the columns says so', async () => {
    const bytes = await facilitiesXlsx(sumyPlaces());
    const bad = importAny(bytes, 'f.xlsx', ctx, { sheet: 'Нема' });
    expect(bad.result.fileError?.code).toBe('sheet_not_found');
    expect(bad.result.fileError?.detail).toContain('"Підрозділи", "Довідка"');
    expect(fileErrorMessage(bad.result.fileError!, 'uk')).toMatch(/^У книзі немає такого аркуша/);
    const second = importAny(bytes, 'f.xlsx', ctx, { sheet: 2, kind: 'facilities' });
    expect(second.result.detected.sheet).toBe('Довідка');
    expect(second.result.fileError?.code).toBe('no_usable_columns');
    expect(importAny(bytes, 'f.xlsx', ctx, { sheet: 'підрозділи' }).result.detected.sheet).toBe('Підрозділи');
  });

  it('settlements, a matrix and a territory list with date cells read as from CSV', async () => {
    const s = await writeWorkbook([
      {
        name: 'НП',
        data: [
          ['id', 'Назва', 'Категорія', 'Широта', 'Довгота', 'Населення'],
          ['s1', 'Приклад', 'село', 50.2, 33.2, 1200],
          ['s2', 'Приклад 2', 'смт', '50,3', '33,3', '1 500'],
          ['s3', 'Приклад 3', 'село', 50.4, 33.4, 'багато'],
        ],
      },
    ]);
    const r = importSettlements(s, 's.xlsx', ctx);
    expect(r.rows.map((x) => [x.id, x.population, x.category])).toEqual([
      ['s1', 1200, 'village'],
      ['s2', 1500, 'smt'],
    ]);
    expect(r.rejected.map((x) => [x.row, x.code])).toEqual([[4, 'population_not_a_number']]);
    const ctxM = testContext({ facilityIds: ['f1'], demandIds: ['d1', 'd2'] });
    const m = importMatrix(await writeWorkbook([{ name: 'od', data: [['facility_id', 'demand_id', 'minutes'], ['f1', 'd1', 12.5], ['f1', 'd2', '7,5'], ['f9', 'd1', 3]] }]), 'm.xlsx', ctxM);
    expect(m.rows.map((x) => x.minutes)).toEqual([12.5, 7.5]);
    expect(m.rejected.map((x) => [x.row, x.code])).toEqual([[4, 'unknown_facility_id']]);
    const t = importTerritory(
      await writeWorkbook([
        {
          name: 'Перелік',
          data: [
            ['Код КАТОТТГ', 'Статус', 'Дата початку', 'Дата завершення'],
            [H0, 'тимчасово окупована', { value: new Date(Date.UTC(2022, 1, 24)), type: Date, format: 'dd.mm.yyyy' }, null],
            [H1, 'бойові дії', '01.03.2022', { value: new Date(Date.UTC(2022, 10, 11)), type: Date, format: 'dd.mm.yyyy' }],
          ],
        },
      ]),
      't.xlsx',
      ctx,
      { today: '2025-01-01' },
    );
    expect(t.fileError).toBeNull();
    expect(t.rows.map((x) => [x.code, x.status, x.start, x.end])).toEqual([
      [H0, 'occupied', '2022-02-24', null],
      [H1, 'none', '2022-03-01', '2022-11-11'], // ended on 11.11.2022
    ]);
  });

  it('damaged and unsupported workbooks get one clear file error', () => {
    const dmg = importFacilities(new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3, 4, 5]), 'x.xlsx', ctx);
    expect(dmg.fileError?.code).toBe('damaged_file');
    expect(fileErrorMessage(dmg.fileError!, 'en')).toMatch(/^The file is damaged/);
    expect(importFacilities(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]), 'x.xls', ctx).fileError?.code).toBe('xlsx_not_supported');
    const notBook = importFacilities(zip({ 'xl/workbook.xml': '<workbook><sheets><sheet name="A" r:id="x"' }), 'x.xlsx', ctx);
    expect(notBook.fileError?.code).toBe('damaged_file');
    expect(importFacilities(zip({ 'readme.txt': 'hi' }), 'x.xlsx', ctx).fileError?.code).toBe('damaged_file');
  });

  it('dates, formats and numbers as text', () => {
    expect(excelDate(44616, false)).toBe('2022-02-24');
    expect(excelDate(44616.5, false)).toBe('2022-02-24 12:00');
    expect(excelDate(0.25, false)).toBe('06:00');
    expect(excelDate(43154, true)).toBe('2022-02-24');
    expect(isDateFormat(14, undefined)).toBe(true);
    expect(isDateFormat(164, 'dd.mm.yyyy')).toBe(true);
    expect(isDateFormat(165, '0.00')).toBe(false);
    expect(isDateFormat(166, '"Дата" 0')).toBe(false);
  });
});

describe('XLSX export', () => {
  it('a CSV export becomes a workbook that reads back: numbers as numbers, the # lines on a second sheet', async () => {
    const csv = '\uFEFFhromada_code,name,population,share,note\nUA59000000000000001,Тестова,1000,0.5,\'=1+1\n00123,"Кома, так",-3,,x\n# Source: Приклад\n# Note: estimated\n';
    const { data, notes } = csvToSheets(csv);
    expect(data[1]).toEqual(['UA59000000000000001', 'Тестова', 1000, 0.5, '=1+1']);
    expect(data[2]).toEqual(['00123', 'Кома, так', -3, null, 'x']);
    expect(notes).toEqual([['Source: Приклад'], ['Note: estimated']]);
    expect(xlsxCell('1e3')).toBe(1000);
    const bytes = await csvToXlsx(csv, 'hromadas');
    expect(zipEntryNames(bytes)).toContain('xl/workbook.xml');
    const back = importAny(bytes, 'h.xlsx', emptyImportContext(), { kind: 'territory' });
    expect(back.result.detected.sheets).toEqual(['hromadas', 'Джерела · Sources']);
    expect(back.result.detected.columns).toMatchObject({ hromada: 'hromada_code' });
    expect(back.result.detected.dataRows).toBe(2);
  });
});

describe('zipped shapefiles', () => {
  const ctx = testContext();
  const places = sumyPlaces();

  it('UTM zone 36N (EPSG:32636): the published northing of 50°N on the central meridian reads back as 50°N 33°E', () => {
    const { shp, shx } = writePointShp([[500000, 5538630.70]]);
    const dbf = writeDbf(SHP_FIELDS, [['u1', 'Приклад', 'МПО', '', '']], cp1251Bytes, 0xc9);
    const r = importFacilities(zip({ 'a.shp': shp, 'a.shx': shx, 'a.dbf': dbf, 'a.prj': PRJ_UTM36N }), 'a.zip', emptyImportContext());
    expect(r.fileError).toBeNull();
    expect(r.detected.crs).toBe('WGS_1984_UTM_Zone_36N');
    expect(r.rows[0]?.lat).toBeCloseTo(50, 6);
    expect(r.rows[0]?.lon).toBeCloseTo(33, 6);
  });

  it('the .dbf encoding from the .cpg, the driver byte or detection', () => {
    const utf8 = importFacilities(facilitiesShapefile(places, undefined, { cpg: 'UTF-8', utf8: true }), 's.zip', emptyImportContext());
    expect(utf8.detected.encoding).toBe('utf-8');
    expect(utf8.rows[0]?.name).toBe('Приклад: МПО Путивль');
    const cpg = importFacilities(facilitiesShapefile(places, undefined, { cpg: 'ANSI 1251' }), 's.zip', emptyImportContext());
    expect(cpg.detected.encoding).toBe('windows-1251');
    expect(cpg.rows[0]?.name).toBe('Приклад: МПО Путивль');
    const ldid = importFacilities(facilitiesShapefile(places, undefined, { ldid: 0xc9 }), 's.zip', emptyImportContext());
    expect(ldid.rows[2]?.name).toBe('Приклад: ДПК Недригайлів');
  });

  it('a coordinate system proj4 cannot read is named in the file error; no .prj and metres: rows rejected as projected', () => {
    const foo = 'PROJCS["Місцева СК-63",GEOGCS["x",DATUM["y",SPHEROID["z",6378245,298.3]]],PROJECTION["Krovak_Weird"],UNIT["Meter",1]]';
    const r = importFacilities(facilitiesShapefile(places, PRJ_UTM36N).slice(), 's.zip', ctx);
    expect(r.fileError).toBeNull();
    const bad = importFacilities(zip({ ...unzipShp(facilitiesShapefile(places, PRJ_UTM36N)), 'pidrozdily.prj': foo }), 's.zip', ctx);
    expect(bad.fileError?.code).toBe('unknown_crs');
    expect(bad.fileError?.detail).toContain('"Місцева СК-63"');
    expect(fileErrorMessage(bad.fileError!, 'uk')).toMatch(/^Систему координат файлу \.prj не вдалося перерахувати у WGS84/);
    const files = unzipShp(facilitiesShapefile(places, PRJ_UTM36N));
    delete files['pidrozdily.prj'];
    const noPrj = importFacilities(zip(files), 's.zip', ctx);
    expect(noPrj.rows).toHaveLength(0);
    expect(new Set(noPrj.rejected.map((x) => x.code))).toEqual(new Set(['projected_coordinates', 'unknown_type']));
    expect(importFacilities(zip({ 'a.txt': 'x' }), 's.zip', ctx).fileError?.code).toBe('no_layer');
  });
});

describe('KML', () => {
  const ctx = testContext();

  it('Polygons are boundaries, with the code from ExtendedData; MultiGeometry of polygons is a MultiPolygon', () => {
    const ring: [number, number][] = [
      [33.1, 50.1],
      [33.9, 50.1],
      [33.9, 50.9],
      [33.1, 50.1],
    ];
    const text = writeKml([
      { name: 'Приклад: громада', data: { code: H0 }, coords: ring, geometry: 'Polygon' },
      { name: 'Приклад: без коду', coords: ring, geometry: 'Polygon' },
    ]);
    expect(detectFileKind(text, 'b.kml')).toMatchObject({ format: 'kml', kind: 'boundaries' });
    const r = importBoundaries(text, 'b.kml', ctx);
    expect(r.rows.map((b) => [b.code, b.name, b.geometry.type])).toEqual([[H0, 'Приклад: громада', 'Polygon']]);
    expect(r.rejected.map((x) => [x.row, x.code])).toEqual([[2, 'missing_id']]);
    const multi = `<kml xmlns="http://www.opengis.net/kml/2.2"><Placemark><name>m</name><ExtendedData><Data name="code"><value>${H1}</value></Data></ExtendedData><MultiGeometry><Polygon><outerBoundaryIs><LinearRing><coordinates>28.1,50.1 28.5,50.1 28.5,50.5 28.1,50.1</coordinates></LinearRing></outerBoundaryIs></Polygon><Polygon><outerBoundaryIs><LinearRing><coordinates>28.6,50.6 28.9,50.6 28.9,50.9 28.6,50.6</coordinates></LinearRing></outerBoundaryIs></Polygon></MultiGeometry></Placemark></kml>`;
    expect(importBoundaries(multi, 'm.kml', ctx).rows[0]?.geometry.type).toBe('MultiPolygon');
  });

  it('settlements from Placemarks; a Windows-1251 KML by its declaration; broken XML is damaged', () => {
    const text = writeKml([{ name: 'Вільшана', data: { id: S_VILSHANA, population: '1 200', category: 'село' }, coords: [[33.2, 50.2]], geometry: 'Point' }]);
    const r = importSettlements(text, 's.kml', ctx);
    expect(r.rows.map((x) => [x.id, x.name, x.population])).toEqual([[S_VILSHANA, 'Вільшана', 1200]]);
    const win = cp1251Bytes(text.replace('encoding="UTF-8"', 'encoding="windows-1251"').replace('ʼ', "'"));
    expect(importSettlements(win, 's.kml', ctx).rows[0]?.name).toBe('Вільшана');
    const broken = importFacilities('<kml><Placemark><name>x</name>', 'x.kml', ctx);
    expect(broken.fileError?.code).toBe('damaged_file');
    expect(importFacilities('<?xml version="1.0"?><gpx></gpx>', 'x.kml', ctx).fileError?.code).toBe('not_csv_or_geojson');
    expect(importFacilities('<kml xmlns="http://www.opengis.net/kml/2.2"><Document/></kml>', 'e.kml', ctx).fileError?.code).toBe('empty');
    expect(importFacilities(zip({ 'a.txt': 'x' }), 'x.kmz', ctx).fileError?.code).toBe('no_layer');
  });
});

/** The files of a zipped shapefile, to swap one. */
function unzipShp(bytes: Uint8Array): Record<string, Uint8Array> {
  return unzipSync(bytes);
}
