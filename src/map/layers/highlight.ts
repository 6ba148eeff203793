/** The ring around the place the map flew to (a settlement or a city's point), a deck.gl layer. */
import { ScatterplotLayer } from '@deck.gl/layers';
import type { PlaceHighlight } from './types';

/** Ring around the place the map flew to (a settlement or a city's point); hidden when there is none. */
export function highlightLayer(highlight: PlaceHighlight | null | undefined): ScatterplotLayer<PlaceHighlight> {
  const data = highlight ? [highlight] : [];
  return new ScatterplotLayer<PlaceHighlight>({
    id: 'place-highlight',
    data,
    visible: data.length > 0,
    pickable: false,
    radiusUnits: 'pixels',
    getRadius: 14,
    filled: false,
    stroked: true,
    lineWidthUnits: 'pixels',
    getLineWidth: 3,
    getPosition: (p) => [p.lon, p.lat],
    getLineColor: [200, 16, 46, 255],
  });
}
