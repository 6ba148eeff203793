/**
 * Saving and printing the map (issue 15, point 3) from the page's state: the image text titled by the view (hromada,
 * raion, oblast or country; "with N planned units"), the frame (the chosen area, else what is on screen), and the PNG
 * download or the print. The last rendered image's title, size and render time (ms) are put on <html>
 * (data-map-image-title, -size, -ms) for tests.
 */
import { useCallback, useState, type MutableRefObject } from 'react';
import type { TFunction } from '../../i18n';
import type { Scenario } from '../../io/scenario';
import type { MapView } from '../../map/map-view';
import type { AppState } from '../../state/app-state';
import { userDataLines } from '../../state/attribution';
import type { CoverageResult } from '../../state/coverage-source';
import { exportFileName } from '../data/import-apply';
import { downloadBlob } from '../download';
import { renderMapImage, type ImageSize, type MapImageText, type RenderedMapImage } from '../map-image';
import { mapImageText, plannedUnitCount } from '../map-image-text';
import type { Boot } from '../use-boot';
import { printImage } from './print';
import type { AreaView } from './use-area-view';

export interface MapExportDeps {
  mapRef: MutableRefObject<MapView | null>;
  boot: Boot;
  state: AppState;
  scenario: Scenario;
  result: CoverageResult | null;
  icons: HTMLCanvasElement;
  t: TFunction;
  selectedIndex: number;
  /** The bundled and user source lines (used when the bundle's sources are not at hand). */
  attribution: readonly string[];
  areaView: AreaView;
}

export interface MapExport {
  /** The words of the image now (title, legend, sources), or null before the data are loaded. */
  text(): MapImageText | null;
  save(size: ImageSize): Promise<void>;
  print(): Promise<void>;
  /** Rendering, or the last error. */
  status: { type: 'idle' } | { type: 'busy' } | { type: 'error'; message: string };
  /** What framing an image uses: the chosen area unless a hromada is selected (then what is on screen). */
  frame(): [[number, number], [number, number]] | null;
}

export function useMapExport(d: MapExportDeps): MapExport {
  const [status, setStatus] = useState<MapExport['status']>({ type: 'idle' });
  const { mapRef, boot, state, scenario, result, icons, t, selectedIndex, attribution, areaView } = d;
  const text = useCallback((): MapImageText | null => {
    if (boot.type !== 'ready') return null;
    const report = boot.bundle.boundaryReport;
    return mapImageText(t, state, boot.data.hromadas, selectedIndex, report, attribution, new Date(), {
      territory: boot.bundle.territory ?? null,
      totals: result?.services[state.service].totals ?? null,
      area: areaView.imageArea,
      plannedUnits: plannedUnitCount(scenario.facilityEdits),
      bundledSources: boot.bundle.attribution,
      userLines: userDataLines(scenario, report),
    });
  }, [boot, t, state, selectedIndex, attribution, result, areaView.imageArea, scenario]);
  const frame = useCallback(() => (selectedIndex >= 0 ? null : areaView.bounds), [selectedIndex, areaView.bounds]);

  const render = useCallback(
    async (size: ImageSize): Promise<RenderedMapImage | null> => {
      const mv = mapRef.current;
      const words = text();
      if (!mv || !words) return null;
      setStatus({ type: 'busy' });
      const t0 = performance.now();
      try {
        const r = await renderMapImage({ map: mv, icons, text: words, size, bounds: frame() });
        const html = document.documentElement.dataset;
        html.mapImageTitle = r.title;
        html.mapImageSize = `${r.width}x${r.height}`;
        html.mapImageMs = String(Math.round(performance.now() - t0));
        setStatus({ type: 'idle' });
        return r;
      } catch (e) {
        setStatus({ type: 'error', message: e instanceof Error ? e.message : String(e) });
        return null;
      }
    },
    [mapRef, text, icons, frame],
  );

  const save = useCallback(
    async (size: ImageSize) => {
      const r = await render(size);
      if (!r || boot.type !== 'ready') return;
      const what = selectedIndex >= 0 ? `map-${boot.data.hromadas.codes[selectedIndex]}` : 'map';
      const suffix = size === 'screen' ? '' : `-${size.replace(':', 'x')}`;
      downloadBlob(r.blob, exportFileName(`${what}${suffix}`, 'png'));
    },
    [render, boot, selectedIndex],
  );

  const print = useCallback(async () => {
    const r = await render('print');
    if (r) await printImage(r);
  }, [render]);

  return { text, save, print, status, frame };
}
