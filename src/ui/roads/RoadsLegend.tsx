/**
 * The legend's road-network lines: which model produced the times (and how many units fell back to the straight
 * line), and, with the roads layer on, its colour ramp in minutes as the circles' ramp shows it (roadsMinutesRamp:
 * 0 · rural norm · 2 × rural norm+, the norm marked) with grey for roads not reached.
 */
import { useMemo } from 'react';
import type { ModelParams, Service } from '../../engine/types';
import { toCss } from '../../map/colors';
import { ROADS_UNREACHED } from '../../map/layers/roads-colors';
import { fmtInt } from '../../i18n';
import { useI18n } from '../i18n-context';
import { roadsMinutesRamp } from '../legend-entries';
import { MinutesAxis } from '../MinutesLegend';
import '../legend-minutes.css';
import { fallbackLabel, osmDateLabel, travelModelLabel } from './model-label';
import { useRoads } from './use-roads';

export function RoadsLegend({ service, params }: { service: Service; params: ModelParams }) {
  const { t, lang } = useI18n();
  const roads = useRoads();
  const fallback = fallbackLabel(t, lang, params, roads.unitModels);
  const layer = roads.status.type === 'ready' && roads.layerOn && params.travelModel === 'road';
  const rural = params.normMin[service].rural;
  const ramp = useMemo(() => roadsMinutesRamp(rural), [rural]);
  return (
    <div className="legend-block" data-testid="legend-travel-model" data-model={roads.unitModels ? 'road' : 'straight'}>
      <div className="legend-note">
        {t('roadsUi_travelModel')}: {travelModelLabel(t, lang, params, roads)}
      </div>
      {fallback && <div className="legend-note">{fallback}</div>}
      {layer && (
        <>
          <div className="legend-title">{t('roadsUi_legendRoads')}</div>
          <div
            className="minutes-ramp single"
            role="img"
            data-testid="legend-roads-ramp"
            data-max={ramp.max}
            aria-label={t('legendRoadsAria', { max: ramp.max, n: rural })}
          >
            {ramp.rows.map((r) => (
              <div
                key={r.kind}
                className="ramp minutes-bar"
                style={{ background: r.gradient }}
                title={t('legendRowRuralFull', { n: r.norm })}
                data-norm={r.norm}
              >
                <span
                  className="ramp-mark"
                  data-testid="roads-norm-mark"
                  style={{ left: `${(r.mark * 100).toFixed(2)}%` }}
                />
              </div>
            ))}
            <MinutesAxis ticks={ramp.ticks} />
          </div>
          <div className="legend-note minutes-key">
            <span className="minutes-key-mark" aria-hidden="true" /> {t('legendRuralNormMark')}
          </div>
          <div className="legend-note" data-testid="roads-unreached">
            <span
              className="swatch"
              style={{
                display: 'inline-block',
                width: 14,
                height: 4,
                verticalAlign: 'middle',
                background: toCss(ROADS_UNREACHED),
              }}
            />{' '}
            {t('roadsUi_unreached')}
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
