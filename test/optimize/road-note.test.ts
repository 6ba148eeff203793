import { describe, expect, it } from 'vitest';
import { CoverageEngine, DEFAULT_PARAMS, type ModelParams } from '../../src/engine';
import { bestMinutes } from '../../src/engine/norms';
import { buildPointsProblem } from '../../src/engine/optimize';
import { parseRoadNote, roadNoteText, type RoadNoteInfo } from '../../src/engine/optimize/road-note';
import { syntheticRoads } from '../../src/engine/roads/synthetic-roads';
import { syntheticCountry } from '../../src/engine/synthetic';

// SYNTHETIC demand and roads (not real data).
const ROAD: ModelParams = { ...structuredClone(DEFAULT_PARAMS), travelModel: 'road' };

describe('the road note as figures', () => {
  it('reads back the note buildPointsProblem writes, word for word', () => {
    const { demand, hromadas, facilities } = syntheticCountry({ seed: 3, bbox: [28.0, 48.9, 28.9, 49.4], demand: 200, facilities: 4, hromadas: 4 });
    const engine = new CoverageEngine(demand, hromadas, facilities, ROAD);
    engine.setRoadGraph(syntheticRoads({ seed: 3, bbox: [28.0, 48.9, 28.6, 49.4], nx: 12, ny: 10 }));
    const p = buildPointsProblem({
      demand,
      hromadas,
      current: bestMinutes(engine, 'fire'),
      params: ROAD,
      service: 'fire',
      type: 'local_fire_department',
      objective: 'coverage',
      includeOccupied: true,
      road: engine.roadModel(),
    });
    const notes = p.notes!.filter((n) => parseRoadNote(n) !== null);
    expect(notes.length).toBe(1);
    const info = parseRoadNote(notes[0]!)!;
    expect(info).toMatchObject({ source: 'synthetic', sitesKind: 'candidates', offRoadKmh: ROAD.roads.offRoadKmh, snapMaxKm: ROAD.roads.snapMaxKm, demand: p.demand.count, sites: p.candidates.count });
    expect(info.demandOnGraph).toBeGreaterThan(0);
    expect(info.demandOnGraph).toBeLessThan(info.demand);
    expect(roadNoteText(info)).toBe(notes[0]);
  });

  it('round-trips the closures wording, an unknown source and an OSM date; other notes are not road notes', () => {
    const a: RoadNoteInfo = { source: 'ukraine (1).osm.pbf', osmTimestamp: '2026-11-30T21:00:00Z', offRoadKmh: 12.5, snapMaxKm: 1.5, sitesKind: 'units', sitesOnGraph: 7, sites: 9, demandOnGraph: 1200, demand: 1500 };
    expect(parseRoadNote(roadNoteText(a))).toEqual(a);
    const b: RoadNoteInfo = { ...a, source: '', osmTimestamp: '', sitesKind: 'candidates' };
    expect(roadNoteText(b)).toMatch(/graph from unknown\)/);
    expect(parseRoadNote(roadNoteText(b))).toEqual(b);
    expect(parseRoadNote('Local search stopped at its time budget.')).toBeNull();
    expect(parseRoadNote('Travel model: ROAD NETWORK from x.graph (built from y)')).toBeNull();
  });
});
