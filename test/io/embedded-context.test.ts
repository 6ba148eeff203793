/** The importers against the real bundled data (public/geo), when present. */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FeatureCollection } from 'geojson';
import { buildImportContext, importFacilities, importSettlements } from '../../src/io';
import { parseEmbedded } from '../../src/io/embedded';

const dir = new URL('../../public/geo/', import.meta.url);
const has = [
  'hromadas.geojson',
  'demand.json',
  'facilities.geojson',
  'border.geojson',
  'no_data.geojson',
  'unlocated.json',
].every((f) => existsSync(new URL(f, dir)));
const read = (f: string): unknown => JSON.parse(readFileSync(new URL(f, dir), 'utf8'));

describe.runIf(has)('with the embedded country data', () => {
  const hromadasJson = read('hromadas.geojson') as FeatureCollection;
  const emb = parseEmbedded({
    hromadas: hromadasJson,
    demand: read('demand.json'),
    facilities: read('facilities.geojson'),
  });
  const unlocated = read('unlocated.json') as Record<string, [string, string, string][]>;
  const ctx = buildImportContext({
    hromadas: emb.hromadas,
    demand: emb.demand,
    polygons: hromadasJson,
    border: read('border.geojson') as FeatureCollection,
    noData: read('no_data.geojson') as FeatureCollection,
    unlocated,
    facilityIds: emb.facilities.map((f) => f.id),
  });
  const kyivIndex = emb.hromadas.names.findIndex((n, i) => emb.hromadas.types[i] === 'столиця' || n === 'Київ');

  it('finds hromadas by point-in-polygon and tells Ukraine from its neighbours', () => {
    const r = importFacilities(
      'id;type;lat;lon\nkyiv;МПО;50,4501;30,5234\ncrimea;МПО;44,9521;34,1024\nchisinau;МПО;47,0105;28,8638\nminsk;МПО;53,9;27,56\n',
      'f.csv',
      ctx,
    );
    expect(r.rows.map((f) => f.id)).toEqual(['kyiv', 'crimea']);
    expect(r.rows[0]?.hromadaCode).toBe(emb.hromadas.codes[kyivIndex]);
    expect(r.rows[1]?.hromadaCode).toBeNull();
    expect(r.rejected.map((x) => [x.row, x.code])).toEqual([
      [4, 'outside_ukraine'],
      [5, 'outside_ukraine'],
    ]);
  });

  it('places by a real KATOTTG code: located settlement → its point; unlocated → hromada centre', () => {
    const located = emb.demand.ids.findIndex((_, i) => emb.demand.kind[i] === 0);
    const [hcode, list] = Object.entries(unlocated).find(([, l]) => l.length > 0)!;
    const unloc = list[0]![0];
    const r = importFacilities(`id;type;katottg\na;ДПК;${emb.demand.ids[located]}\nb;ДПК;${unloc}\n`, 'f.csv', ctx);
    expect(r.rejected).toEqual([]);
    expect(r.rows[0]).toMatchObject({
      placement: 'settlement',
      lon: emb.demand.lon[located],
      lat: emb.demand.lat[located],
    });
    expect(r.rows[1]).toMatchObject({ placement: 'hromada_centre', hromadaCode: hcode });
  });

  it('settlements get the hromada of their point', () => {
    const r = importSettlements(
      'id;назва;категорія;широта;довгота;населення\nx;Приклад;село;50,4501;30,5234;10\n',
      's.csv',
      ctx,
    );
    expect(r.rows[0]?.hromadaCode).toBe(emb.hromadas.codes[kyivIndex]);
  });

  it('accepts a point up to 5 km outside the simplified border and flags it "near the border"; farther is rejected', () => {
    // Радуль (Chernihiv oblast) on the Dnipro: its published point is ~1.4 km outside the simplified border.
    const r = importFacilities('id;type;lat;lon\nradul;МПО;51,882;30,707\nfar;МПО;51,95;30,45\n', 'f.csv', ctx);
    expect(r.rows.map((f) => f.id)).toEqual(['radul']);
    const flag = r.flagged.find((f) => f.code === 'near_border');
    expect(flag?.row).toBe(2);
    expect(Number(flag?.candidates?.[0])).toBeGreaterThan(0.5);
    expect(Number(flag?.candidates?.[0])).toBeLessThan(5);
    expect(r.rejected.map((x) => [x.row, x.code])).toEqual([[3, 'outside_ukraine']]);
  });
});
