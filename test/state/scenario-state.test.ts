import { describe, expect, it } from 'vitest';
import type { Facility } from '../../src/engine/types';
import type { FacilityEdit } from '../../src/io/scenario';
import { applyFacilityEdit, applyFacilityImports, latestListDate, sameStatus, scenarioFacilities, territoryInUse } from '../../src/state/scenario-state';

const fac = (id: string, type: Facility['type'], lon = 30, hromadaCode: string | null = 'UA-A'): Facility => ({
  id,
  name: id,
  type,
  status: 'opened',
  lon,
  lat: 50,
  hromadaCode,
  source: 'x',
  sourceUrl: '',
  placement: 'user',
  note: '',
});

const embedded = [fac('a', 'state_fire_unit'), fac('b', 'local_fire_department'), fac('c', 'police_station')];

describe('scenario facilities', () => {
  it('applies imports in order: replace drops that type, a later row with the same id wins', () => {
    const list = applyFacilityImports(embedded, [
      { fileName: '1.csv', mode: 'replace', types: ['local_fire_department'], facilities: [fac('n1', 'local_fire_department')] },
      { fileName: '2.csv', mode: 'add', types: ['state_fire_unit'], facilities: [fac('a', 'state_fire_unit', 31)] },
    ]);
    expect(list.map((f) => [f.id, f.lon])).toEqual([
      ['c', 30],
      ['n1', 30],
      ['a', 31],
    ]);
  });

  it('an import longer than the list replaces the same ids as a short one (either side may be the larger)', () => {
    const big = [fac('x1', 'state_fire_unit', 32), fac('b', 'state_fire_unit', 33), fac('x2', 'police_station'), fac('x3', 'police_station'), fac('x4', 'police_station')];
    const list = applyFacilityImports(embedded, [{ fileName: 'big.csv', mode: 'add', types: ['state_fire_unit', 'police_station'], facilities: big }]);
    expect(list.map((f) => f.id)).toEqual(['a', 'c', 'x1', 'b', 'x2', 'x3', 'x4']);
    expect(list.find((f) => f.id === 'b')!.lon).toBe(33);
    // no shared id: the embedded list first, untouched, then the import
    const apart = applyFacilityImports(embedded, [{ fileName: 'big.csv', mode: 'add', types: [], facilities: big.filter((f) => f.id !== 'b') }]);
    expect(apart.map((f) => f.id)).toEqual(['a', 'b', 'c', 'x1', 'x2', 'x3', 'x4']);
    expect(apart[0]).toBe(embedded[0]);
    // a short import over that longer list
    const again = applyFacilityImports(apart, [{ fileName: 'one.csv', mode: 'add', types: [], facilities: [fac('x2', 'police_station', 34)] }]);
    expect(again.map((f) => f.id)).toEqual(['a', 'b', 'c', 'x1', 'x3', 'x4', 'x2']);
  });

  it('applies add, move, update and remove edits in order and ignores unknown ids', () => {
    const edits: FacilityEdit[] = [
      { op: 'add', facility: fac('x', 'volunteer_fire_brigade') },
      { op: 'move', id: 'x', lon: 32, lat: 49 },
      { op: 'update', id: 'x', changes: { type: 'local_fire_department' } },
      { op: 'remove', id: 'a' },
      { op: 'remove', id: 'nope' },
    ];
    const list = scenarioFacilities(embedded, { facilityImports: [], facilityEdits: edits });
    expect(list.map((f) => f.id)).toEqual(['b', 'c', 'x']);
    expect(list[2]).toMatchObject({ type: 'local_fire_department', lon: 32, lat: 49, hromadaCode: 'UA-A' });
  });

  it('a moved facility takes the hromada of its new point when a locator is given', () => {
    const locate = (lon: number) => (lon > 31 ? 'UA-B' : lon > 29 ? 'UA-A' : null);
    const moved = applyFacilityEdit(embedded, { op: 'move', id: 'b', lon: 31.5, lat: 50 }, locate);
    expect(moved[1]!.hromadaCode).toBe('UA-B');
    expect(applyFacilityEdit(embedded, { op: 'move', id: 'b', lon: 20, lat: 50 }, locate)[1]!.hromadaCode).toBeNull();
    expect(applyFacilityEdit(embedded, { op: 'move', id: 'b', lon: 31.5, lat: 50 })[1]!.hromadaCode).toBe('UA-A');
  });

  it('a scenario that changes nothing gives the embedded list itself (the worker already has it), one that changes anything a new list', () => {
    expect(scenarioFacilities(embedded, { facilityImports: [], facilityEdits: [] })).toBe(embedded);
    const edited = scenarioFacilities(embedded, { facilityImports: [], facilityEdits: [{ op: 'remove', id: 'nope' }] });
    expect(edited).not.toBe(embedded);
    expect(edited).toEqual(embedded);
  });

  it('prevents input mutation', () => {
    const before = JSON.stringify(embedded);
    scenarioFacilities(embedded, { facilityImports: [], facilityEdits: [{ op: 'move', id: 'a', lon: 1, lat: 2 }, { op: 'remove', id: 'b' }] });
    expect(JSON.stringify(embedded)).toBe(before);
  });
});

describe('territory list in use', () => {
  const hromadas = { count: 3, codes: ['UA1', 'UA2', 'UA3'] };
  const builtIn = Uint8Array.from([0, 3, 1]);
  it('built-in: the table’s own status, named by the manifest', () => {
    const u = territoryInUse(null, hromadas, builtIn, { list: 'KSE 2022', date: '2022-11-23' });
    expect(u).toMatchObject({ listName: 'KSE 2022', listDate: '2022-11-23', source: 'built-in', occupied: 1, missing: 0 });
    expect(u.status).toBe(builtIn);
  });
  it('imported: rows re-applied by code, unnamed hromadas none, unknown codes counted', () => {
    const rows = [
      { code: 'UA1', name: '', status: 'occupied' as const, listed: 'occupied' as const, start: '2022-03-01', end: null },
      { code: 'UA9', name: '', status: 'hostilities' as const, listed: 'hostilities' as const, start: null, end: null },
    ];
    const u = territoryInUse({ fileName: 'list.csv', listName: 'list.csv', listDate: '2025-02-28', rows }, hromadas, builtIn, { list: 'KSE', date: null });
    expect([...u.status]).toEqual([3, 0, 0]);
    expect(u).toMatchObject({ source: 'list.csv', listDate: '2025-02-28', occupied: 1, missing: 1 });
    expect(sameStatus(u.status, Uint8Array.from([3, 0, 0]))).toBe(true);
    expect(sameStatus(u.status, builtIn)).toBe(false);
  });
  it('list date: the latest start or end date not after today', () => {
    const r = (start: string | null, end: string | null) => ({ start, end });
    expect(latestListDate([r('2022-03-01', null), r('2023-01-10', '2024-05-01'), r('2030-01-01', null)], '2025-06-01')).toBe('2024-05-01');
    expect(latestListDate([r(null, null)], '2025-06-01')).toBeNull();
  });
});
