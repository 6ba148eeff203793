import { describe, expect, it } from 'vitest';
import { CoverageEngine, DEFAULT_PARAMS, type Facility, type ModelParams } from '../../src/engine';
import { syntheticCountry } from '../../src/engine/synthetic';
import { syntheticRoads } from '../../src/engine/roads/synthetic-roads';
import type { RoadGraph } from '../../src/engine/roads/graph';

const ROAD: ModelParams = { ...structuredClone(DEFAULT_PARAMS), travelModel: 'road', includePlanned: true };

function setup(seed: number) {
  const country = syntheticCountry({ seed, demand: 300, facilities: 24, hromadas: 4, bbox: [30, 50, 30.6, 50.4] });
  const graph = syntheticRoads({
    seed,
    bbox: [30, 50, 30.45, 50.4],
    nx: 22,
    ny: 26,
    highwayEvery: 7,
    onewayShare: 0.15,
  });
  return { ...country, graph };
}

/** The engine's results equal those of a fresh engine built with the same facilities, parameters and graph (by id). */
function expectFresh(e: CoverageEngine, graph: RoadGraph, facilities: Facility[], p: ModelParams, tag: string): void {
  const fresh = new CoverageEngine(e.demand, e.hromadas, facilities, p);
  fresh.setRoadGraph(graph);
  // slot → facility id in each engine (an emptied slot stays empty in `e`)
  const idA = new Map(facilities.map((f) => [e.slotOf(f.id), f.id]));
  const idB = new Map(facilities.map((f) => [fresh.slotOf(f.id), f.id]));
  const ids = (slots: Int32Array, m: Map<number, string>) => Array.from(slots, (s) => (s < 0 ? '' : m.get(s)));
  for (const service of ['fire', 'police'] as const) {
    const a = e.coverage(service);
    const b = fresh.coverage(service);
    expect(ids(a.nearest, idA), `${tag} ${service} nearest`).toEqual(ids(b.nearest, idB));
    expect(ids(a.backup, idA), `${tag} ${service} backup`).toEqual(ids(b.backup, idB));
    expect(Array.from(a.minutes), `${tag} ${service} minutes`).toEqual(Array.from(b.minutes));
    expect(Array.from(a.backupMinutes), `${tag} ${service} backup minutes`).toEqual(Array.from(b.backupMinutes));
  }
}

describe('road labels reused across recomputes', () => {
  it('a recompute after a change that leaves the road inputs alone, or after one that does not, equals a fresh engine', () => {
    for (const seed of [3, 4]) {
      const { demand, hromadas, facilities, graph } = setup(seed);
      const e = new CoverageEngine(demand, hromadas, facilities, ROAD);
      e.setRoadGraph(graph);
      let p: ModelParams = structuredClone(ROAD);
      // a norm only: the labels are reused
      p = { ...p, normMin: { ...p.normMin, fire: { urban: 7, rural: 13 } } };
      e.setParams(p);
      expectFresh(e, graph, facilities, p, `seed ${seed} norm`);
      // a turnout: the sources' offsets change, so the labels are searched again
      const type = facilities[0]!.type;
      p = { ...p, turnoutMin: { ...p.turnoutMin, [type]: p.turnoutMin[type] + 2 } };
      e.setParams(p);
      expectFresh(e, graph, facilities, p, `seed ${seed} turnout`);
      // an edit, then a recompute with unchanged road inputs: the edited labels are not taken for the old ones
      e.removeFacility(facilities[1]!.id);
      const left = facilities.filter((f) => f.id !== facilities[1]!.id);
      p = { ...p, normMin: { ...p.normMin, fire: { urban: 9, rural: 16 } } };
      e.setParams(p);
      expectFresh(e, graph, left, p, `seed ${seed} edit then norm`);
      // speeds: the edge minutes change
      p = {
        ...p,
        roads: { ...p.roads, speeds: { ...p.roads.speeds, kmh: { ...p.roads.speeds.kmh, residential: 17 } } },
      };
      e.setParams(p);
      expectFresh(e, graph, left, p, `seed ${seed} speeds`);
    }
  });
});
