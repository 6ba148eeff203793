import { describe, expect, it } from 'vitest';
import type { CurvePoint, PlanResult } from '../../src/engine/optimize';
import type { Facility } from '../../src/engine/types';
import { locatedSites, proposedSitesLayer } from '../../src/map/layers/proposed-sites';
import { curveGeometry, DEFAULT_BOX } from '../../src/ui/planner/curve';
import { planSitesCsv, planSitesGeoJson } from '../../src/ui/planner/plan-export';
import { EMPTY_PLANNER, plannerClick } from '../../src/ui/planner/planner-ui';

const curve: CurvePoint[] = [
  { k: 0, covered: 700, share: 0.7, meanCost: 12 },
  { k: 1, covered: 800, share: 0.8, meanCost: 10 },
  { k: 2, covered: 850, share: 0.85, meanCost: 9 },
];

describe('curveGeometry', () => {
  it('spans x over k = 0…n and y over the rounded share range, bottom to top', () => {
    const g = curveGeometry(curve);
    const b = DEFAULT_BOX;
    expect(g.yMin).toBeCloseTo(0.7, 9);
    expect(g.yMax).toBeCloseTo(0.85, 9);
    expect(g.points.map((p) => p.x)).toEqual([b.left, (b.left + b.width - b.right) / 2, b.width - b.right]);
    expect(g.points[0]!.y).toBeCloseTo(b.height - b.bottom, 9);
    expect(g.points[2]!.y).toBeCloseTo(b.top, 9);
    expect(g.path).toMatch(/^M40\.0 132\.0 L175\.0 [\d.]+ L310\.0 10\.0$/);
    expect(g.xTicks.map((t) => t.value)).toEqual([0, 1, 2]);
    expect(g.yTicks.length).toBeGreaterThanOrEqual(2);
  });
  it('does not divide by zero on a flat curve or a single point, and handles no points', () => {
    const flat = curveGeometry([curve[0]!, { ...curve[0]!, k: 1 }]);
    expect(flat.yMax - flat.yMin).toBeGreaterThan(0);
    for (const p of flat.points) expect(Number.isFinite(p.y)).toBe(true);
    expect(curveGeometry([curve[0]!]).points[0]!.x).toBe(DEFAULT_BOX.left);
    expect(curveGeometry([]).path).toBe('');
  });
});

const result = {
  objective: 'coverage',
  method: 'heuristic',
  status: 'heuristic',
  sites: [
    {
      rank: 1,
      candidate: 0,
      id: 'UA1',
      name: 'Село, «Лісове»',
      hromadaCode: 'H1',
      type: 'local_fire_department',
      lon: 25.1,
      lat: 51.2,
      marginal: 100,
      cumulativeCovered: 800,
      cumulativeShare: 0.8,
      cumulativeMeanCost: 10,
      estimatedShare: 0.7,
      estimated: true,
    },
    {
      rank: 2,
      candidate: 1,
      id: 'UA2',
      name: '=SUM(A1)',
      hromadaCode: null,
      type: 'local_fire_department',
      lon: NaN,
      lat: NaN,
      marginal: 50,
      cumulativeCovered: 850,
      cumulativeShare: 0.85,
      cumulativeMeanCost: 9,
      estimatedShare: 0,
      estimated: false,
    },
  ],
  curve,
  notes: [],
} as unknown as PlanResult;

describe('plan exports', () => {
  const meta = {
    type: 'local_fire_department' as const,
    scope: 'oblast: Волинська',
    estimatedInputs: ['estimated-population' as const],
    attribution: ['KSE (MIT) https://example.org'],
    hromadaName: (c: string | null) => (c === 'H1' ? 'Перша' : ''),
    generatedAt: '2026-01-01T00:00:00Z',
  };
  it('CSV: UTF-8 BOM, header, one row per site, formula-safe text, estimated marks and attribution lines', () => {
    const csv = planSitesCsv(result, meta);
    expect(csv.startsWith('\uFEFFrank,id,name,hromada_code,hromada,type,lon,lat,marginal,')).toBe(true);
    const lines = csv.split('\r\n');
    expect(lines[1]).toContain('"Село, «Лісове»",H1,Перша,local_fire_department,25.1,51.2,100');
    expect(lines[2]).toContain("'=SUM(A1)");
    // every site is marked estimated when the run's inputs are partly estimated
    expect(lines[1]).toMatch(/,1,0\.7,illustrative: rests on estimated inputs$/);
    expect(lines[2]).toMatch(/,1,0,illustrative: inputs partly estimated$/);
    expect(csv).toContain('# ILLUSTRATIVE: the scope’s population is partly estimated');
    expect(csv).toContain('# Source: KSE (MIT) https://example.org');
  });
  it('GeoJSON: located sites only, with type, hromada name, attribution and the illustrative flag', () => {
    const g = JSON.parse(planSitesGeoJson(result, meta)) as {
      features: { properties: Record<string, unknown> }[];
      attribution: string[];
      illustrative: boolean;
    };
    expect(g.features).toHaveLength(1);
    expect(g.features[0]!.properties).toMatchObject({ rank: 1, type: 'local_fire_department', hromada: 'Перша' });
    expect(g.attribution).toEqual(['KSE (MIT) https://example.org']);
    expect(g.illustrative).toBe(true);
  });
});

describe('proposed sites layer', () => {
  it('draws located sites only, hollow where estimated', () => {
    expect(locatedSites(result.sites).map((s) => s.id)).toEqual(['UA1']);
    const layer = proposedSitesLayer({ proposedSites: result.sites } as never);
    expect(layer.id).toBe('proposed-sites');
    expect(layer.props.visible).toBe(true);
    expect((layer.props.data as unknown[]).length).toBe(1);
    expect(proposedSitesLayer({ proposedSites: [] } as never).props.visible).toBe(false);
  });
});

describe('plannerClick', () => {
  const code = (h: number) => `H${h}`;
  it('in add mode places a facility of the chosen type at the clicked point, in the hromada under it', () => {
    const a = plannerClick(
      { ...EMPTY_PLANNER, adding: 'local_fire_department' },
      { layerId: 'settlements', object: null, coordinate: [25.1234567, 51.7654321], hromada: 3 },
      code,
      () => 'user-x',
      'Нова',
    );
    expect(a).toEqual({
      type: 'add',
      facility: {
        id: 'user-x',
        name: 'Нова',
        type: 'local_fire_department',
        status: 'opened',
        lon: 25.123457,
        lat: 51.765432,
        hromadaCode: 'H3',
        source: 'user:map',
        sourceUrl: '',
        placement: 'user',
        note: '',
      },
    });
  });
  it('without add mode selects a clicked facility; otherwise nothing', () => {
    const f = { id: 'fu-1' } as Facility;
    expect(
      plannerClick(
        EMPTY_PLANNER,
        { layerId: 'facilities', object: f, coordinate: [1, 2], hromada: -1 },
        code,
        () => 'x',
        '',
      ),
    ).toEqual({ type: 'select', id: 'fu-1' });
    expect(
      plannerClick(
        EMPTY_PLANNER,
        { layerId: 'hromadas', object: { id: 1 }, coordinate: [1, 2], hromada: 1 },
        code,
        () => 'x',
        '',
      ),
    ).toEqual({ type: 'none' });
    expect(
      plannerClick(
        { ...EMPTY_PLANNER, adding: 'police_station' },
        { layerId: '', object: null, coordinate: null, hromada: -1 },
        code,
        () => 'x',
        '',
      ),
    ).toEqual({ type: 'none' });
  });
});
