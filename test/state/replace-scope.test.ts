import { describe, expect, it } from 'vitest';
import type { Facility } from '../../src/engine/types';
import { emptyScenario, parseScenario, serializeScenario, type FacilityImport } from '../../src/io/scenario';
import { applyFacilityImports, oblastNames, oblastOfCode, oblastsOf, replaceRemoval, scenarioFacilities } from '../../src/state/scenario-state';
import { facilityImportsOf, withFacilityImport } from '../../src/ui/data/import-apply';

const fac = (id: string, type: Facility['type'], hromadaCode: string | null, source = 'fire_units'): Facility => ({
  id,
  name: id,
  type,
  status: 'opened',
  lon: 30,
  lat: 50,
  hromadaCode,
  source,
  sourceUrl: '',
  placement: 'settlement',
  note: '',
});

// Volyn UA07, Chernihiv UA74, Kyiv city UA80
const embedded = [
  fac('v1', 'local_fire_department', 'UA07040010000033507'),
  fac('v2', 'local_fire_department', 'UA07060010000011111'),
  fac('c1', 'local_fire_department', 'UA74100330000029082'),
  fac('c2', 'local_fire_department', 'UA74100330000029082'),
  fac('k1', 'local_fire_department', 'UA80000000000093317'),
  fac('out', 'local_fire_department', null),
  fac('vs', 'state_fire_unit', 'UA07040010000033507'),
];
const file = [fac('n1', 'local_fire_department', 'UA74100330000029082', 'user:f.csv'), fac('n2', 'local_fire_department', 'UA74100330000029999', 'user:f.csv')];

describe('oblast codes', () => {
  it('takes the first 4 characters of a KATOTTG code', () => {
    expect(oblastOfCode('UA07040010000033507')).toBe('UA07');
    expect(oblastOfCode(null)).toBeNull();
    expect(oblastOfCode('my-code')).toBeNull();
    expect(oblastsOf([...file, fac('x', 'police_station', 'UA07040010000033507'), fac('y', 'police_station', null)])).toEqual(['UA07', 'UA74']);
    expect([...oblastNames({ codes: ['UA07040010000033507', 'UA07060010000011111', 'UA74100330000029082'], oblasts: ['Волинська', 'Волинська', 'Чернігівська'] })]).toEqual([
      ['UA07', 'Волинська'],
      ['UA74', 'Чернігівська'],
    ]);
  });
});

describe('replace within the oblasts of the file', () => {
  it('drops the type only in the listed oblasts (facilities outside every hromada stay)', () => {
    const imp: FacilityImport = { fileName: 'f.csv', mode: 'replace', types: ['local_fire_department'], facilities: file, replaceScope: 'oblasts', oblasts: ['UA74'] };
    expect(applyFacilityImports(embedded, [imp]).map((f) => f.id)).toEqual(['v1', 'v2', 'k1', 'out', 'vs', 'n1', 'n2']);
  });

  it('scope country (and older imports without a scope) drop the type everywhere', () => {
    const base: FacilityImport = { fileName: 'f.csv', mode: 'replace', types: ['local_fire_department'], facilities: file };
    const expected = ['vs', 'n1', 'n2'];
    expect(applyFacilityImports(embedded, [base]).map((f) => f.id)).toEqual(expected);
    expect(applyFacilityImports(embedded, [{ ...base, replaceScope: 'country' }]).map((f) => f.id)).toEqual(expected);
  });

  it('facilityImportsOf with scope oblasts makes one replace entry per type with the oblasts of its rows', () => {
    const rows = [...file, fac('n3', 'state_fire_unit', 'UA80000000000093317', 'user:f.csv'), fac('n4', 'police_station', 'UA07040010000033507', 'user:f.csv')];
    const imps = facilityImportsOf('f.csv', rows, { local_fire_department: 'replace', state_fire_unit: 'replace' }, 'oblasts');
    expect(imps.map((i) => [i.mode, i.types, i.replaceScope, i.oblasts, i.facilities.map((f) => f.id)])).toEqual([
      ['replace', ['local_fire_department'], 'oblasts', ['UA74'], ['n1', 'n2']],
      ['replace', ['state_fire_unit'], 'oblasts', ['UA80'], ['n3']],
      ['add', ['police_station'], undefined, undefined, ['n4']],
    ]);
    // the Volyn state unit stays: the file's state unit stands in Kyiv
    const s = withFacilityImport(emptyScenario(''), 'f.csv', rows, { local_fire_department: 'replace', state_fire_unit: 'replace' }, 'oblasts');
    expect(scenarioFacilities(embedded, s).map((f) => f.id)).toEqual(['v1', 'v2', 'k1', 'out', 'vs', 'n1', 'n2', 'n3', 'n4']);
    const country = withFacilityImport(emptyScenario(''), 'f.csv', rows, { local_fire_department: 'replace', state_fire_unit: 'replace' }, 'country');
    expect(scenarioFacilities(embedded, country).map((f) => f.id)).toEqual(['n1', 'n2', 'n3', 'n4']);
  });

  it('the scope survives a scenario file; an unknown scope is refused', () => {
    const s = withFacilityImport(emptyScenario('x', '2026-01-01T00:00:00Z'), 'f.csv', file, { local_fire_department: 'replace' }, 'oblasts');
    const back = parseScenario(serializeScenario(s));
    expect(back.ok && back.scenario.facilityImports[0]).toMatchObject({ replaceScope: 'oblasts', oblasts: ['UA74'] });
    const bad = JSON.parse(serializeScenario(s)) as { facilityImports: { replaceScope: string }[] };
    bad.facilityImports[0]!.replaceScope = 'planet';
    expect(parseScenario(JSON.stringify(bad)).ok).toBe(false);
  });
});

describe('replaceRemoval (the preview)', () => {
  it('counts what replacing drops, built-in apart, per oblast, and what of the type is kept', () => {
    const r = replaceRemoval(embedded, ['local_fire_department'], { replaceScope: 'oblasts', oblasts: ['UA74', 'UA07'] });
    expect(r).toEqual({
      removed: 4,
      builtIn: 4,
      byOblast: [
        { oblast: 'UA07', n: 2 },
        { oblast: 'UA74', n: 2 },
      ],
      kept: 2,
    });
    const all = replaceRemoval(embedded, ['local_fire_department'], { replaceScope: 'country' });
    expect(all.removed).toBe(6);
    expect(all.kept).toBe(0);
    expect(all.byOblast.at(-1)).toEqual({ oblast: null, n: 1 });
  });

  it('counts earlier imports apart from built-in ones, and agrees with applyFacilityImports', () => {
    const earlier: FacilityImport = { fileName: 'a.csv', mode: 'add', types: ['local_fire_department'], facilities: [fac('a1', 'local_fire_department', 'UA74100330000029082', 'user:a.csv')] };
    const current = applyFacilityImports(embedded, [earlier]);
    const scope = { replaceScope: 'oblasts' as const, oblasts: ['UA74'] };
    const r = replaceRemoval(current, ['local_fire_department'], scope);
    expect([r.removed, r.builtIn]).toEqual([3, 2]);
    const after = applyFacilityImports(embedded, [earlier, { fileName: 'f.csv', mode: 'replace', types: ['local_fire_department'], facilities: file, ...scope }]);
    expect(current.length - (after.length - file.length)).toBe(r.removed);
  });
});
