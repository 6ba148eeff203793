/**
 * The framed oblast or raion (AppState.area) on the map: choosing one fits the map to it, clearing it shows the
 * country again, and a link's area is framed on open (unless the link also gives the map view). An area the data do
 * not have (a link from other boundaries) is dropped.
 */
import { useEffect, useMemo, useRef, type Dispatch, type MutableRefObject, type SetStateAction } from 'react';
import type { MapView } from '../../map/map-view';
import { UKRAINE_BOUNDS, type AppState, type Area } from '../../state/app-state';
import type { Boot } from '../use-boot';
import type { MapImageExtra } from '../map-image-text';
import { areaBounds, findArea, listAreas, sameArea, type AreaEntry } from './areas';

export interface AreaView {
  areas: readonly AreaEntry[];
  /** The framed area's box, or null for the country. */
  bounds: [[number, number], [number, number]] | null;
  /** What the image text needs to title by the area. */
  imageArea: MapImageExtra['area'];
}

export function useAreaView(
  boot: Boot,
  area: Area | null,
  setState: Dispatch<SetStateAction<AppState>>,
  mapRef: MutableRefObject<MapView | null>,
  /** The page opened with a map view of its own (a shared link's): do not re-frame its area on open. */
  openedWithView: boolean,
): AreaView {
  const data = boot.type === 'ready' ? boot.data : null;
  const areas = useMemo(() => (data ? listAreas(data.hromadas) : []), [data]);
  const entry = findArea(areas, area);
  const bounds = useMemo(() => (entry && data ? areaBounds(entry.members, data.hromadaGeo.features) : null), [entry, data]);
  const framed = useRef<Area | null | undefined>(undefined);

  useEffect(() => {
    if (!data) return;
    if (area && !entry) {
      console.warn(`Area ${area.oblast}${area.kind === 'raion' ? ` / ${area.raion}` : ''} is not in the data: showing the country.`);
      setState((s) => ({ ...s, area: null }));
      return;
    }
    const first = framed.current === undefined;
    if (!first && sameArea(framed.current, area)) return;
    framed.current = area;
    const mv = mapRef.current;
    if (!mv || (first && (openedWithView || !area))) return;
    mv.fitBounds(bounds ?? UKRAINE_BOUNDS);
  }, [data, area, entry, bounds, setState, mapRef, openedWithView]);

  const oblastEn = entry && data ? (data.hromadas.oblastsEn[entry.members[0]!] ?? '') : '';
  const imageArea = useMemo(() => (entry ? { area: entry.area, oblastEn } : null), [entry, oblastEn]);
  return { areas, bounds, imageArea };
}
