/**
 * The map's deck.gl MapboxOverlay (interleaved), made when the first deck.gl layer is given: the first screen has no
 * deck.gl layer, so the page neither downloads nor compiles deck.gl for it. Part of MapView (map-view.ts).
 */
import type { Map as MlMap } from 'maplibre-gl';
import type { MapboxOverlay } from '@deck.gl/mapbox';
import type { Layer, PickingInfo } from '@deck.gl/core';

/**
 * @deck.gl/mapbox 9.4 reads `map.transform` (height, near/far planes); MapLibre 6 keeps it on its camera.
 * Expose it as a read-only getter so the interleaved overlay can build its viewport.
 */
function exposeTransform(map: MlMap): void {
  const m = map as unknown as { transform?: unknown; _camera?: { transform?: unknown } };
  if (m.transform !== undefined || !m._camera) return;
  Object.defineProperty(map, 'transform', { configurable: true, get: () => m._camera?.transform });
}

export class LazyDeckOverlay {
  private overlay: MapboxOverlay | null = null;
  private loading: Promise<void> | null = null;
  /** The overlay's Deck is initialised (its onLoad): picking before that fails deck.gl's assertion. */
  private ready = false;
  private destroyed = false;
  private current: Layer[] = [];

  constructor(private readonly map: MlMap) {
    exposeTransform(map);
  }

  /** The deck.gl layers last given. */
  get layers(): readonly Layer[] {
    return this.current;
  }

  /** Hands the overlay its layers; the first non-empty list loads deck.gl and adds the overlay to the map. */
  setLayers(layers: Layer[]): void {
    this.current = layers;
    if (this.overlay) this.overlay.setProps({ layers });
    else if (layers.length > 0) void this.load().then(() => this.overlay?.setProps({ layers: this.current }));
  }

  /** The deck.gl object within `radius` px of pixel x, y, or null (also while deck.gl is loading or attaching). */
  pick(x: number, y: number, radius: number): PickingInfo | null {
    return this.current.length > 0 && this.ready && this.overlay ? this.overlay.pickObject({ x, y, radius }) : null;
  }

  /** Removes the overlay (if it was made) and stops one still loading from being added. */
  destroy(): void {
    this.destroyed = true;
    if (this.overlay) {
      this.map.removeControl(this.overlay);
      this.overlay.finalize();
      this.overlay = null;
    }
  }

  /** Loads deck.gl's MapboxOverlay and adds it to the map, once. */
  private load(): Promise<void> {
    this.loading ??= import('@deck.gl/mapbox').then(({ MapboxOverlay }) => {
      if (this.destroyed) return;
      this.overlay = new MapboxOverlay({
        interleaved: true,
        layers: [],
        pickingRadius: 4,
        // deck.gl attaches to MapLibre's WebGL context asynchronously; until then pickObject would throw
        onLoad: () => {
          this.ready = true;
        },
      });
      this.map.addControl(this.overlay);
    });
    return this.loading;
  }
}
