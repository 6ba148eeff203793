/**
 * The map, outside React: owns the MapLibre map and a deck.gl MapboxOverlay (interleaved, loaded with the first deck.gl
 * layer), takes layers and basemap choices from the app and reports hover, click and view changes through handlers.
 */
import { Map as MlMap, Marker, NavigationControl, ScaleControl, setWorkerUrl, type GeoJSONSource } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
// MapLibre 6 finds its worker next to its own module; in a bundle that file must be emitted as an asset.
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { Layer, PickingInfo } from '@deck.gl/core';
import { basemapStyle, CHOROPLETH_LAYER, hromadaSource, OSM_ATTRIBUTION, OSM_TILES, type BasemapData, type HromadaSource } from './style';
import { toCss, type RGBA } from './colors';
import { SETTLEMENTS_LAYER, SETTLEMENTS_MIN_ZOOM, settlementsLayerSpec, type SettlementStates } from './settlements-style';
import { HATCH_IMAGE, hatchImage, territoryLayerSpecs, type TerritoryCodes } from './territory-style';
import { MapSymbols } from './map-symbols';
import type { MapBounds } from './layers/types';
import type { MapViewState } from '../state/app-state';
import { startupMark } from '../state/startup-mark';
import { skipInvisibleSky } from './invisible-sky';
import { paceFrames, type FramePacer } from './frame-pacer';
import { LazyDeckOverlay } from './deck-overlay';
import { hromadaAt, hromadaInfo, noneInfo, settlementAt, settlementInfo } from './map-pick';

setWorkerUrl(maplibreWorkerUrl);

/**
 * While the first screen loads, at most one map frame per this many ms (frame-pacer.ts): each frame costs 100–350 ms
 * in software WebGL, and the tiles arriving one by one would otherwise draw about ten of them back to back.
 */
const LOADING_FRAME_GAP_MS = 600;

/**
 * Pacing ends by this many ms after the map is made even without a first result (a failed computation or data load
 * must not leave the map drawing at under 2 frames a second).
 */
const LOADING_PACE_MAX_MS = 20_000;

/** Frames wait for tiles in flight (firstScreenDrawn) for at most this long after the first result. */
const SETTLE_MAX_MS = 1500;

/**
 * The settlements' points go to MapLibre once the zoom is this close below SETTLEMENTS_MIN_ZOOM, so that zooming in
 * finds them indexed (MapView.setSettlements).
 */
const SETTLEMENTS_ATTACH_AHEAD = 0.5;

const EMPTY_POINTS: FeatureCollection = { type: 'FeatureCollection', features: [] };

/**
 * Shows or hides a MapLibre layer, only when that changes anything: MapLibre treats any layout change it cannot
 * deep-equal (even `visible` over the unset default) as a reason to re-tile the layer's whole source, which for the
 * hromada polygons costs seconds in software WebGL and delays the first idle map.
 */
function setVisibility(m: MlMap, layerId: string, visible: boolean): void {
  const want = visible ? 'visible' : 'none';
  const now = (m.getLayoutProperty(layerId, 'visibility') as string | undefined) ?? 'visible';
  if (now !== want) m.setLayoutProperty(layerId, 'visibility', want);
}

export interface MapHandlers {
  onHover(info: PickingInfo | null): void;
  onClick(info: PickingInfo): void;
  onViewChange(view: MapViewState): void;
}

export interface MapViewOptions {
  container: HTMLElement;
  basemap: BasemapData;
  view: MapViewState | null;
  bounds: [[number, number], [number, number]];
  handlers: MapHandlers;
  /** Attribution for the bundled data (HTML from our own constant strings only). */
  attribution: string;
}

export class MapView {
  readonly map: MlMap;
  /** The facility symbols and names, MapLibre layers (map-symbols.ts); picked before the deck.gl layers. */
  readonly symbols: MapSymbols;
  /** The deck.gl overlay, made when the first deck.gl layer is given (setLayers): the first screen has none. */
  private readonly deck: LazyDeckOverlay;
  private destroyed = false;
  /** A hover waiting for the next animation frame (pointer moves are picked once per frame). */
  private hoverAt: { x: number; y: number; lon: number; lat: number } | null = null;
  private handlers: MapHandlers;
  private osm = false;
  private resizeObserver: ResizeObserver | null = null;
  /** Last CSS fill sent per hromada index (MapView.setChoropleth). */
  private fills: string[] = [];
  private hoverId: number | null = null;
  /** The settlement points the map has (MapView.setSettlements), and the last feature state sent per point. */
  private settlementData: FeatureCollection | null = null;
  private settlementStatesSent: string[] = [];
  /** Whether the settlements' source has its points yet (attachSettlements), and the colours waiting for them. */
  private settlementsAttached = false;
  private settlementStatesWaiting: SettlementStates | null = null;
  /** The source (and source layer) of the hromada polygons, for feature state. */
  private readonly hromadas: HromadaSource;
  private readonly loaded: Promise<void>;
  private editMarker: Marker | null = null;
  /** The territory codes last given (MapView.setTerritory). */
  private territory: TerritoryCodes | null = null;
  private onMarkerDrop: ((lon: number, lat: number) => void) | null = null;
  /** Paces the frames drawn while the first screen loads (frame-pacer.ts); released by `firstScreenDrawn`. */
  private readonly pacer: FramePacer;
  private nav = new NavigationControl({ showCompass: false });
  private scale = new ScaleControl({ unit: 'metric' });

  constructor(opts: MapViewOptions) {
    this.handlers = opts.handlers;
    this.hromadas = hromadaSource(opts.basemap);
    const init = opts.view
      ? { center: [opts.view.lon, opts.view.lat] as [number, number], zoom: opts.view.zoom }
      : { bounds: opts.bounds, fitBoundsOptions: { padding: 12 } };
    this.map = new MlMap({
      container: opts.container,
      style: basemapStyle(opts.basemap),
      ...init,
      minZoom: 4,
      maxZoom: 14,
      maxBounds: [
        [10, 38],
        [52, 58],
      ],
      attributionControl: { compact: false, customAttribution: opts.attribution },
      dragRotate: false,
      pitchWithRotate: false,
      // Nothing from the network: no glyphs or sprite in the style; no telemetry.
      localIdeographFontFamily: 'sans-serif',
      // Symbols appear without a fade: each fade step is a full frame, hundreds of ms in software WebGL.
      fadeDuration: 0,
      canvasContextAttributes: { preserveDrawingBuffer: true },
    });
    // Our style has no sky; MapLibre would draw its transparent one over the whole canvas every frame.
    skipInvisibleSky(this.map);
    this.loaded = new Promise((ok) =>
      this.map.once('load', () => {
        startupMark('map-load');
        ok();
      }),
    );
    this.pacer = paceFrames(this.map, LOADING_FRAME_GAP_MS);
    // A person moving the map while it loads gets every frame (movestart carries the gesture's event; a fitBounds
    // from the app does not), and pacing never outlives the first screen's loading.
    this.map.on('movestart', (e: { originalEvent?: unknown }) => {
      if (e.originalEvent) this.pacer.release();
    });
    // A gesture's first frame is the one that moves the camera (and fires movestart): while the first result settles
    // that frame could be held, so the gesture's own input events end pacing at once.
    for (const type of ['mousedown', 'touchstart', 'wheel'] as const) this.map.on(type, () => this.pacer.release());
    const paceTimer = setTimeout(() => this.pacer.release(), LOADING_PACE_MAX_MS);
    this.map.once('remove', () => clearTimeout(paceTimer));
    this.deck = new LazyDeckOverlay(this.map);
    this.symbols = new MapSymbols(this.map);
    // For browser tests: the MapLibre map on its container (queryRenderedFeatures, getFeatureState).
    Object.defineProperty(opts.container, 'hcMap', { configurable: true, value: this.map });
    this.map.touchZoomRotate.disableRotation();
    this.map.keyboard.enable();
    this.map.addControl(this.nav, 'top-right');
    this.map.addControl(this.scale, 'bottom-right');
    // Hover, picked once per frame: the facility symbols, then the deck.gl layers, the settlement circles, the hromadas.
    this.map.on('mousemove', (e) => {
      const pending = this.hoverAt !== null;
      this.hoverAt = { x: e.point.x, y: e.point.y, lon: e.lngLat.lng, lat: e.lngLat.lat };
      if (!pending) requestAnimationFrame(() => this.hover());
    });
    // Clicks come from MapLibre (deck's own click gesture does not reach the interleaved overlay reliably): pick
    // what lies under the pointer, and always report the clicked lon/lat (`coordinate`).
    this.map.on('click', (e) => this.handlers.onClick(this.infoAt(e.point.x, e.point.y, e.lngLat.lng, e.lngLat.lat)));
    this.map.on('moveend', () => this.handlers.onViewChange(this.getView()));
    this.map.on('mouseout', () => {
      // a move in the same frame must not bring the hover back once the pointer has left
      this.hoverAt = null;
      this.setHover(null);
      this.handlers.onHover(null);
    });
    // Side panels open and close beside the map: follow the container, not only the window.
    if (typeof ResizeObserver !== 'undefined') {
      this.resizeObserver = new ResizeObserver(() => this.map.resize());
      this.resizeObserver.observe(opts.container);
    }
  }

  private hover(): void {
    const at = this.hoverAt;
    this.hoverAt = null;
    if (!at || this.destroyed) return;
    const info = this.infoAt(at.x, at.y, at.lon, at.lat);
    const id = (info.layer as { id?: string } | null)?.id;
    this.setHover(id === 'hromadas' ? (info.object as { id: number }).id : null);
    this.handlers.onHover(info.picked ? info : null);
  }

  /** What a click at pixel x, y (lon/lat) reports: the picked object, if any, and always `coordinate`. */
  private infoAt(x: number, y: number, lon: number, lat: number): PickingInfo {
    const none = noneInfo(x, y, lon, lat);
    const symbol = this.symbols.pick(x, y);
    if (symbol) return { ...none, ...symbol };
    const picked = this.deck.pick(x, y, 4);
    if (picked) return { ...picked, coordinate: none.coordinate };
    const settlement = settlementAt(this.map, x, y);
    if (settlement !== null) return settlementInfo(none, settlement);
    const h = hromadaAt(this.map, x, y);
    return h === null ? none : hromadaInfo(none, h);
  }

  private setHover(id: number | null): void {
    if (id === this.hoverId) return;
    if (this.hoverId !== null) this.map.setFeatureState({ ...this.hromadas, id: this.hoverId }, { hover: false });
    if (id !== null) this.map.setFeatureState({ ...this.hromadas, id }, { hover: true });
    this.hoverId = id;
  }

  /**
   * Colours the MapLibre choropleth: `fill(i)` is the RGBA of hromada index i (its feature id). Only changed colours
   * are sent (feature state: no re-tiling and no new geometry on a recompute, unlike a deck.gl polygon layer).
   */
  setChoropleth(count: number, fill: (i: number) => RGBA, visible: boolean): void {
    const m = this.map;
    if (!m.getLayer(CHOROPLETH_LAYER)) return;
    setVisibility(m, CHOROPLETH_LAYER, visible);
    this.sendChanged(this.hromadas, this.fills, count, (i) => {
      const css = toCss(fill(i));
      return [css, { fill: css }];
    });
  }

  /**
   * Sets feature state on ids 0…count-1 of `target` where it changed: `state(i)` gives a key and the state, and
   * `sent` keeps the key last sent per id.
   */
  private sendChanged(target: HromadaSource, sent: string[], count: number, state: (i: number) => [string, Record<string, unknown>]): void {
    for (let i = 0; i < count; i++) {
      const [key, value] = state(i);
      if (sent[i] === key) continue;
      sent[i] = key;
      this.map.setFeatureState({ ...target, id: i }, value);
    }
  }

  /**
   * The settlement circles (settlements-style.ts): added under the deck.gl layers the first time, replaced when the
   * points change (imported settlements); `visible` shows or hides them. The layer is added at once (its place in the
   * drawing order), but its source gets the points, and the circles their colours, only when the map is first zoomed
   * near SETTLEMENTS_MIN_ZOOM: below it nothing is drawn, and serialising and indexing their 8,700 points (about 0.1 s
   * of the main thread and more of MapLibre's worker) would only delay the first screen.
   */
  setSettlements(data: FeatureCollection, visible: boolean): void {
    const m = this.map;
    if (!m.getSource(SETTLEMENTS_LAYER)) {
      m.addSource(SETTLEMENTS_LAYER, { type: 'geojson', data: EMPTY_POINTS });
      const deckIds = new Set(this.deck.layers.map((l) => l.id));
      m.addLayer(settlementsLayerSpec(visible), m.getLayersOrder().find((id) => deckIds.has(id)));
      m.on('zoom', this.attachSettlements);
    } else if (data !== this.settlementData && this.settlementsAttached) {
      void m.getSource<GeoJSONSource>(SETTLEMENTS_LAYER)?.setData(data);
      this.settlementStatesSent = [];
      m.removeFeatureState({ source: SETTLEMENTS_LAYER });
    } else if (data !== this.settlementData) {
      // colours waiting for the old points (imported settlements replaced them) are not theirs
      this.settlementStatesWaiting = null;
    }
    this.settlementData = data;
    setVisibility(m, SETTLEMENTS_LAYER, visible);
    this.attachSettlements();
  }

  /** Gives the settlements' source its points (and the circles their colours) once the map is zoomed near them. */
  private readonly attachSettlements = (): void => {
    const m = this.map;
    if (this.settlementsAttached || !this.settlementData || m.getZoom() < SETTLEMENTS_MIN_ZOOM - SETTLEMENTS_ATTACH_AHEAD) return;
    this.settlementsAttached = true;
    m.off('zoom', this.attachSettlements);
    void m.getSource<GeoJSONSource>(SETTLEMENTS_LAYER)?.setData(this.settlementData);
    const states = this.settlementStatesWaiting;
    this.settlementStatesWaiting = null;
    if (states) this.setSettlementStates(states);
  };

  /** Colours the settlement circles; only changed states are sent (no re-tiling on a recompute). */
  setSettlementStates(s: SettlementStates): void {
    if (!this.map.getSource(SETTLEMENTS_LAYER)) return;
    if (!this.settlementsAttached) {
      this.settlementStatesWaiting = s;
      return;
    }
    this.sendChanged({ source: SETTLEMENTS_LAYER }, this.settlementStatesSent, s.count, (k) => {
      const fill = s.fill(k);
      const beyond = s.beyond(k);
      return [`${fill}|${beyond}`, { fill, beyond }];
    });
  }

  /**
   * Occupied hromadas hatched and hostilities-zone hromadas outlined (territory-style.ts), from the choropleth's own
   * polygons; added over the choropleth the first time, their filters replaced when the list changes.
   */
  setTerritory(t: TerritoryCodes): void {
    const m = this.map;
    if (t === this.territory) return;
    this.territory = t;
    if (!m.hasImage(HATCH_IMAGE)) m.addImage(HATCH_IMAGE, hatchImage(), { pixelRatio: 1 });
    const specs = territoryLayerSpecs(this.hromadas, t);
    if (m.getLayer(specs[0].id)) {
      for (const spec of specs) m.setFilter(spec.id, spec.filter);
      return;
    }
    const before = m.getLayer('hromada-lines') ? 'hromada-lines' : undefined;
    for (const spec of specs) m.addLayer(spec, before);
  }

  /** The visible area, degrees. */
  getBounds(): MapBounds {
    const b = this.map.getBounds();
    return { west: b.getWest(), south: b.getSouth(), east: b.getEast(), north: b.getNorth() };
  }

  /** Flies to a place (a settlement or a city's point) at `zoom` (default 12, or the current zoom when closer). */
  flyToPlace(lon: number, lat: number, zoom = 12): void {
    this.map.flyTo({ center: [lon, lat], zoom: Math.max(zoom, this.map.getZoom()), duration: 900, essential: true });
  }

  /** Reports a click at the centre of the map (the keyboard's way to place something: pan, then press a button). */
  clickAtCentre(): void {
    const c = this.map.getCenter();
    const p = this.map.project(c);
    this.handlers.onClick(this.infoAt(p.x, p.y, c.lng, c.lat));
  }

  /**
   * MapLibre's interface strings (its `locale` keys: 'NavigationControl.ZoomIn', 'Map.Title', …) in the interface
   * language. Its controls read them when added, so the zoom buttons and the scale are added anew.
   */
  setUiStrings(strings: Record<string, string>): void {
    const m = this.map as unknown as { _locale?: Record<string, string> };
    m._locale = { ...m._locale, ...strings };
    this.map.removeControl(this.nav);
    this.map.removeControl(this.scale);
    this.nav = new NavigationControl({ showCompass: false });
    this.scale = new ScaleControl({ unit: 'metric' });
    this.map.addControl(this.nav, 'top-right');
    this.map.addControl(this.scale, 'bottom-right');
    const title = strings['Map.Title'];
    if (title) this.map.getCanvas().setAttribute('aria-label', title);
    const toggle = strings['AttributionControl.ToggleAttribution'];
    const button = this.map.getContainer().querySelector('.maplibregl-ctrl-attrib-button');
    if (toggle && button) {
      button.setAttribute('title', toggle);
      button.setAttribute('aria-label', toggle);
    }
  }

  /**
   * The first result is on the map: its frame is drawn at once, and until the map is idle the frames after it wait
   * while tiles are in flight (the facility symbols, names and territory it shows), so that tiles arriving one by one
   * are drawn together instead of in a 150-350 ms software-WebGL frame each; then pacing stops (frame-pacer.ts) and
   * every interaction is drawn as soon as MapLibre asks.
   */
  firstScreenDrawn(): void {
    this.pacer.settle(() => !this.map.areTilesLoaded(), SETTLE_MAX_MS);
  }

  /** Resolves when the style has loaded. */
  whenLoaded(): Promise<void> {
    // Not `isStyleLoaded()`: it turns false again whenever a source has tiles in flight, long after 'load' has fired.
    return this.loaded;
  }

  /**
   * Resolves when the map has drawn everything pending (after new layers): on 'idle', or on the first frame drawn
   * with every source loaded and the map still. MapLibre fires 'idle' only after a frame that leaves nothing to
   * redraw, so a map that keeps redrawing (a placement or fade still settling, an overlay asking for frames) or is
   * already idle when asked would otherwise leave the promise, and the result it stands for, undrawn for good.
   */
  whenIdle(): Promise<void> {
    return new Promise((ok) => {
      const m = this.map;
      const done = () => {
        m.off('idle', done);
        m.off('render', onRender);
        ok();
      };
      const onRender = () => {
        if (m.loaded() && !m.isMoving()) done();
      };
      m.on('idle', done);
      m.on('render', onRender);
      m.triggerRepaint();
    });
  }

  setHandlers(h: MapHandlers): void {
    this.handlers = h;
  }

  setLayers(layers: Layer[]): void {
    this.deck.setLayers(layers);
  }

  getLayers(): readonly Layer[] {
    return this.deck.layers;
  }

  getView(): MapViewState {
    const c = this.map.getCenter();
    return { zoom: this.map.getZoom(), lat: c.lat, lon: c.lng };
  }

  jumpTo(view: MapViewState): void {
    this.map.jumpTo({ center: [view.lon, view.lat], zoom: view.zoom });
  }

  fitBounds(bounds: [[number, number], [number, number]], animate = true): void {
    this.map.fitBounds(bounds, { padding: { top: 60, bottom: 40, left: 40, right: 40 }, maxZoom: 11, animate, duration: animate ? 800 : 0 });
  }

  /** Adds (first time) or shows/hides the OpenStreetMap raster tiles under the outlines. */
  setOsm(on: boolean): void {
    if (on === this.osm) return;
    this.osm = on;
    const m = this.map;
    if (on && !m.getSource('osm')) {
      m.addSource('osm', { type: 'raster', tiles: [OSM_TILES], tileSize: 256, maxzoom: 19, attribution: OSM_ATTRIBUTION });
      m.addLayer({ id: 'osm', type: 'raster', source: 'osm', paint: { 'raster-opacity': 0.85 } }, 'nodata-fill');
    }
    if (m.getLayer('osm')) setVisibility(m, 'osm', on);
    setVisibility(m, 'land', !on);
  }

  /** Outlines hromada `code` (null: none). */
  setSelected(code: string | null): void {
    if (this.map.getLayer('hromada-selected')) this.map.setFilter('hromada-selected', ['==', ['get', 'code'], code ?? '']);
  }

  resize(): void {
    this.map.resize();
  }

  /**
   * The planner's draggable marker on the facility being edited (null: none). After a drag, `onDrop` gets the new
   * lon/lat (degrees).
   */
  setEditMarker(at: { lon: number; lat: number; label: string } | null, onDrop: ((lon: number, lat: number) => void) | null = null): void {
    this.onMarkerDrop = onDrop;
    if (!at) {
      this.editMarker?.remove();
      this.editMarker = null;
      return;
    }
    if (!this.editMarker) {
      const m = new Marker({ draggable: true, color: '#c62828' });
      m.on('dragend', () => {
        const p = m.getLngLat();
        this.onMarkerDrop?.(p.lng, p.lat);
      });
      m.getElement().classList.add('edit-marker');
      m.getElement().dataset.testid = 'edit-marker';
      this.editMarker = m.setLngLat([at.lon, at.lat]).addTo(this.map);
    }
    this.editMarker.setLngLat([at.lon, at.lat]);
    this.editMarker.getElement().setAttribute('aria-label', at.label);
    this.editMarker.getElement().title = at.label;
  }

  destroy(): void {
    this.editMarker?.remove();
    this.resizeObserver?.disconnect();
    this.destroyed = true;
    this.pacer.release();
    this.deck.destroy();
    this.map.remove();
  }
}
