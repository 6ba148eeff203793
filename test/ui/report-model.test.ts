import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, type ModelParams } from '../../src/engine/types';
import { makeT } from '../../src/i18n';
import { reportHonestyText, reportModelText, wantsRoad, type ReportModel } from '../../src/ui/report/report-model';
import type { RoadGraphInfo } from '../../src/worker/roads-protocol';

const info = { fileName: 'roads.graph', osmTimestamp: '2026-11-30T21:00:00Z' } as RoadGraphInfo;
const road: ModelParams = { ...structuredClone(DEFAULT_PARAMS), travelModel: 'road' };

describe('the report says which travel model its figures come from', () => {
  it('asks for the road model only with tm=road in time mode', () => {
    expect(wantsRoad(road)).toBe(true);
    expect(wantsRoad(DEFAULT_PARAMS)).toBe(false);
    expect(wantsRoad({ ...road, coverageMode: 'distance' })).toBe(false);
  });

  it('by road, asked but no graph, straight line — in Ukrainian and English', () => {
    const cases: [ReportModel, string, string][] = [
      [{ type: 'road', info }, 'за дорожньою мережею (граф roads.graph, дані OSM на 30.11.2026)', 'by the road network (graph roads.graph, OSM data of'],
      [{ type: 'road-missing' }, 'Посилання просить дорожню модель, але дорожнього графа немає', 'The link asks for the road model, but no road graph is available'],
      [{ type: 'straight' }, 'пряма відстань × коефіцієнт звивистості', 'straight distance × detour factor'],
    ];
    for (const [model, uk, en] of cases) {
      expect(reportModelText(makeT('uk'), 'uk', model, road)).toContain(uk);
      expect(reportModelText(makeT('en'), 'en', model, road)).toContain(en);
      expect(reportModelText(makeT('en'), 'en', model, road)).not.toMatch(/[{}]/);
    }
    expect(reportModelText(makeT('en'), 'en', { type: 'road', info }, road)).toContain(`over ${road.roads.snapMaxKm} km from a road`);
  });

  it('writes the snap distance in the page language (1,5 км / 1.5 km)', () => {
    const p: ModelParams = { ...road, roads: { ...road.roads, snapMaxKm: 1.5 } };
    expect(reportModelText(makeT('uk'), 'uk', { type: 'road', info }, p)).toContain('далі 1,5 км від дороги');
    expect(reportModelText(makeT('en'), 'en', { type: 'road', info }, p)).toContain('over 1.5 km from a road');
  });

  it('the honesty note of a report by road does not call the times straight line × detour', () => {
    for (const lang of ['uk', 'en'] as const) {
      const t = makeT(lang);
      expect(reportHonestyText(t, { type: 'straight' })).toBe(t('honestyNote'));
      expect(reportHonestyText(t, { type: 'road-missing' })).toBe(t('honestyNote'));
      const road = reportHonestyText(t, { type: 'road', info });
      expect(road).toContain(lang === 'uk' ? 'за дорожньою мережею' : 'on the road network');
      expect(road).not.toContain(lang === 'uk' ? 'відстань × коефіцієнт' : 'distance × detour');
    }
  });
});
