/**
 * React side of the road network store (src/state/roads.ts): its snapshot, and per result the roads layer's data
 * (paths once per graph, colours per result and service) and which units the result timed by road (into the store).
 */
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { ModelParams, Service } from '../../engine/types';
import { roadsColors, type RoadsLayerData } from '../../map/layers/roads-colors';
import { fetchRoadNodeMinutes, fetchRoadPaths, fetchRoadUnitModels, loadDefaultRoads, roadsSnapshot, setRoadUnitModels, setRoadsDrawn, subscribeRoads, type RoadsSnapshot } from '../../state/roads';
import type { RoadPaths } from '../../worker/roads-protocol';

export function useRoads(): RoadsSnapshot {
  return useSyncExternalStore(subscribeRoads, roadsSnapshot);
}

let defaultAsked = false;

/** What the map's roads layer gets: its data (null until built) and whether it shows. */
export interface RoadsView {
  data: RoadsLayerData | null;
  visible: boolean;
}

/**
 * The roads layer's data for the result on the map: the paths are asked for once per graph (when the layer is first
 * switched on), the per-node minutes of `service` once per result. `resultVersion` is the page's result counter.
 */
export function useRoadsLayer(resultVersion: number, service: Service, params: ModelParams): RoadsView | null {
  const roads = useRoads();
  const ready = roads.status.type === 'ready';
  // public/geo/roads.graph, if the user put one there: looked for once the first result is drawn
  useEffect(() => {
    if (resultVersion < 1 || defaultAsked) return;
    defaultAsked = true;
    void loadDefaultRoads(new URL(`${import.meta.env.BASE_URL}geo/`, window.location.href).href);
  }, [resultVersion]);
  const [paths, setPaths] = useState<{ epoch: number; paths: RoadPaths } | null>(null);
  const [data, setData] = useState<RoadsLayerData | null>(null);
  const wanted = ready && roads.layerOn;
  useEffect(() => {
    if (!wanted || paths?.epoch === roads.epoch) return;
    let live = true;
    fetchRoadPaths().then(
      (p) => live && setPaths({ epoch: roads.epoch, paths: p }),
      (e: unknown) => console.warn('road paths', e),
    );
    return () => {
      live = false;
    };
  }, [wanted, roads.epoch, paths]);
  const norm = params.normMin[service].rural;
  const cap = params.reachCapMin[service];
  useEffect(() => {
    if (!wanted || !paths || paths.epoch !== roads.epoch) return;
    const ctrl = new AbortController();
    fetchRoadNodeMinutes(service, ctrl.signal).then(
      (m) => setData((prev) => ({ paths: paths.paths, colors: roadsColors(paths.paths, m.minutes, norm, cap), version: (prev?.version ?? 0) + 1 })),
      (e: unknown) => {
        if (!(e instanceof Error && e.name === 'AbortError')) console.warn('road minutes', e);
      },
    );
    return () => ctrl.abort();
  }, [wanted, paths, roads.epoch, resultVersion, service, norm, cap]);
  useEffect(() => {
    const drawn = wanted && data && data.paths === paths?.paths ? data.paths : null;
    // for tests: how many road paths the layer draws
    document.documentElement.dataset.roadPaths = String(drawn?.pathCount ?? 0);
    if (drawn) setRoadsDrawn(drawn.pathCount, drawn.omittedPaths);
  }, [wanted, data, paths]);
  // which units this result timed by road (for the panels, the legend and the exports), once per result
  const byRoad = ready && params.coverageMode === 'time' && params.travelModel === 'road';
  useEffect(() => {
    if (!byRoad) return setRoadUnitModels(null);
    let live = true;
    fetchRoadUnitModels(service).then(
      (m) => live && setRoadUnitModels(m),
      (e: unknown) => console.warn('road unit models', e),
    );
    return () => {
      live = false;
    };
  }, [byRoad, resultVersion, roads.epoch, service]);
  const shown = data && paths && data.paths === paths.paths ? data : null;
  // one object per change, so the map's layers are rebuilt only when the roads change; while another graph loads the
  // drawn one stays (the worker keeps it until the new one is parsed), so loading costs the map no redraw
  const loading = roads.status.type === 'loading' || roads.status.type === 'building';
  const view = useMemo(() => (ready ? { data: shown, visible: roads.layerOn } : null), [ready, shown, roads.layerOn]);
  const last = useRef<RoadsView | null>(null);
  if (!loading) last.current = view;
  return loading ? last.current : view;
}
