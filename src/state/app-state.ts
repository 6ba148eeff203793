/**
 * What the user has chosen: service, parameters, layers, basemap, language, selection, open panel, view.
 * Plain data; the URL hash (src/state/url.ts) mirrors the shareable part.
 */
import { DEFAULT_PARAMS, type ModelParams, type Service } from '../engine/types';

export const LAYER_IDS = ['choropleth', 'surface', 'settlements', 'facilities', 'illustrative', 'rings', 'firstDue', 'labels', 'secondUnit'] as const;
export type LayerId = (typeof LAYER_IDS)[number];

export type Lang = 'uk' | 'en';

/** Selection on the map: nothing, or one hromada by its index in the HromadaTable. */
export type Selection = { type: 'none' } | { type: 'hromada'; index: number };

/** Which side panel is open. */
export type Panel = { type: 'none' } | { type: 'community' } | { type: 'table' } | { type: 'sources' } | { type: 'params' } | { type: 'data' } | { type: 'planner' } | { type: 'modelCheck' };

export interface MapViewState {
  zoom: number;
  lat: number;
  lon: number;
}

export interface AppState {
  service: Service;
  params: ModelParams;
  layers: Record<LayerId, boolean>;
  /** Radius of the straight-line rings, km. */
  ringKm: number;
  basemap: 'bundled' | 'osm';
  lang: Lang;
  selection: Selection;
  panel: Panel;
  /**
   * The framed oblast or raion (null: the country): the map is fitted to it, the hromada table filtered to it, and
   * images and print are titled by it. Names as in HromadaTable.oblasts / raions.
   */
  area: Area | null;
}

/** An oblast or a raion of it, by the names in HromadaTable.oblasts / raions. */
export type Area = { kind: 'oblast'; oblast: string } | { kind: 'raion'; oblast: string; raion: string };

export const DEFAULT_LAYERS: Record<LayerId, boolean> = {
  choropleth: true,
  surface: false,
  settlements: true,
  facilities: true,
  illustrative: true,
  rings: false,
  firstDue: false,
  labels: true,
  secondUnit: false,
};

export function cloneParams(p: ModelParams): ModelParams {
  return {
    ...p,
    detour: { ...p.detour },
    speedKmh: { ...p.speedKmh },
    turnoutMin: { ...p.turnoutMin },
    normMin: { fire: { ...p.normMin.fire }, police: { ...p.normMin.police } },
    reachCapMin: { ...(p.reachCapMin ?? DEFAULT_PARAMS.reachCapMin) },
    countAssumed: p.countAssumed ?? DEFAULT_PARAMS.countAssumed,
    secondNormMin: structuredClone(p.secondNormMin ?? DEFAULT_PARAMS.secondNormMin),
    availability: { ...(p.availability ?? DEFAULT_PARAMS.availability) },
    costMUah: { ...(p.costMUah ?? DEFAULT_PARAMS.costMUah) },
  };
}

export function defaultState(): AppState {
  return {
    service: 'fire',
    params: cloneParams(DEFAULT_PARAMS),
    layers: { ...DEFAULT_LAYERS },
    ringKm: 10,
    basemap: 'bundled',
    lang: 'uk',
    selection: { type: 'none' },
    panel: { type: 'none' },
    area: null,
  };
}

/** Whole Ukraine in view. */
export const UKRAINE_BOUNDS: [[number, number], [number, number]] = [
  [22.1, 44.3],
  [40.3, 52.4],
];

/** Key of everything that changes the coverage result (a change means recompute). */
export function paramsKey(p: ModelParams): string {
  return JSON.stringify(p);
}
