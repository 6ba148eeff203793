import { DERIVATIONS, type Facility, type Service } from '../engine/types';
import { fmtInt, fmtMin, fmtPct, isKey } from '../i18n';
import type { MapData } from '../map/map-data';
import { nearestFacility, type CoverageResult } from '../state/coverage-source';
import { useI18n } from './i18n-context';

export type HoverTarget =
  | { kind: 'hromada'; index: number; x: number; y: number }
  | { kind: 'demand'; index: number; x: number; y: number }
  | { kind: 'facility'; facility: Facility; x: number; y: number };

function sourceLabel(t: ReturnType<typeof useI18n>['t'], source: string): string {
  const k = `source_${source}`;
  return isKey(k) ? t(k) : source;
}

export function Tooltip({ target, data, result, service }: { target: HoverTarget; data: MapData; result: CoverageResult | null; service: Service }) {
  const { t, lang } = useI18n();
  const { hromadas, demand } = data;
  let body;
  switch (target.kind) {
    case 'hromada': {
      const i = target.index;
      const st = result?.services[service].stats;
      body = (
        <>
          <strong>{hromadas.names[i]} {t('hromada')}</strong>
          <div className="muted">{lang === 'uk' ? hromadas.oblasts[i] : hromadas.oblastsEn[i] || hromadas.oblasts[i]}</div>
          <div>
            {t('population')}: {fmtInt(lang, hromadas.popTotal[i]!)}
          </div>
          {st && (
            <>
              <div>
                {t('shareCovered')}: <b>{fmtPct(lang, st.share[i]!)}</b>
              </div>
              <div>
                {t('p90Time')}: {fmtMin(lang, st.p90Min[i]!)} {t('minutes')} · {t('worstTime')}: {fmtMin(lang, st.maxMin[i]!)} {t('minutes')}
              </div>
            </>
          )}
        </>
      );
      break;
    }
    case 'demand': {
      const i = target.index;
      const cov = result?.services[service];
      const fIdx = result ? nearestFacility(result, service, i) : -1;
      const fac = result && fIdx >= 0 ? result.facilities[fIdx] : undefined;
      const isCell = demand.kind[i] === 1;
      const h = demand.hromada[i]!;
      const der = DERIVATIONS[demand.derivation[i]!] ?? 'official';
      body = (
        <>
          <strong>{isCell ? t('cell') : demand.names[i]}</strong>
          {h >= 0 && <div className="muted">{t('settlementIn', { name: hromadas.names[h]! })}</div>}
          <div>
            {t('population')}: {fmtInt(lang, demand.population[i]!)} ({t(`derivation_${der}`)})
          </div>
          {cov && (
            <>
              <div>
                {t('time')}: <b>{Number.isFinite(cov.coverage.minutes[i]!) ? `${fmtMin(lang, cov.coverage.minutes[i]!)} ${t('minutes')}` : t('unreachable')}</b>{' '}
                ({cov.coverage.covered[i] ? t('inNorm') : t('beyondNorm')})
              </div>
              {fac && (
                <div>
                  {t('nearestFacility')}: {fac.name}
                </div>
              )}
            </>
          )}
        </>
      );
      break;
    }
    case 'facility': {
      const f = target.facility;
      body = (
        <>
          <strong>{f.name}</strong>
          <div>
            {t(`type_${f.type}`)}
            {f.type === 'security_center' ? ` · ${t(`status_${f.status}`)}` : ''}
          </div>
          <div className="muted">
            {t('tooltipSource')}: {sourceLabel(t, f.source)}
          </div>
        </>
      );
      break;
    }
  }
  return (
    <div className="tooltip" role="tooltip" style={{ left: target.x + 14, top: target.y + 14 }}>
      {body}
    </div>
  );
}
