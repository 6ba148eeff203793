import { describe, expect, it } from 'vitest';
import { HROMADA_COLUMNS, DEMAND_COLUMNS } from '../../src/io/coverage-writers';
import { CoverageEngine } from '../../src/engine/coverage';
import { syntheticCountry } from '../../src/engine/synthetic';
import { importFacilities } from '../../src/io/facilities';
import { buildImportContext } from '../../src/io/context';
import { facilitiesToCsv } from '../../src/io/export';
import { buildCoverageExport, ESTIMATE_NOTE, withCsvComments } from '../../src/worker/export-handlers';

const { demand, hromadas, facilities } = syntheticCountry({ seed: 3, demand: 600, facilities: 30 });
const engine = new CoverageEngine(demand, hromadas, facilities);
const attribution = ['KSE-Loc-Data-Hub, MIT', 'GeoNames, CC BY 4.0'];
const at = '2026-01-02T03:04:05.000Z';

const lines = (text: string) => text.replace(/^\uFEFF/, '').split('\r\n').filter((l) => l !== '');

describe('coverage exports', () => {
  it('hromada statistics: BOM, the CLI columns, one row per hromada and service, attribution and the estimate note', () => {
    const text = buildCoverageExport(engine, { what: 'hromadas', attribution, generatedAt: at });
    expect(text.startsWith('\uFEFF')).toBe(true);
    const l = lines(text);
    expect(l[0]).toBe(HROMADA_COLUMNS.join(','));
    const data = l.filter((x) => !x.startsWith('#') && !x.startsWith('"#'));
    expect(data.length - 1).toBe(hromadas.count * 2);
    const comments = l.filter((x) => x.startsWith('#') || x.startsWith('"#'));
    expect(comments[0]).toContain(at);
    expect(comments.join('\n')).toContain('Source: KSE-Loc-Data-Hub');
    expect(comments.join('\n')).toContain('Source: GeoNames');
    expect(text).toContain('population_estimated_share');
  });

  it('per-settlement CSV for one service has one row per demand unit', () => {
    const l = lines(buildCoverageExport(engine, { what: 'demand', services: ['fire'], attribution, generatedAt: at }));
    expect(l[0]).toBe(DEMAND_COLUMNS.join(','));
    expect(l.filter((x) => !/^"?#/.test(x)).length - 1).toBe(demand.count);
  });

  it('gaps GeoJSON lists exactly the uncovered units, with attribution and note', () => {
    const fc = JSON.parse(buildCoverageExport(engine, { what: 'gaps', attribution, generatedAt: at })) as {
      generated_at: string;
      attribution: string[];
      note: string;
      features: { properties: { service: string } }[];
    };
    expect(fc.generated_at).toBe(at);
    expect(fc.attribution).toEqual(attribution);
    expect(fc.note).toBe(ESTIMATE_NOTE);
    const uncovered = (s: 'fire' | 'police') => engine.coverage(s).covered.reduce((n, c) => n + (c ? 0 : 1), 0);
    expect(fc.features.filter((f) => f.properties.service === 'fire').length).toBe(uncovered('fire'));
    expect(fc.features.filter((f) => f.properties.service === 'police').length).toBe(uncovered('police'));
  });

  it('totals CSV starts with Ukraine', () => {
    const l = lines(buildCoverageExport(engine, { what: 'totals', attribution }));
    expect(l[1]!.startsWith('Україна,Ukraine,controlled,fire,')).toBe(true);
    expect(l[2]!.startsWith('Україна,Ukraine,occupied,fire,')).toBe(true);
  });

  it('comment lines are one line each and quoted when needed; our importers skip them', () => {
    const text = withCsvComments('\uFEFFid,name,type,lat,lon\r\na,Б,МПО,50.4,30.5\r\n', ['two\nlines', 'a, b']);
    expect(lines(text).slice(2)).toEqual(['# two lines', '"# a, b"']);
    const r = importFacilities(text, 'x.csv', buildImportContext({}));
    expect(r.rows.map((f) => f.id)).toEqual(['a']);
    expect(r.rejected).toEqual([]);
    expect(r.detected.commentRows).toBe(2);
  });

  it('facilities CSV with edits re-imports to the same facilities', () => {
    const edited = facilities.slice(0, 5).map((f, i) => ({ ...f, name: i === 0 ? '<img src=x onerror=alert(1)>' : f.name, placement: 'user' as const, source: 'user:x.csv' }));
    const r = importFacilities(facilitiesToCsv(edited, { attribution }), 'x.csv', buildImportContext({}), { source: 'user:x.csv' });
    expect(r.rejected).toEqual([]);
    expect(r.rows.map((f) => [f.id, f.name, f.type, f.lat, f.lon])).toEqual(edited.map((f) => [f.id, f.name, f.type, f.lat, f.lon]));
  });
});
