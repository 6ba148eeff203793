/**
 * Which model produced a figure, in words: "час за дорожньою мережею (граф …, OSM дата …)" or "за прямою ×
 * коефіцієнт", and how many units fell back to the straight line. Shared by the community panel, the legend and
 * the PNG notes.
 */
import type { ModelParams } from '../../engine/types';
import type { Lang, TFunction } from '../../i18n';
import { fmtInt } from '../../i18n';
import { fmtDate } from '../../i18n/place-name';
import { roadsSnapshot, type RoadsSnapshot } from '../../state/roads';
import type { RoadUnitModels } from '../../worker/roads-protocol';

/** The graph's OSM date in the page's format, or "unknown". */
export function osmDateLabel(t: TFunction, lang: Lang, iso: string): string {
  return iso ? fmtDate(lang, iso.slice(0, 10)) : t('roadsUi_dateUnknown');
}

/** The model of a result computed with `params` while the worker holds the graph in `roads`. */
export function travelModelLabel(t: TFunction, lang: Lang, params: ModelParams, roads: RoadsSnapshot): string {
  if (params.coverageMode === 'distance' || (params.travelModel ?? 'straight') !== 'road') return t('roadsUi_modelStraight');
  const s = roads.status;
  if (s.type !== 'ready') return t('roadsUi_modelRoadNoGraph');
  return t('roadsUi_modelRoad', { graph: s.info.fileName, date: osmDateLabel(t, lang, s.info.osmTimestamp) });
}

/** "off the road network … straight line: N of M units", or null when every unit was timed by road. */
export function fallbackLabel(t: TFunction, lang: Lang, params: ModelParams, models: RoadUnitModels | null): string | null {
  if (!models) return null;
  const total = models.viaRoad.length;
  const n = total - models.roadCount;
  if (n === 0) return null;
  return t('roadsUi_fallbackUnits', { n: fmtInt(lang, n), total: fmtInt(lang, total), km: params.roads?.snapMaxKm ?? 2 });
}

/**
 * The saved map image's notes on the travel model: which model produced the times (with the units that fell back)
 * and, while a graph is loaded, the road network's credit (ODbL, © OpenStreetMap contributors, OSM date).
 */
export function roadsImageNotes(t: TFunction, lang: Lang, params: ModelParams, roads: RoadsSnapshot = roadsSnapshot()): string[] {
  const out = [`${t('roadsUi_travelModel')}: ${travelModelLabel(t, lang, params, roads)}`];
  const fallback = fallbackLabel(t, lang, params, roads.unitModels);
  if (fallback) out.push(fallback);
  const s = roads.status;
  if (s.type === 'ready') out.push(t('roadsUi_credit', { date: osmDateLabel(t, lang, s.info.osmTimestamp), graph: s.info.fileName }));
  return out;
}
