import { describe, expect, it } from 'vitest';
import { closuresPlanResult, CLOSURE_NOTES } from '../../src/engine/optimize';
import { roadNoteText, type RoadNoteInfo } from '../../src/engine/optimize/road-note';
import { makeT } from '../../src/i18n';
import { closuresCsv } from '../../src/ui/planner/plan-export';
import { notesWithoutRoad, roadNoteLine, roadNoteOf } from '../../src/ui/planner/road-note-text';

const INFO: RoadNoteInfo = { source: 'ukraine.osm.pbf', osmTimestamp: '2026-11-30T21:00:00Z', offRoadKmh: 15, snapMaxKm: 2, sitesKind: 'units', sitesOnGraph: 1234, sites: 1300, demandOnGraph: 29000, demand: 29711 };

describe('the planner words the road note in the page language', () => {
  const notes = ['Local search stopped at its time budget.', roadNoteText(INFO)];

  it('reads the figures back and takes the note out of the English solver notes', () => {
    expect(roadNoteOf(notes)).toEqual(INFO);
    expect(notesWithoutRoad(notes)).toEqual(['Local search stopped at its time budget.']);
    expect(roadNoteOf(['Local search stopped at its time budget.'])).toBeNull();
  });

  it('Ukrainian and English, every figure in its place', () => {
    const uk = roadNoteLine(makeT('uk'), 'uk', INFO);
    expect(uk).toContain('дорожня мережа (граф ukraine.osm.pbf, дані OSM на ');
    expect(uk).toContain('(15 км/год)');
    expect(uk).toContain('Не далі 2 км від вузла дороги');
    expect(uk).toMatch(/1\s234 з 1\s300 підрозділів у рейтингу і 29\s000 з 29\s711 одиниць попиту/);
    expect(uk).not.toMatch(/\{|\}/);
    const en = roadNoteLine(makeT('en'), 'en', { ...INFO, source: '', osmTimestamp: '', sitesKind: 'candidates', offRoadKmh: 12.5 });
    expect(en).toBe(
      'Travel-time model: road network (graph from an unknown file). Time = turnout + off-road legs (12.5 km/h) + road minutes between the nearest nodes. Within 2 km of a road node: 1,234 of 1,300 candidate sites and 29,000 of 29,711 demand units; pairs with either end off the graph use the straight line.',
    );
  });

  it('the closures export says the times are by road and carries the note', () => {
    const meta = { type: 'local_fire_department' as const, scope: 'country', estimatedInputs: [], attribution: [], hromadaName: () => '', generatedAt: '2026-12-03T00:00:00Z' };
    const road = closuresCsv([], closuresPlanResult([], { timeMs: 1, notes: [...CLOSURE_NOTES, roadNoteText(INFO)] }), meta);
    expect(road).toContain('modelled by the road network');
    expect(road).toContain('Travel model: ROAD NETWORK (graph from ukraine.osm.pbf');
    const straight = closuresCsv([], closuresPlanResult([], { timeMs: 1 }), meta);
    expect(straight).toContain('straight line × detour');
    expect(straight).not.toContain('ROAD NETWORK');
  });
});
