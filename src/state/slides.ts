/**
 * The slide model of presentation mode (issue 15 point 4). A slide is a saved view: the framing (centre, zoom,
 * bearing and the area in view), the service, parameters and layers exactly as a link keeps them (src/state/url.ts),
 * the selected hromada, the scenario's facility edits at the time (a snapshot, as a link's `e=`: the slide shows the
 * stations planned then, over the same scenario's imports) and a caption. Slides live in the scenario (its file and
 * the browser's copy, src/state/scenario-store.ts); this module makes, applies and reorders them. Pure functions.
 */
import type { FacilityEdit, ScenarioSlide } from '../io/scenario';
import { DEFAULT_LAYERS, defaultState, type AppState, type MapViewState } from './app-state';
import { decodeHash, encodeHash } from './url';

export type { ScenarioSlide as Slide } from '../io/scenario';
type Slide = ScenarioSlide;

/** Parameters of a slide: the link's query without the map, selection, language and edits (`s=fire&fu=15&area=…`). */
export function slideParams(state: Pick<AppState, 'service' | 'params' | 'layers' | 'ringKm' | 'basemap' | 'area'>): string {
  const hash = encodeHash({ ...defaultState(), ...state, lang: 'uk' }, null, null);
  return hash.replace(/^#/, '');
}

export interface SlideInput {
  id: string;
  caption: string;
  state: Pick<AppState, 'service' | 'params' | 'layers' | 'ringKm' | 'basemap' | 'area'>;
  view: MapViewState & { bearing?: number };
  /** [west, south, east, north] in view. */
  bounds: [number, number, number, number];
  hromada: string | null;
  edits: readonly FacilityEdit[];
}

/**
 * The current view as a slide (edits are copied, so later edits do not change it).
 * @example makeSlide({ id: 'a', caption: 'Чернігівщина', state, view: { lon: 31.3, lat: 51.5, zoom: 8 }, bounds, hromada: null, edits: [] })
 */
export function makeSlide(i: SlideInput): Slide {
  return {
    id: i.id,
    caption: i.caption,
    view: { lon: i.view.lon, lat: i.view.lat, zoom: i.view.zoom, bearing: i.view.bearing ?? 0 },
    bounds: [...i.bounds],
    params: slideParams(i.state),
    hromada: i.hromada,
    edits: structuredClone([...i.edits]),
  };
}

/** What a slide sets on the page: service, parameters, layers, ring radius, basemap, area of view. */
export type SlideState = Pick<AppState, 'service' | 'params' | 'layers' | 'ringKm' | 'basemap' | 'area'>;

/**
 * The page state a slide asks for. Read as a full link is (src/state/url.ts decodeHash): what its parameters do not
 * name is the default, never what the page had before, so a slide always looks the same.
 */
export function slideState(slide: Pick<Slide, 'params'>): SlideState {
  const d = decodeHash(`#${slide.params}`, defaultState());
  const base = defaultState();
  return {
    service: d.patch.service ?? base.service,
    params: d.patch.params ?? base.params,
    layers: d.patch.layers ?? { ...DEFAULT_LAYERS },
    ringKm: d.patch.ringKm ?? base.ringKm,
    basemap: d.patch.basemap ?? 'bundled',
    area: d.patch.area ?? null,
  };
}

/** The list with slide `index` moved by `delta` places (clamped to the ends); the same list when it cannot move. */
export function moveSlide<T>(list: readonly T[], index: number, delta: number): T[] {
  const to = Math.max(0, Math.min(list.length - 1, index + delta));
  if (index < 0 || index >= list.length || to === index) return [...list];
  const out = [...list];
  const [item] = out.splice(index, 1);
  out.splice(to, 0, item!);
  return out;
}

/** The list without slide `id`. */
export function removeSlide(list: readonly Slide[], id: string): Slide[] {
  return list.filter((s) => s.id !== id);
}

/** The list with slide `id`'s caption replaced. */
export function recaption(list: readonly Slide[], id: string, caption: string): Slide[] {
  return list.map((s) => (s.id === id ? { ...s, caption } : s));
}

/** The next slide's index for a key of the presenter (arrows, PageUp/PageDown, space, Home/End), or null. */
export function stepForKey(key: string, shift: boolean, index: number, count: number): number | null {
  let next: number;
  switch (key) {
    case 'ArrowRight':
    case 'ArrowDown':
    case 'PageDown':
      next = index + 1;
      break;
    case ' ':
      next = shift ? index - 1 : index + 1;
      break;
    case 'ArrowLeft':
    case 'ArrowUp':
    case 'PageUp':
      next = index - 1;
      break;
    case 'Home':
      next = 0;
      break;
    case 'End':
      next = count - 1;
      break;
    default:
      return null;
  }
  return Math.max(0, Math.min(count - 1, next));
}

/** File name of slide `index` (0-based) in the zip: `slide-01.png`, with a safe form of the caption. */
export function slideFileName(index: number, caption: string): string {
  const slug = caption
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return `slide-${String(index + 1).padStart(2, '0')}${slug ? `-${slug}` : ''}.png`;
}
