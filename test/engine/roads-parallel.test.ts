/**
 * Full road searches on a helper thread (src/engine/roads/parallel.ts): an engine whose two services' searches run at
 * once on a real worker thread gives exactly the results of one that runs them one after the other, across recomputes
 * and edits; and a helper that never picks a job up, fails it or stalls costs nothing but time.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { CoverageEngine, DEFAULT_PARAMS, type Facility, type ModelParams } from '../../src/engine';
import { syntheticCountry } from '../../src/engine/synthetic';
import { syntheticRoads } from '../../src/engine/roads/synthetic-roads';
import {
  JOB_FAILED,
  JOB_RUNNING,
  SearchThread,
  type Top2Job,
  type Top2Message,
} from '../../src/engine/roads/parallel';
import { startSearchThread, type NodeSearchThread } from '../../src/cli/search-thread';

const ROAD: ModelParams = { ...structuredClone(DEFAULT_PARAMS), travelModel: 'road', includePlanned: true };

function setup() {
  const country = syntheticCountry({ seed: 7, demand: 4000, facilities: 80, hromadas: 12, bbox: [30, 50, 31.2, 50.8] });
  const graph = syntheticRoads({ seed: 7, bbox: [30, 50, 31.1, 50.8], nx: 140, ny: 110, highwayEvery: 12 });
  return { ...country, graph };
}

/** The same country and graph attached to an engine that uses `thread` (a) and to one that does not (b). */
function enginePair(thread: SearchThread) {
  const { demand, hromadas, facilities, graph } = setup();
  const a = new CoverageEngine(demand, hromadas, facilities, ROAD);
  a.useSearchThread(thread);
  a.setRoadGraph(graph);
  const b = new CoverageEngine(demand, hromadas, facilities, ROAD);
  b.setRoadGraph(graph);
  return { a, b, facilities };
}

function snapshot(e: CoverageEngine): unknown {
  return (['fire', 'police'] as const).map((s) => {
    const c = e.coverage(s);
    return [Array.from(c.nearest), Array.from(c.backup), Array.from(c.minutes), Array.from(c.backupMinutes)];
  });
}

async function until(ok: () => boolean): Promise<void> {
  for (let t = 0; t < 400 && !ok(); t++) await new Promise((r) => setTimeout(r, 25));
  expect(ok()).toBe(true);
}

/** Runs the same sequence of changes on an engine with `thread` and on one without; compares after each step. */
function sameAsOneThread(thread: SearchThread): void {
  const { a, b, facilities } = enginePair(thread);
  expect(snapshot(a), 'attach').toEqual(snapshot(b));
  let p = structuredClone(ROAD);
  p = { ...p, turnoutMin: { ...p.turnoutMin, [facilities[0]!.type]: p.turnoutMin[facilities[0]!.type] + 3 } };
  a.setParams(p);
  b.setParams(p);
  expect(snapshot(a), 'turnout').toEqual(snapshot(b));
  const extra: Facility = { ...facilities[3]!, id: 'extra', lon: 30.55, lat: 50.41, status: 'planned' };
  a.addFacility(extra);
  b.addFacility(extra);
  expect(snapshot(a), 'add').toEqual(snapshot(b));
  a.removeFacility(facilities[5]!.id);
  b.removeFacility(facilities[5]!.id);
  expect(snapshot(a), 'remove').toEqual(snapshot(b));
  p = { ...p, roads: { ...p.roads, speeds: { ...p.roads.speeds, builtUpFactor: 0.7 } } };
  a.setParams(p);
  b.setParams(p);
  expect(snapshot(a), 'speeds').toEqual(snapshot(b));
  expect(Array.from(a.roadNodeMinutes('police')!)).toEqual(Array.from(b.roadNodeMinutes('police')!));
}

/** A stand-in helper: says it listens, then treats each job with `job`. */
function fakeThread(job: (state: Int32Array) => void, opts = { pickupMs: 5, stallMs: 30 }): SearchThread {
  return new SearchThread((m: Top2Message) => {
    if (m.kind === 'hello') Atomics.store(m.ready, 0, 1);
    else job(m.state);
  }, opts);
}

describe('road searches on a helper thread', () => {
  let node: NodeSearchThread | null = null;
  afterAll(async () => {
    await node?.close();
  });

  it('a real worker thread gives the results of one thread, across recomputes and edits', async () => {
    node = startSearchThread();
    expect(node).not.toBeNull();
    const t = node!.thread;
    await until(() => t.available);
    sameAsOneThread(t);
    // the helper did the searches it was given: one service's at the attach and at the speeds change (a fire
    // station's turnout changes only the fire search, which then runs here alone)
    expect(t.counts.done).toBe(2);
    expect(t.counts.local).toBe(0);
  });

  it('a job the helper never picks up is taken back and searched here', () => {
    const t = fakeThread(() => {});
    sameAsOneThread(t);
    expect(t.counts.posted).toBe(2);
    expect(t.counts.local).toBe(t.counts.posted);
    expect(t.counts.done).toBe(0);
  });

  it('a job the helper fails is searched again here', () => {
    const t = fakeThread((st) => {
      Atomics.store(st, 0, JOB_FAILED);
      Atomics.notify(st, 0);
    });
    sameAsOneThread(t);
    expect(t.counts.local).toBe(t.counts.posted);
  });

  it('a helper that stalls mid-search is given up for good, and the labels it held are replaced', () => {
    const t = fakeThread((st) => Atomics.store(st, 0, JOB_RUNNING));
    sameAsOneThread(t);
    expect(t.broken).toBe(true);
    expect(t.counts.posted).toBe(1);
  });

  it('a stalled helper that writes its labels after all changes nothing (they were replaced)', () => {
    const late: Top2Job[] = [];
    const t = new SearchThread(
      (m: Top2Message) => {
        if (m.kind === 'hello') Atomics.store(m.ready, 0, 1);
        else {
          Atomics.store(m.state, 0, JOB_RUNNING);
          late.push(m);
        }
      },
      { pickupMs: 5, stallMs: 30 },
    );
    const { a, b, facilities } = enginePair(t);
    expect([t.broken, late.length]).toEqual([true, 1]);
    // the helper wakes up and writes the job's labels
    const j = late[0]!;
    j.s1.fill(0);
    j.s2.fill(0);
    j.d1.fill(0);
    j.d2.fill(0);
    for (const s of ['fire', 'police'] as const)
      expect(Array.from(a.roadNodeMinutes(s)!)).toEqual(Array.from(b.roadNodeMinutes(s)!));
    // edits update the labels incrementally from what they hold
    a.removeFacility(facilities[5]!.id);
    b.removeFacility(facilities[5]!.id);
    expect(snapshot(a)).toEqual(snapshot(b));
  });

  it('without a helper ready, nothing is posted', () => {
    const t = new SearchThread(() => {});
    sameAsOneThread(t);
    expect(t.counts.posted).toBe(0);
  });
});
