/**
 * The map instance: made at mount, remade when imported boundaries replace the hromada polygons; its hover, click and
 * view handlers; choosing a hromada (and flying to it); framing a shared link's hromada. Part of App (src/ui/App.tsx).
 */
import { useCallback, useEffect, useRef, useState, type Dispatch, type MutableRefObject, type SetStateAction } from 'react';
import { bbox } from '@turf/turf';
import type { PickingInfo } from '@deck.gl/core';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { Lang } from '../i18n';
import { mapUiStrings } from '../i18n/strings-a11y';
import type { PlaceHighlight } from '../map/layers';
import { pickedFacility } from '../map/layers/facilities';
import { circleTarget, type MapData } from '../map/map-data';
import { MapView } from '../map/map-view';
import { bundledBasemap } from '../map/style';
import { UKRAINE_BOUNDS, type AppState, type MapViewState } from '../state/app-state';
import { geoUrl } from '../state/load-data';
import { startupMark } from '../state/startup-mark';
import type { plannerClick } from './planner/planner-ui';
import type { HoverTarget } from './Tooltip';
import type { Boot } from './use-boot';

export type PlannerClick = (click: Parameters<typeof plannerClick>[1]) => boolean;

/** The map's refs and the view state the layers follow (zoom, the visible area of names, the ringed place). */
export function useMapViewState(initialView: MapViewState | null) {
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapView | null>(null);
  const viewRef = useRef<MapViewState | null>(initialView);
  const [zoom, setZoom] = useState(initialView?.zoom ?? 5.5);
  // The visible area while settlement names are drawn (from zoom 10; changes only when their set would), and the
  // place flown to from the community panel (ringed on the map).
  const [highlight, setHighlight] = useState<PlaceHighlight | null>(null);
  return { containerRef, mapRef, viewRef, zoom, setZoom, highlight, setHighlight };
}

export type MapViewRefs = ReturnType<typeof useMapViewState>;

export interface MapViewDeps {
  boot: Boot;
  bootRef: MutableRefObject<Boot>;
  stateRef: MutableRefObject<AppState>;
  setState: Dispatch<SetStateAction<AppState>>;
  setHover: (h: HoverTarget | null) => void;
  plannerClickRef: MutableRefObject<PlannerClick>;
  writeHash: () => void;
  lang: Lang;
  /** The view the page was opened with (a shared link's), if any. */
  initialView: MapViewState | null;
}

/**
 * The map's lifetime. The map is made at mount, before the data arrive, so that MapLibre loads the bundled tiles
 * while the page fetches and parses the rest; it is made anew only when imported boundaries replace the hromada
 * polygons (and again when they are removed). Handlers read the current data through bootRef.
 * @returns selectHromada: opens a hromada's panel and (by default) fits the map to it
 */
export function useMapView(m: MapViewRefs, deps: MapViewDeps): { selectHromada: (index: number, fly?: boolean) => void } {
  const { containerRef, mapRef, viewRef, setZoom } = m;
  const { boot, bootRef, stateRef, setState, setHover, plannerClickRef, writeHash, lang, initialView } = deps;

  const selectHromada = useCallback(
    (index: number, fly = true) => {
      const b = bootRef.current;
      setState((s) => ({ ...s, selection: { type: 'hromada', index }, panel: { type: 'community' } }));
      if (fly && b.type === 'ready' && mapRef.current) {
        const f = b.data.hromadaGeo.features[index];
        if (f) {
          const [x0, y0, x1, y1] = bbox(f);
          // After the panel has opened and the map has taken its new size.
          window.setTimeout(() => {
            mapRef.current?.resize();
            mapRef.current?.fitBounds([
              [x0, y0],
              [x1, y1],
            ]);
          }, 60);
        }
      }
    },
    [bootRef, mapRef, setState],
  );

  const importedGeo: FeatureCollection<Polygon | MultiPolygon> | null = boot.type === 'ready' && boot.bundle.boundaryReport ? boot.bundle.hromadaGeo : null;
  useEffect(() => {
    if (!containerRef.current) return;
    const dataNow = (): MapData | null => (bootRef.current.type === 'ready' ? bootRef.current.data : null);
    // Short credit on the map; the full list with licences is in the Sources panel.
    const attribution = 'KSE · Держстат / State Statistics Service · GeoNames (CC BY 4.0) · ukrainian_geodata (CC BY 4.0)';
    const mv = new MapView({
      container: containerRef.current,
      basemap: { ...bundledBasemap(geoUrl), hromadaGeo: importedGeo },
      view: viewRef.current,
      bounds: UKRAINE_BOUNDS,
      attribution,
      handlers: {
        onHover: (info: PickingInfo | null) => {
          const data = dataNow();
          if (!data || !info || info.index < 0) return setHover(null);
          const id = info.layer?.id ?? '';
          const { x, y } = info;
          const facility = pickedFacility(info);
          if (id === 'hromadas' && info.object) setHover({ kind: 'hromada', index: (info.object as { id: number }).id, x, y });
          else if (id === 'settlements') {
            // A located settlement, or a city of 50,000+ at its own point (its share and times over its cells).
            const c = circleTarget(data, info.index);
            setHover(c ? (c.kind === 'demand' ? { kind: 'demand', index: c.index, x, y } : { kind: 'city', city: c.city, x, y }) : null);
          }
          else if (id.startsWith('surface')) setHover({ kind: 'demand', index: info.object as number, x, y });
          else if (facility) setHover({ kind: 'facility', facility, x, y });
          else setHover(null);
        },
        onClick: (info: PickingInfo) => {
          const data = dataNow();
          if (!data) return;
          const id = info.layer?.id ?? '';
          let h = -1;
          if (id === 'hromadas' && info.object) h = (info.object as { id: number }).id;
          else if (id === 'settlements' && info.index >= 0) {
            const c = circleTarget(data, info.index);
            h = !c ? -1 : c.kind === 'demand' ? data.demand.hromada[c.index]! : (data.demand.cities[c.city]?.hromada ?? -1);
          }
          else if (id.startsWith('surface') && typeof info.object === 'number') h = data.demand.hromada[info.object]!;
          if (plannerClickRef.current({ layerId: id, object: pickedFacility(info) ?? info.object, coordinate: info.coordinate, hromada: h })) return;
          if (h >= 0) selectHromada(h, false);
        },
        onViewChange: (v) => {
          viewRef.current = v;
          setZoom(v.zoom);
          writeHash();
        },
      },
    });
    mapRef.current = mv;
    startupMark('map-created');
    if (stateRef.current.basemap === 'osm') void mv.whenLoaded().then(() => mv.setOsm(true));
    const onResize = () => mv.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      mv.destroy();
      mapRef.current = null;
    };
    // The refs and state setters are stable.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [importedGeo, selectHromada, writeHash]);
  // MapLibre's own controls (zoom buttons, scale, the map's label) in the interface language.
  useEffect(() => {
    mapRef.current?.setUiStrings(mapUiStrings(lang));
  }, [lang, importedGeo, mapRef]);

  // On the first data, a shared link's hromada (when the link has no view of its own) is brought into view.
  const framed = useRef(false);
  useEffect(() => {
    const mv = mapRef.current;
    if (boot.type !== 'ready' || !mv || framed.current) return;
    framed.current = true;
    const s = stateRef.current;
    const f = !initialView && s.selection.type === 'hromada' ? boot.data.hromadaGeo.features[s.selection.index] : undefined;
    if (!f) return;
    const [x0, y0, x1, y1] = bbox(f);
    mv.fitBounds(
      [
        [x0, y0],
        [x1, y1],
      ],
      false,
    );
  }, [boot, initialView, mapRef, stateRef]);

  return { selectHromada };
}
