import { afterEach, describe, expect, it, vi } from 'vitest';
import { emptyScenario } from '../../src/io/scenario';
import { BOUNDARY_PART_ITEMS, createAutosaver, memoryStore, PART_ITEMS, ScenarioStore } from '../../src/state/scenario-store';

const clock = () => {
  let t = Date.UTC(2026, 0, 1);
  return () => new Date((t += 1000)).toISOString();
};
const ids = () => {
  let n = 0;
  return () => `s${++n}`;
};

describe('ScenarioStore', () => {
  it('saves and restores the working scenario exactly (including NaN, Infinity and -0)', async () => {
    const store = new ScenarioStore(memoryStore());
    expect(await store.loadCurrent()).toBeNull();
    const s = emptyScenario('work', '2026-01-01T00:00:00.000Z');
    s.params.coverageKm = Infinity;
    s.matrix = { fileName: 'm.csv', rows: [{ facilityId: 'f', demandId: 'd', minutes: -0 }] };
    await store.saveCurrent(s);
    const back = await store.loadCurrent();
    expect(back).toEqual(s);
    expect(Object.is(back!.matrix!.rows[0]!.minutes, -0)).toBe(true);
    await store.clearCurrent();
    expect(await store.loadCurrent()).toBeNull();
  });

  it('stores large lists apart, in chunks, written once; drops them when no longer used', async () => {
    const kv = memoryStore();
    let puts = 0;
    const counting = { ...kv, set: (k: string, v: unknown) => (puts++, kv.set(k, v)) };
    const store = new ScenarioStore(counting, clock(), ids());
    const facilities = Array.from({ length: PART_ITEMS * 2 + 10 }, (_, i) => ({
      id: `f${i}`,
      name: `F ${i}`,
      type: 'volunteer_fire_brigade' as const,
      status: 'opened' as const,
      lon: 30,
      lat: 50,
      hromadaCode: null,
      source: 'user:x.csv',
      sourceUrl: '',
      placement: 'user' as const,
      note: '',
    }));
    const s = emptyScenario('big');
    s.facilityImports = [{ fileName: 'x.csv', mode: 'add', types: ['volunteer_fire_brigade'], facilities }];
    await store.saveCurrent(s);
    expect(puts).toBe(4); // 3 chunks + current
    const parts = () => [...kv.map.keys()].filter((k) => k.startsWith('part:'));
    expect(parts()).toHaveLength(3);
    // a parameter change writes only the small rest
    s.params = { ...s.params, coverageKm: 7 };
    await store.saveCurrent({ ...s });
    expect(puts).toBe(5);
    // a fresh page restores it exactly, and the restored list is not written again
    const again = new ScenarioStore(counting, clock(), ids());
    const back = await again.loadCurrent();
    expect(back).toEqual(s);
    await again.saveCurrent(back!);
    expect(puts).toBe(6);
    // removing the import deletes its parts
    await again.saveCurrent({ ...back!, facilityImports: [] });
    expect(parts()).toEqual([]);
    expect((await again.loadCurrent())!.facilityImports).toEqual([]);
  });

  it('stores imported boundaries apart in small chunks, and reads a scenario saved before them', async () => {
    const kv = memoryStore();
    const store = new ScenarioStore(kv, clock(), ids());
    const ring = [
      [30, 50],
      [31, 50],
      [31, 51],
      [30, 50],
    ];
    const rows = Array.from({ length: BOUNDARY_PART_ITEMS + 1 }, (_, i) => ({
      code: `UA${i}`,
      name: `Г ${i}`,
      oblast: '',
      geometry: { type: 'Polygon' as const, coordinates: [ring] },
      bbox: [30, 50, 31, 51] as [number, number, number, number],
    }));
    const s = { ...emptyScenario('b'), boundaries: { fileName: 'b.geojson', mode: 'replace' as const, rows } };
    await store.saveCurrent(s);
    expect([...kv.map.keys()].filter((k) => k.startsWith('part:'))).toHaveLength(2);
    expect(await new ScenarioStore(kv).loadCurrent()).toEqual(s);
    const { boundaries: _, ...old } = emptyScenario('old');
    kv.map.set('current', old);
    expect((await new ScenarioStore(kv).loadCurrent())!.boundaries).toBeNull();
  });

  it('keeps an imported territory list with the working and named scenarios; older saves read it as the built-in list', async () => {
    const kv = memoryStore();
    const store = new ScenarioStore(kv, clock(), ids());
    const territory = {
      fileName: 'list.csv',
      listName: 'list.csv',
      listDate: '2025-02-28',
      rows: [{ code: 'UA05020010000053508', name: 'Агрономічна', status: 'occupied' as const, listed: 'occupied' as const, start: '2022-03-01', end: null }],
    };
    const s = { ...emptyScenario('t'), territory };
    await store.saveCurrent(s);
    expect((await new ScenarioStore(kv).loadCurrent())!.territory).toEqual(territory);
    const info = await store.save('named', s);
    expect((await store.get(info.id))!.territory).toEqual(territory);
    const { territory: _, ...old } = emptyScenario('old');
    kv.map.set('current', old);
    expect((await new ScenarioStore(kv).loadCurrent())!.territory).toBeNull();
  });

  it('ignores a stored value that is not a scenario', async () => {
    const kv = memoryStore();
    kv.map.set('current', { format: 'something-else' });
    expect(await new ScenarioStore(kv).loadCurrent()).toBeNull();
  });

  it('saves, lists (newest first), renames, duplicates and deletes named scenarios', async () => {
    const store = new ScenarioStore(memoryStore(), clock(), ids());
    const a = await store.save('A', emptyScenario('x'));
    const b = await store.save('B', emptyScenario('y'));
    expect((await store.list()).map((i) => i.name)).toEqual(['B', 'A']);
    expect((await store.get(a.id))!.name).toBe('A');
    await store.rename(a.id, 'A2');
    expect((await store.list()).map((i) => i.name)).toEqual(['A2', 'B']);
    expect((await store.get(a.id))!.name).toBe('A2');
    const c = await store.duplicate(b.id, 'B copy');
    expect(c).not.toBeNull();
    expect(c!.id).not.toBe(b.id);
    expect((await store.get(c!.id))!.name).toBe('B copy');
    await store.remove(b.id);
    expect((await store.list()).map((i) => i.name).sort()).toEqual(['A2', 'B copy']);
    expect(await store.get(b.id)).toBeNull();
    expect(await store.duplicate('missing', 'z')).toBeNull();
  });

  it('loses no entry when saves run concurrently', async () => {
    const store = new ScenarioStore(memoryStore(), clock(), ids());
    await Promise.all(Array.from({ length: 10 }, (_, i) => store.save(`n${i}`, emptyScenario(''))));
    expect((await store.list()).length).toBe(10);
  });
});

describe('createAutosaver', () => {
  afterEach(() => vi.useRealTimers());

  it('saves only the latest value, once, after the delay', async () => {
    vi.useFakeTimers();
    const saved: number[] = [];
    const saver = createAutosaver<number>(async (v) => void saved.push(v), 300);
    saver.schedule(1);
    saver.schedule(2);
    vi.advanceTimersByTime(200);
    saver.schedule(3);
    vi.advanceTimersByTime(299);
    expect(saved).toEqual([]);
    vi.advanceTimersByTime(1);
    await saver.flush();
    expect(saved).toEqual([3]);
    expect(saver.pending).toBe(false);
  });

  it('flush saves a pending value at once (tab hidden or closing) and reports errors', async () => {
    vi.useFakeTimers();
    const saved: string[] = [];
    const errors: unknown[] = [];
    const saver = createAutosaver<string>(
      async (v) => {
        if (v === 'bad') throw new Error('quota');
        saved.push(v);
      },
      1000,
      (e) => errors.push(e),
    );
    saver.schedule('bad');
    await saver.flush();
    saver.schedule('good');
    expect(saver.pending).toBe(true);
    await saver.flush();
    expect(saved).toEqual(['good']);
    expect(errors).toHaveLength(1);
  });
});
