/**
 * The planner's UI state held by App (the map needs it too): add mode, the facility being edited, the last
 * incremental edit and the last optimizer run. Plain data; the map-click decision is a pure function.
 */
import type { Facility, FacilityType } from '../../engine/types';
import type { CoverageResult } from '../../state/coverage-source';
import type { OptimizeRequest, OptimizeResponse } from '../../worker/optimize-protocol';

/** One finished optimizer run. */
export interface PlanRun {
  request: OptimizeRequest;
  response: OptimizeResponse;
  /** Wall time on the page from Run to answer, ms. */
  elapsedMs: number;
}

export interface PlannerUi {
  /** Facility type placed by the next map click; null when not in add mode. */
  adding: FacilityType | null;
  /** Id of the facility selected for editing (move, change type, delete), or null. */
  selected: string | null;
  /** The last optimizer run, or null. */
  plan: PlanRun | null;
}

export const EMPTY_PLANNER: PlannerUi = { adding: null, selected: null, plan: null };

/** The results on either side of the last edit that was applied incrementally (for the deltas). */
export interface LastEdit {
  before: CoverageResult;
  after: CoverageResult;
  /** Hromadas the edit recomputed. */
  hromadas: Int32Array;
  /** Milliseconds from sending the edit to the patched result. */
  elapsedMs: number;
  /** Of which: the worker's round trip, and patching the page's copy. */
  roundTripMs: number;
  patchMs: number;
}

/** A map click: picked layer id and object, lon/lat, and the hromada index under it (-1 if unknown). */
export interface MapClick {
  layerId: string;
  object: unknown;
  coordinate: readonly number[] | null | undefined;
  hromada: number;
}

export type ClickAction = { type: 'none' } | { type: 'add'; facility: Facility } | { type: 'select'; id: string };

/**
 * In add mode a click anywhere places a new facility of the chosen type (in the hromada under the pointer, if any);
 * otherwise, with the planner open, a click on a facility symbol selects it for editing.
 * @param hromadaCode code of hromada index `h`
 * @param newId id for a new facility
 */
export function plannerClick(
  ui: PlannerUi,
  click: MapClick,
  hromadaCode: (h: number) => string | null,
  newId: () => string,
  name: string,
): ClickAction {
  if (ui.adding) {
    const c = click.coordinate;
    if (!c || c.length < 2 || !Number.isFinite(c[0]) || !Number.isFinite(c[1])) return { type: 'none' };
    const h = click.hromada;
    const facility: Facility = {
      id: newId(),
      name,
      type: ui.adding,
      status: 'opened',
      lon: Math.round(c[0]! * 1e6) / 1e6,
      lat: Math.round(c[1]! * 1e6) / 1e6,
      hromadaCode: h >= 0 ? hromadaCode(h) : null,
      source: 'user:map',
      sourceUrl: '',
      placement: 'user',
      note: '',
    };
    return { type: 'add', facility };
  }
  if (click.layerId.startsWith('facilities') && click.object)
    return { type: 'select', id: (click.object as Facility).id };
  return { type: 'none' };
}
