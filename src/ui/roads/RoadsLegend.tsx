/**
 * The legend's road-network lines: which model produced the times (and how many units fell back to the straight
 * line), and, with the roads layer on, its colour ramp over 0 … 2 × the rural norm with grey for roads not reached.
 */
import type { ModelParams, Service } from '../../engine/types';
import { gradientCss, toCss } from '../../map/colors';
import { ROADS_UNREACHED } from '../../map/layers/roads-colors';
import { fmtInt } from '../../i18n';
import { useI18n } from '../i18n-context';
import { fallbackLabel, osmDateLabel, travelModelLabel } from './model-label';
import { useRoads } from './use-roads';

export function RoadsLegend({ service, params }: { service: Service; params: ModelParams }) {
  const { t, lang } = useI18n();
  const roads = useRoads();
  const fallback = fallbackLabel(t, lang, params, roads.unitModels);
  const layer = roads.status.type === 'ready' && roads.layerOn && params.travelModel === 'road';
  return (
    <div className="legend-block" data-testid="legend-travel-model" data-model={roads.unitModels ? 'road' : 'straight'}>
      <div className="legend-note">
        {t('roadsUi_travelModel')}: {travelModelLabel(t, lang, params, roads)}
      </div>
      {fallback && <div className="legend-note">{fallback}</div>}
      {layer && (
        <>
          <div className="legend-title">
            {t('roadsUi_legendRoads')} ({t('legendNormMark')}: {params.normMin[service].rural})
          </div>
          <div className="ramp" style={{ background: gradientCss('minutes') }} />
          <div className="ramp-labels">
            <span>0</span>
            <span>{t('legendNormMark')}</span>
            <span>2× {t('legendNormMark')}+</span>
          </div>
          <div className="legend-note">
            <span className="swatch" style={{ background: toCss(ROADS_UNREACHED) }} /> {t('roadsUi_unreached')}
          </div>
          {roads.drawn && roads.drawn.omitted > 0 && (
            <div className="legend-note" data-testid="roads-omitted">
              {t('roadsUi_omitted', { n: fmtInt(lang, roads.drawn.omitted), shown: fmtInt(lang, roads.drawn.paths) })}
            </div>
          )}
        </>
      )}
    </div>
  );
}

/** The road network in the sources list while a graph is loaded: ODbL, © OpenStreetMap contributors, its OSM date. */
export function RoadsSourceItem() {
  const { t, lang } = useI18n();
  const date = (iso: string) => osmDateLabel(t, lang, iso);
  const roads = useRoads();
  const s = roads.status;
  if (s.type !== 'ready') return null;
  return (
    <li data-testid="roads-source">
      <strong>{t('roadsUi_dataTitle')}</strong> <span className="badge">ODbL 1.0</span>
      <div className="muted">{t('roadsUi_credit', { date: date(s.info.osmTimestamp), graph: s.info.fileName })}</div>
      <div lang="en">© OpenStreetMap contributors</div>
      <div>
        <a href="https://www.openstreetmap.org/copyright" target="_blank" rel="noopener noreferrer">
          https://www.openstreetmap.org/copyright
        </a>
      </div>
    </li>
  );
}
