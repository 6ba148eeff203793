/**
 * The map and what stands on it: the drop target for files, loading and error messages, the progress bar, the
 * assumed-units banner, the PNG button, the legend and the hover tooltip.
 */
import type { ReactNode, RefObject } from 'react';
import type { Facility } from '../engine/types';
import type { AppState } from '../state/app-state';
import type { CoverageResult } from '../state/coverage-source';
import { AssumedBanner } from './AssumedBanner';
import type { useFileDrop } from './data/use-file-drop';
import { useI18n } from './i18n-context';
import { Legend } from './Legend';
import { Tooltip, type HoverTarget } from './Tooltip';
import type { Boot } from './use-boot';
import { SaveMapControl } from './view/SaveMapControl';
import type { MapExport } from './view/use-map-export';

export function MapArea({
  containerRef,
  drop,
  boot,
  state,
  result,
  facilities,
  progress,
  hover,
  swapError,
  layersError,
  onDismissSwapError,
  onState,
  exporter,
}: {
  containerRef: RefObject<HTMLDivElement | null>;
  drop: ReturnType<typeof useFileDrop>;
  boot: Boot;
  state: AppState;
  result: CoverageResult | null;
  facilities: Facility[];
  progress: number | null;
  hover: HoverTarget | null;
  swapError: string | null;
  /** Why the deck.gl layers could not be loaded (they stay off until a reload), or null. */
  layersError: string | null;
  onDismissSwapError: () => void;
  onState: (patch: Partial<AppState>) => void;
  /** Saving the map as PNG (screen, 16:9, A4) and printing it (src/ui/view/). */
  exporter: MapExport;
}): ReactNode {
  const { t } = useI18n();
  return (
    <main className={drop.dragging ? 'map-wrap dragging' : 'map-wrap'} {...drop.props}>
      <div ref={containerRef} className="map" data-testid="map" />
      {drop.dragging && <div className="drop-overlay">{t('dropHere')}</div>}
      {boot.type === 'loading' && (
        <div className="overlay-msg" role="status">
          {t('loading')} ({boot.done}/{boot.total})
        </div>
      )}
      {boot.type === 'error' && (
        <div className="overlay-msg error" role="alert">
          {t('loadError', { message: boot.message })}
        </div>
      )}
      {swapError !== null && (
        <div className="overlay-msg error" role="alert">
          {t('swapFailed', { message: swapError })}{' '}
          <button type="button" onClick={onDismissSwapError}>
            {t('close')}
          </button>
        </div>
      )}
      {layersError !== null && (
        <div className="overlay-msg error" role="alert" data-testid="layers-error">
          {t('layersFailed', { message: layersError })}{' '}
          <button type="button" onClick={() => location.reload()}>
            {t('reloadPage')}
          </button>
        </div>
      )}
      {progress !== null && (
        <div className="progress" role="status" aria-live="polite">
          <span>{t('computing')}</span>
          <progress max={1} value={progress} aria-label={t('progress')} />
        </div>
      )}
      {boot.type === 'ready' && <AssumedBanner result={result} service={state.service} onClick={() => onState({ panel: { type: 'sources' } })} />}
      {boot.type === 'ready' && <SaveMapControl exporter={exporter} />}
      {boot.type === 'ready' && (
        <Legend
          service={state.service}
          params={state.params}
          layers={state.layers}
          boundaries={boot.bundle.boundaryReport}
          facilities={facilities}
          onOpenSources={() => onState({ panel: { type: 'sources' } })}
          onOpenData={() => onState({ panel: { type: 'data' } })}
          territory={boot.bundle.territory ?? null}
        />
      )}
      {hover && boot.type === 'ready' && <Tooltip target={hover} data={boot.data} result={result} service={state.service} />}
    </main>
  );
}
