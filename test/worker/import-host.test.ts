import { describe, expect, it } from 'vitest';
import { buildImportContext } from '../../src/io/context';
import { emptyScenario, serializeScenario } from '../../src/io/scenario';
import type { Facility } from '../../src/engine/types';
import { attachImportHost, createImportHost, PREVIEW_ISSUES, ROWS_CHUNK } from '../../src/worker/import-host';
import { ImportClient } from '../../src/worker/import-client';
import { fakeWorkerPair } from './fake-worker';

const host = () => createImportHost(() => Promise.resolve(buildImportContext({})));
const CSV = 'id;name;type;lat;lon\na;<b>A</b>;МПО;50,45;30,52\nb;B;МПО;abc;30\nc;C;ДПК;30,52;50,45\n';

describe('import host', () => {
  it('previews a facilities file: kind, counts, swapped rows, type counts, a sample; rows stay until asked', async () => {
    const h = host();
    const p = await h.import({ file: CSV, fileName: 'f.csv', kind: null, facilityIds: [] });
    expect(p).toMatchObject({ kind: 'facilities', fileError: null, rowCount: 1, rejectedCount: 2, swappedCount: 1, typeCounts: { local_fire_department: 1 } });
    expect(p.rejected.map((i) => [i.row, i.code])).toEqual([
      [3, 'non_numeric_coordinates'],
      [4, 'swapped_lat_lon'],
    ]);
    expect(p.rejected.every((i) => Object.keys(i.raw).length === 0)).toBe(true);
    expect(p.sample[0]).toMatchObject({ id: 'a', name: '<b>A</b>', type: 'local_fire_department' });
    const rows = h.rows(p.token) as Facility[];
    expect(rows.map((f) => f.id)).toEqual(['a']);
    const csv = h.rejectedCsv(p.token);
    expect(csv.startsWith('\uFEFFrow,reason,field,detail')).toBe(true);
    expect(csv).toContain('swapped_lat_lon');
    h.drop(p.token);
    expect(() => h.rows(p.token)).toThrow(/dropped/);
  });

  it('fixes swapped lat/lon on request', async () => {
    const p = await host().import({ file: CSV, fileName: 'f.csv', kind: 'facilities', fixSwapped: true, facilityIds: [] });
    expect(p.rowCount).toBe(2);
    expect(p.swappedCount).toBe(0);
    expect(p.flagged.map((i) => i.code)).toContain('swapped_lat_lon');
  });

  it('reads the file as the kind the user chose', async () => {
    const p = await host().import({ file: 'facility_id,demand_id,minutes\nf1,d1,5\n', fileName: 'm.csv', kind: 'matrix', facilityIds: ['f2'] });
    expect(p.kind).toBe('matrix');
    expect(p.rejected.map((i) => i.code)).toEqual(['unknown_facility_id']);
  });

  it('recognises a scenario file and returns it parsed', async () => {
    const s = emptyScenario('мій', '2026-01-01T00:00:00.000Z');
    s.params.coverageKm = Infinity;
    const p = await host().import({ file: serializeScenario(s), fileName: 's.json', kind: null, facilityIds: [] });
    expect(p.kind).toBe('scenario');
    expect(p.scenario).toEqual(s);
  });

  it('gives one file error for an empty file and caps the preview lists', async () => {
    const empty = await host().import({ file: '', fileName: 'e.csv', kind: null, facilityIds: [] });
    expect(empty.fileError).not.toBeNull();
    const many = ['id,type,lat,lon', ...Array.from({ length: PREVIEW_ISSUES + 20 }, (_, i) => `x${i},МПО,abc,30`)].join('\n');
    const p = await host().import({ file: many, fileName: 'm.csv', kind: 'facilities', facilityIds: [] });
    expect(p.rejectedCount).toBe(PREVIEW_ISSUES + 20);
    expect(p.rejected.length).toBe(PREVIEW_ISSUES);
  });
});

describe('import client over the worker protocol', () => {
  it('fetches many rows in ROWS_CHUNK-row messages and joins them in order', async () => {
    const { worker, scope } = fakeWorkerPair();
    attachImportHost(scope, host());
    const client = new ImportClient(worker as typeof worker & { terminate(): void });
    const n = ROWS_CHUNK * 2 + 7;
    const csv = ['id,type,lat,lon', ...Array.from({ length: n }, (_, i) => `x${i},МПО,50.${i},30.5`)].join('\n');
    const p = await client.import({ file: csv, fileName: 'many.csv', kind: 'facilities', facilityIds: [] });
    expect(p.rowCount).toBe(n);
    const before = scope.posted;
    const rows = await client.rows<Facility>(p.token);
    expect(scope.posted - before).toBe(3);
    expect(rows.map((f) => f.id)).toEqual(Array.from({ length: n }, (_, i) => `x${i}`));
    // a small answer is one message, and errors still arrive
    const few = await client.import({ file: CSV, fileName: 'f.csv', kind: null, facilityIds: [] });
    expect((await client.rows<Facility>(few.token)).map((f) => f.id)).toEqual(['a']);
    await client.drop(few.token);
    await expect(client.rows(few.token)).rejects.toThrow(/dropped/);
    client.terminate();
  });
});
