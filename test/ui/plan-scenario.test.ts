/**
 * The planner panel's pure parts for the issue-14 objectives: "add to scenario" (budget sites with their own types as
 * planned stations, relocations as move edits, nothing for a closure ranking), the request's objective fields, and
 * the CSV downloads of moves and of a closure ranking.
 */
import { describe, expect, it } from 'vitest';
import type { ClosureRow, Move, PlanResult, ProposedSite } from '../../src/engine/optimize';
import { DEFAULT_PARAMS } from '../../src/engine/types';
import { planEdits } from '../../src/ui/planner/plan-scenario';
import { objectiveFields } from '../../src/ui/planner/OptimizerForm';
import { closuresCsv, closuresGeoJson, movesCsv, planSitesCsv, type PlanExportMeta } from '../../src/ui/planner/plan-export';
import { closureColor } from '../../src/map/layers/closures';

const site = (rank: number, patch: Partial<ProposedSite> = {}): ProposedSite => ({
  rank,
  candidate: rank,
  id: `s${rank}`,
  name: `Site ${rank}`,
  hromadaCode: 'UA1',
  type: null,
  lon: 30 + rank,
  lat: 50,
  marginal: 100 * rank,
  cumulativeCovered: 1000,
  cumulativeShare: 0.5,
  cumulativeMeanCost: NaN,
  estimatedShare: 0,
  estimated: false,
  ...patch,
});

function result(patch: Partial<PlanResult>): PlanResult {
  return {
    objective: 'coverage',
    method: 'heuristic',
    objectiveValue: 0,
    improvement: 0,
    gap: null,
    bound: null,
    status: 'heuristic',
    sites: [],
    curve: [],
    scope: { demandCount: 0, weight: 0, coveredBefore: 0, coveredAfter: 0, coveredCountAfter: 0, uncoveredCountAfter: 0, meanCostBefore: NaN, meanCostAfter: NaN, unreachedCount: 0 },
    unreachable: [],
    unreachableWeight: 0,
    reduced: { demand: 0, candidates: 0, pairs: 0 },
    timeMs: 0,
    notes: [],
    ...patch,
  };
}

const move = (rank: number): Move => ({
  rank,
  fromId: `fu-${rank}`,
  fromName: `Unit ${rank}`,
  fromLon: 30,
  fromLat: 50,
  toId: `UA-${rank}`,
  toName: `Village ${rank}`,
  toHromadaCode: 'UA2',
  toLon: 31.1234567,
  toLat: 50.7654321,
  gain: 500 / rank,
  cumulativeCovered: 1000 + rank,
});

const meta: PlanExportMeta = {
  type: 'local_fire_department',
  scope: 'oblast: Волинська',
  estimatedInputs: [],
  attribution: ['KSE'],
  hromadaName: (c) => (c === 'UA1' ? 'Перша' : c === 'UA2' ? 'Друга' : ''),
  generatedAt: '2025-01-01T00:00:00Z',
};

describe('planEdits', () => {
  it('budget: each site becomes a planned station of its own type', () => {
    const r = result({
      objective: 'budget',
      sites: [site(1, { type: 'security_center', cost: 2.65, perCost: 900 }), site(2, { type: 'local_fire_department', cost: 1.5 }), site(3, { lon: NaN })],
      budget: { budget: 5, spent: 4.15 },
    });
    const edits = planEdits(r, 'volunteer_fire_brigade');
    expect(edits.map((e) => e.op)).toEqual(['add', 'add']);
    const fs = edits.map((e) => (e.op === 'add' ? e.facility : null));
    expect(fs.map((f) => f?.type)).toEqual(['security_center', 'local_fire_department']);
    expect(fs.every((f) => f?.status === 'planned' && f.source === 'user:plan')).toBe(true);
    expect(fs.map((f) => [f?.lon, f?.lat])).toEqual([
      [31, 50],
      [32, 50],
    ]);
  });

  it('sites without a type take the request’s', () => {
    const edits = planEdits(result({ objective: 'expected-coverage', sites: [site(1)] }), 'local_fire_department');
    expect(edits[0]?.op === 'add' && edits[0].facility.type).toBe('local_fire_department');
  });

  it('relocate: one move edit per move, to the new site (rounded to 1e-6°)', () => {
    const edits = planEdits(result({ objective: 'relocate', sites: [site(1)], moves: [move(1), move(2)] }), 'local_fire_department');
    expect(edits).toEqual([
      { op: 'move', id: 'fu-1', lon: 31.123457, lat: 50.765432 },
      { op: 'move', id: 'fu-2', lon: 31.123457, lat: 50.765432 },
    ]);
  });

  it('closures: a ranking adds nothing', () => {
    expect(planEdits(result({ objective: 'closures' }), 'local_fire_department')).toEqual([]);
  });
});

describe('objectiveFields', () => {
  const f = { n: 4.6, target: 95, moveCount: 2.2, closuresType: '' as const, budget: 12, budgetTypes: ['security_center', 'local_fire_department'] as const };
  it('sends only what the objective uses; budget types only with a known cost', () => {
    expect(objectiveFields('coverage', f, DEFAULT_PARAMS)).toEqual({ newFacilities: 5, targetShare: 0.95 });
    expect(objectiveFields('relocate', f, DEFAULT_PARAMS).moveCount).toBe(2);
    expect(objectiveFields('closures', f, DEFAULT_PARAMS).closuresType).toBeNull();
    expect(objectiveFields('closures', { ...f, closuresType: 'volunteer_fire_brigade' }, DEFAULT_PARAMS).closuresType).toBe('volunteer_fire_brigade');
    const b = objectiveFields('budget', f, DEFAULT_PARAMS);
    expect(b.budget).toBe(12);
    expect(b.budgetTypes).toEqual(['security_center']);
    const p = structuredClone(DEFAULT_PARAMS);
    p.costMUah.local_fire_department = 1.5;
    expect(objectiveFields('budget', f, p).budgetTypes).toEqual(['security_center', 'local_fire_department']);
  });
});

describe('plan exports of the new objectives', () => {
  it('budget sites carry their type, cost and people per million UAH', () => {
    const r = result({ objective: 'budget', sites: [site(1, { type: 'security_center', cost: 2.65, perCost: 900 })], budget: { budget: 5, spent: 2.65 } });
    const lines = planSitesCsv(r, meta).split('\r\n');
    expect(lines[0]).toMatch(/,cost_muah,people_per_muah,note$/);
    expect(lines[1]).toContain(',security_center,');
    expect(lines[1]).toContain(',2.65,900,');
    expect(lines.some((l) => l.includes('Budget 5 million UAH, spent 2.65'))).toBe(true);
  });

  it('moves: from → to with the gain', () => {
    const csv = movesCsv(result({ objective: 'relocate', moves: [move(1)] }), meta);
    const [head, first] = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(head).toBe('rank,from_id,from_name,from_lon,from_lat,to_id,to_name,to_hromada_code,to_hromada,to_lon,to_lat,gain,cumulative_covered');
    expect(first).toBe('1,fu-1,Unit 1,30,50,UA-1,Village 1,UA2,Друга,31.1234567,50.7654321,500,1001');
  });

  it('closures: the CLI’s columns plus the hromada name; GeoJSON coloured by loss', () => {
    const rows: ClosureRow[] = [
      { rank: 1, slot: 4, id: 'fu-4', name: 'A', type: 'state_fire_unit', hromadaCode: 'UA1', lon: 30, lat: 50, loss: 800, lossInScope: 700, unitsLost: 3, expectedLoss: 420.5, firstDue: 2000, assumed: false },
      { rank: 2, slot: 5, id: 'fu-5', name: 'B', type: 'state_fire_unit', hromadaCode: null, lon: 31, lat: 50, loss: 0, lossInScope: 0, unitsLost: 0, expectedLoss: 3, firstDue: 10, assumed: true },
    ];
    const r = result({ objective: 'closures' });
    const [head, a, b] = closuresCsv(rows, r, meta).replace(/^\uFEFF/, '').split('\r\n');
    expect(head).toBe('rank,id,name,type,hromada_code,hromada,lon,lat,loss,loss_in_scope,units_lost,expected_loss,first_due,assumed');
    expect(a).toBe('1,fu-4,A,state_fire_unit,UA1,Перша,30,50,800,700,3,420.5,2000,0');
    expect(b).toBe('2,fu-5,B,state_fire_unit,,,31,50,0,0,0,3,10,1');
    const geo = JSON.parse(closuresGeoJson(rows, r, meta, closureColor)) as { features: { properties: Record<string, unknown> }[] };
    expect(geo.features.map((f) => f.properties['marker-color'])).toEqual(['#800026', '#c8c8c8']);
  });
});
