import { describe, expect, it } from 'vitest';
import { CoverageEngine } from '../../src/engine/coverage';
import { syntheticCountry } from '../../src/engine/synthetic';
import { SERVICES, type Facility, type Service } from '../../src/engine/types';
import { emptyScenario } from '../../src/io/scenario';
import type { CoverageResult, CoverageSource, ServiceResult } from '../../src/state/coverage-source';
import { scenarioFacilities } from '../../src/state/scenario-state';
import { compareResults } from '../../src/ui/data/compare';
import { attributionLines, userDataLines } from '../../src/state/attribution';
import { createMatrixSync, matrixFor } from '../../src/ui/data/matrix-sync';
import { exportFileName, facilityImportsOf, withFacilityImport, withMatrix, withoutFacilityImport } from '../../src/ui/data/import-apply';

const fac = (id: string, type: Facility['type']): Facility => ({
  id,
  name: id,
  type,
  status: 'opened',
  lon: 30,
  lat: 50,
  hromadaCode: null,
  source: 'x',
  sourceUrl: '',
  placement: 'user',
  note: '',
});

const embedded = [fac('e-state', 'state_fire_unit'), fac('e-local', 'local_fire_department'), fac('e-sc', 'security_center')];

describe('facility imports per type', () => {
  it('splits a file into a replace entry and an add entry', () => {
    const rows = [fac('u1', 'local_fire_department'), fac('u2', 'volunteer_fire_brigade'), fac('u3', 'local_fire_department')];
    const imps = facilityImportsOf('f.csv', rows, { local_fire_department: 'replace' });
    expect(imps.map((i) => [i.mode, i.types, i.facilities.map((f) => f.id)])).toEqual([
      ['replace', ['local_fire_department'], ['u1', 'u3']],
      ['add', ['volunteer_fire_brigade'], ['u2']],
    ]);
    expect(facilityImportsOf('f.csv', [], {})).toEqual([]);
  });

  it('replace drops the built-in facilities of that type only; add keeps them', () => {
    const rows = [fac('u1', 'local_fire_department'), fac('u2', 'security_center')];
    const s = withFacilityImport(emptyScenario(''), 'f.csv', rows, { local_fire_department: 'replace' });
    expect(scenarioFacilities(embedded, s).map((f) => f.id)).toEqual(['e-state', 'e-sc', 'u1', 'u2']);
    expect(scenarioFacilities(embedded, withoutFacilityImport(s, 0)).map((f) => f.id)).toEqual(['e-state', 'e-local', 'e-sc', 'u2']);
  });

  it('sets and clears the matrix without touching the rest', () => {
    const s = withMatrix(emptyScenario('x'), 'm.csv', [{ facilityId: 'a', demandId: 'b', minutes: 3 }]);
    expect(s.matrix).toEqual({ fileName: 'm.csv', rows: [{ facilityId: 'a', demandId: 'b', minutes: 3 }] });
    expect(withMatrix(s, null, []).matrix).toBeNull();
    expect(withMatrix(s, null, []).name).toBe('x');
  });

  it('writes one attribution line per source, and dated export names', () => {
    expect(attributionLines([{ name: 'KSE', attribution: 'Kyiv School of Economics', licence: 'MIT', url: 'https://kse.ua' }, { id: 'geonames' }])).toEqual([
      'KSE — Kyiv School of Economics (MIT) — https://kse.ua',
      'geonames',
    ]);
    expect(attributionLines([{ name: 'GeoNames', licence: 'CC BY 4.0', url: 'https://geonames.org' }, { title: 'T', attribution: 'T' }])).toEqual([
      'GeoNames (CC BY 4.0) — https://geonames.org',
      'T',
    ]);
    const withFiles = {
      ...emptyScenario('x'),
      facilityImports: [{ fileName: 'u.csv', mode: 'replace' as const, types: ['volunteer_fire_brigade' as const], facilities: [] }],
      boundaries: { fileName: 'b.geojson', mode: 'update' as const, rows: [] },
    };
    expect(userDataLines(withFiles, { resummed: 3 } as never)).toEqual([
      'User file (facilities, replacing the built-in volunteer_fire_brigade): u.csv — 0 rows',
      'User file (community boundaries, replacing the built-in ones it names): b.geojson — 0 polygons; population of 3 hromadas re-summed from demand units (partly estimated)',
    ]);
    expect(userDataLines(emptyScenario('x'))).toEqual([]);
    expect(exportFileName('hromadas', 'csv', new Date('2026-03-04T10:00:00Z'))).toBe('hromada-coverage-hromadas-2026-03-04.csv');
  });
});

function resultOf(engine: CoverageEngine, facilities: Facility[]): CoverageResult {
  const services = {} as Record<Service, ServiceResult>;
  for (const s of SERVICES)
    services[s] = { coverage: engine.coverage(s), stats: engine.stats(s), totals: engine.totals(s), occupiedTotals: engine.occupiedTotals(s), oblastTotals: [], slotToFacility: new Int32Array(0) };
  return { params: engine.params, facilities, services, elapsedMs: 0 };
}

describe('compareResults', () => {
  it('gives national totals of both scenarios and per-hromada differences that add up', () => {
    const { demand, hromadas, facilities } = syntheticCountry({ seed: 5, demand: 1200, facilities: 80 });
    const fewer = facilities.slice(0, 40);
    const a = resultOf(new CoverageEngine(demand, hromadas, facilities), facilities);
    const b = resultOf(new CoverageEngine(demand, hromadas, fewer), fewer);
    const c = compareResults(a, b, hromadas);
    for (const s of SERVICES) {
      expect(c.national[s].a).toEqual(a.services[s].totals);
      expect(c.national[s].b).toEqual(b.services[s].totals);
      const sum = c.hromadas[s].reduce((n, r) => n + r.diff, 0);
      expect(sum).toBeCloseTo(c.national[s].b.coveredPopulation - c.national[s].a.coveredPopulation, 6);
      const diffs = c.hromadas[s].map((r) => Math.abs(r.diff));
      expect(diffs).toEqual([...diffs].sort((x, y) => y - x));
    }
    expect(c.hromadas.fire.length).toBeGreaterThan(0);
    expect(compareResults(a, a, hromadas).hromadas.fire).toEqual([]);
  });

  it('matches hromadas by code when the two scenarios have different hromada lists', () => {
    const { demand, hromadas, facilities } = syntheticCountry({ seed: 5, demand: 1200, facilities: 80 });
    const a = resultOf(new CoverageEngine(demand, hromadas, facilities), facilities);
    // B lists the same hromadas in reverse order, without the first one.
    const order = Array.from({ length: hromadas.count - 1 }, (_, k) => hromadas.count - 1 - k);
    const pick = <T,>(xs: ArrayLike<T>) => order.map((i) => xs[i]!);
    const hb = { count: order.length, codes: pick(hromadas.codes), names: pick(hromadas.names), namesEn: pick(hromadas.namesEn) };
    const remap = new Int32Array(hromadas.count).fill(-1);
    order.forEach((i, j) => (remap[i] = j));
    const demandB = { ...demand, hromada: Int32Array.from(demand.hromada, (h) => (h >= 0 ? remap[h]! : -1)) };
    const hromadasB = { ...hromadas, ...hb, popTotal: Float64Array.from(pick(hromadas.popTotal)), popUrban: Float64Array.from(pick(hromadas.popUrban)), popRural: Float64Array.from(pick(hromadas.popRural)), centerLon: Float64Array.from(pick(hromadas.centerLon)), centerLat: Float64Array.from(pick(hromadas.centerLat)), areaKm2: Float64Array.from(pick(hromadas.areaKm2)), types: pick(hromadas.types), raions: pick(hromadas.raions), oblasts: pick(hromadas.oblasts), oblastsEn: pick(hromadas.oblastsEn) };
    const b = resultOf(new CoverageEngine(demandB, hromadasB, facilities), facilities);
    const c = compareResults(a, b, hromadas, hb);
    // Same facilities: only the hromada B lacks differs (its covered people count 0 there).
    expect(c.hromadas.fire.map((r) => r.code)).toEqual(a.services.fire.stats.coveredPopulation[0]! > 0 ? [hromadas.codes[0]] : []);
    expect(c.hromadas.fire[0]?.shareB ?? NaN).toBeNaN();
  });
});

describe('matrix for the engine', () => {
  it('keeps only pairs of loaded facilities and demand units', () => {
    const rows = [
      { facilityId: 'e-state', demandId: 'd1', minutes: 4 },
      { facilityId: 'gone', demandId: 'd1', minutes: 1 },
      { facilityId: 'e-sc', demandId: 'other', minutes: 2 },
    ];
    expect([...matrixFor(rows, embedded, ['d1', 'd2']).minutes]).toEqual([['e-state\u0000d1', 4]]);
  });

  it('sends the matrix only when it, the facilities or the demand change, and clears it once', () => {
    const sent: (number | null)[] = [];
    const source = { setMatrix: (m: { minutes: Map<string, number> } | null) => sent.push(m ? m.minutes.size : null) } as unknown as CoverageSource;
    const { demand } = syntheticCountry({ seed: 1, demand: 3, facilities: 1 });
    const sync = createMatrixSync();
    sync.sync(source, null, embedded, demand);
    expect(sent).toEqual([]);
    const m = { fileName: 'm.csv', rows: [{ facilityId: 'e-sc', demandId: demand.ids[0]!, minutes: 3 }] };
    sync.sync(source, m, embedded, demand);
    sync.sync(source, m, embedded, demand);
    expect(sent).toEqual([1]);
    sync.sync(source, m, embedded.slice(0, 2), demand);
    expect(sent).toEqual([1, 0]);
    sync.sync(source, null, embedded, demand);
    sync.sync(source, null, embedded, demand);
    expect(sent).toEqual([1, 0, null]);
  });
});
