/**
 * The legend's response-time block for the settlement circles and the time cells: one minute axis from 0 to twice
 * the larger norm, a bar per settlement class coloured as the map colours it (urban norm for cities and towns, rural
 * norm for villages; one bar when the norms are equal), each with its norm marked and labelled in minutes, then the
 * circles' rim and size, the reach cap, and (below, RoadsLegend) the travel model that produced the times.
 */
import { useMemo } from 'react';
import type { ModelParams, Service } from '../engine/types';
import { minutesRamp, type MinutesRampRow, type MinutesRampTick } from './legend-entries';
import { useI18n } from './i18n-context';
import './legend-minutes.css';

export function MinutesLegend({
  service,
  params,
  settlements,
}: {
  service: Service;
  params: ModelParams;
  settlements: boolean;
}) {
  const { t } = useI18n();
  const { urban, rural } = params.normMin[service];
  const ramp = useMemo(() => minutesRamp({ urban, rural }), [urban, rural]);
  const full = (r: MinutesRampRow) =>
    r.kind === 'urban'
      ? t('legendRowUrbanFull', { n: r.norm })
      : r.kind === 'rural'
        ? t('legendRowRuralFull', { n: r.norm })
        : `${r.norm} ${t('minutes')}`;
  const single = ramp.rows.length === 1;
  return (
    <div className="legend-block" data-testid="legend-minutes" data-max={ramp.max}>
      <div className="legend-title minutes-title">
        <span>{t('legendMinutes')}</span>
        <span className="minutes-key" aria-hidden="true">
          <span className="minutes-key-mark" /> {t('legendNormMark')}
        </span>
      </div>
      <div
        className={single ? 'minutes-ramp single' : 'minutes-ramp'}
        role="img"
        aria-label={t('legendMinutesAria', { max: ramp.max, norms: ramp.rows.map(full).join(', ') })}
      >
        {ramp.rows.map((r) => [
          single ? null : (
            <span key={`${r.kind}-label`} className="minutes-row-label" title={full(r)}>
              {t(r.kind === 'urban' ? 'legendRowUrban' : 'legendRowRural')}
            </span>
          ),
          <div
            key={r.kind}
            className="ramp minutes-bar"
            style={{ background: r.gradient }}
            title={full(r)}
            data-kind={r.kind}
            data-norm={r.norm}
          >
            <span
              className="ramp-mark"
              data-testid={`norm-mark-${r.kind}`}
              style={{ left: `${(r.mark * 100).toFixed(2)}%` }}
            />
          </div>,
        ])}
        {single ? null : <span />}
        <MinutesAxis ticks={ramp.ticks} testId="legend-minutes-axis" />
      </div>
      {settlements && (
        <div className="legend-note">
          <span className="dot beyond" /> {t('legendBeyond')} · {t('legendSettlementSize')}
        </div>
      )}
      {settlements && (
        <div className="legend-note" data-testid="legend-circles-zoom">
          {t('legendSettlementsZoom')}
        </div>
      )}
      <div className="legend-note" data-testid="legend-cap">
        {t('beyondCapTitle', { cap: params.reachCapMin[service] })}
      </div>
    </div>
  );
}

/** The minute labels under a minutes ramp (legend-entries.ts), each at its place along the bar; the norms marked. */
export function MinutesAxis({ ticks, testId }: { ticks: readonly MinutesRampTick[]; testId?: string }) {
  return (
    <div className="minutes-axis" data-testid={testId}>
      {ticks.map((k) => (
        <span key={`${k.at}-${k.label}`} className={`tick ${k.align}`} style={{ left: `${(k.at * 100).toFixed(2)}%` }} data-norm={k.norm}>
          {k.label}
        </span>
      ))}
    </div>
  );
}
