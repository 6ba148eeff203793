/** The page's header: title, search, the panel buttons, "zoom to Ukraine" and the language switch. */
import type { AppState } from '../state/app-state';
import type { MapData } from '../map/map-data';
import { useI18n } from './i18n-context';
import { SearchBox } from './SearchBox';
import type { SearchHit } from './search';

type PanelButton = 'table' | 'data' | 'planner' | 'sources';

export function TopBar({
  state,
  data,
  onState,
  onPick,
  onZoomToUkraine,
  slidesOpen = false,
  onSlides,
}: {
  state: AppState;
  /** The map data once loaded (the search box appears then). */
  data: MapData | null;
  onState: (patch: Partial<AppState>) => void;
  onPick: (hit: SearchHit) => void;
  onZoomToUkraine: () => void;
  /** The Slides panel (presentation mode, src/ui/slides) is open; toggles it. */
  slidesOpen?: boolean;
  onSlides?: () => void;
}) {
  const { t } = useI18n();
  const panel = state.panel;
  const toggle = (type: 'params' | PanelButton) => onState({ panel: panel.type === type ? { type: 'none' } : { type } });
  return (
    <header className="topbar">
      <div className="brand">
        <h1>{t('appTitle')}</h1>
        <span className="subtitle">{t('appSubtitle')}</span>
      </div>
      {data && <SearchBox data={data} onPick={onPick} area={state.area} onClearArea={() => onState({ area: null })} />}
      <nav className="top-actions" aria-label={t('controls')}>
        <button type="button" className="narrow-only" aria-pressed={panel.type === 'params'} onClick={() => toggle('params')}>
          {t('a11y_layersButton')}
        </button>
        <button type="button" aria-pressed={panel.type === 'table'} onClick={() => toggle('table')}>
          {t('openTable')}
        </button>
        <button type="button" aria-pressed={panel.type === 'data'} onClick={() => toggle('data')}>
          {t('openData')}
        </button>
        <button type="button" aria-pressed={panel.type === 'planner'} onClick={() => toggle('planner')}>
          {t('openPlanner')}
        </button>
        {onSlides && (
          <button type="button" aria-pressed={slidesOpen} data-testid="slides-open" onClick={onSlides}>
            {t('slides_open')}
          </button>
        )}
        <button type="button" aria-pressed={panel.type === 'sources'} onClick={() => toggle('sources')}>
          {t('openSources')}
        </button>
        <button type="button" onClick={onZoomToUkraine}>
          {t('zoomToUkraine')}
        </button>
        <div className="lang" role="group" aria-label={t('language')}>
          <button type="button" lang="uk" aria-pressed={state.lang === 'uk'} onClick={() => onState({ lang: 'uk' })}>
            УКР
          </button>
          <button type="button" lang="en" aria-pressed={state.lang === 'en'} onClick={() => onState({ lang: 'en' })}>
            EN
          </button>
        </div>
      </nav>
    </header>
  );
}
