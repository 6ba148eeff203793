/**
 * Which travel model the community report's figures come from. The link's `tm=road` asks for the road model; the
 * report then looks for the default graph (public/geo/roads.graph, as the main page does: src/state/roads.ts) before
 * computing. Found and read: the report is computed by road and says so with the graph's name and OSM date. Not found:
 * the straight line, and the report says plainly that the road model was asked for but no graph was available.
 */
import { DEFAULT_PARAMS, type ModelParams } from '../../engine/types';
import { locale, type TFunction, type Lang } from '../../i18n';
import { loadDefaultRoads, roadsSnapshot } from '../../state/roads';
import type { RoadGraphInfo } from '../../worker/roads-protocol';
import { osmDateLabel } from '../roads/model-label';

export type ReportModel =
  | { type: 'straight' }
  | { type: 'road'; info: RoadGraphInfo }
  /** The link asked for the road model; no graph could be had. */
  | { type: 'road-missing' };

/** True when the params ask for the road model (time mode with travelModel 'road'). */
export function wantsRoad(params: ModelParams): boolean {
  return params.travelModel === 'road' && params.coverageMode !== 'distance';
}

/**
 * Gives the report's coverage worker the default graph when the params ask for the road model; call right after the
 * worker's source is created and await it before computing (the worker handles messages in order).
 * @param geoBase absolute URL of the page's geo/ folder
 */
export async function prepareReportModel(params: ModelParams, geoBase: string): Promise<ReportModel> {
  if (!wantsRoad(params)) return { type: 'straight' };
  // the roads store learns of the new worker in a microtask (coverageClientCreated)
  await new Promise<void>((r) => queueMicrotask(r));
  await loadDefaultRoads(geoBase);
  const s = roadsSnapshot().status;
  return s.type === 'ready' ? { type: 'road', info: s.info } : { type: 'road-missing' };
}

/** The report's sentence on the travel model. */
export function reportModelText(t: TFunction, lang: Lang, model: ReportModel, params: ModelParams): string {
  if (model.type === 'road')
    return t('report_modelRoad', { graph: model.info.fileName, date: osmDateLabel(t, lang, model.info.osmTimestamp), km: (params.roads?.snapMaxKm ?? DEFAULT_PARAMS.roads.snapMaxKm).toLocaleString(locale(lang)) });
  return t(model.type === 'road-missing' ? 'report_modelRoadMissing' : 'report_modelStraight');
}

/**
 * The report's honesty note: the page's general one says the times are straight line × detour, which a report computed
 * by road must not say.
 */
export function reportHonestyText(t: TFunction, model: ReportModel): string {
  return t(model.type === 'road' ? 'report_honestyRoad' : 'honestyNote');
}
