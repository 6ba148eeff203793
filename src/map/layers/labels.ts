import { TextLayer } from '@deck.gl/layers';
import type { MapData } from '../map-data';
import type { LayerInput } from './types';

/** Smallest population named at `zoom`: cities over 150,000 at country zoom, over 40,000 from 6.5, 10,000 from 8. */
export function labelMinPopulation(zoom: number): number {
  return zoom >= 8 ? 10_000 : zoom >= 6.5 ? 40_000 : 150_000;
}

const shown = new WeakMap<readonly number[], Map<number, number[]>>();
const characters = new WeakMap<readonly number[], string>();

/**
 * The labels drawn at a threshold: the prefix of `labelIndices` (biggest first) at or over `minPop`, the same array
 * for the same threshold. Only these go to the text layer: every glyph of a label hidden by size 0 would still cost
 * vertex work in each frame (about 85 ms at the country view in software WebGL, for ~30 names shown of ~360).
 */
export function labelsShown(data: Pick<MapData, 'labelIndices' | 'demand'>, minPop: number): number[] {
  let byPop = shown.get(data.labelIndices);
  if (!byPop) shown.set(data.labelIndices, (byPop = new Map()));
  let list = byPop.get(minPop);
  if (!list) {
    const n = data.labelIndices.findIndex((i) => data.demand.population[i]! < minPop);
    list = n < 0 ? [...data.labelIndices] : data.labelIndices.slice(0, n);
    byPop.set(minPop, list);
  }
  return list;
}

/** Every character of every label name (one font atlas for all zooms). */
function labelCharacters(data: Pick<MapData, 'labelIndices' | 'demand'>): string {
  let s = characters.get(data.labelIndices);
  if (s === undefined) {
    s = [...new Set(data.labelIndices.flatMap((i) => [...(data.demand.names[i] ?? '')]))].sort().join('');
    characters.set(data.labelIndices, s);
  }
  return s;
}

/** Names of the largest settlements, drawn by deck.gl from a font atlas built locally (no glyph requests). */
export function labelsLayer(input: LayerInput, zoom: number): TextLayer<number> {
  const { demand } = input.data;
  return new TextLayer<number>({
    id: 'labels',
    data: labelsShown(input.data, labelMinPopulation(zoom)),
    visible: input.layers.labels,
    getPosition: (i) => [demand.lon[i]!, demand.lat[i]!],
    getText: (i) => demand.names[i]!,
    getSize: (i) => (demand.population[i]! > 500_000 ? 14 : 12),
    getColor: [25, 25, 25, 255],
    getPixelOffset: [0, -12],
    fontFamily: 'system-ui, "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif',
    fontWeight: 600,
    characterSet: labelCharacters(input.data),
    fontSettings: { sdf: true, fontSize: 48, buffer: 6 },
    outlineWidth: 3,
    outlineColor: [255, 255, 255, 230],
    sizeUnits: 'pixels',
    pickable: false,
  });
}
