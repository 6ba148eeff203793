import { DERIVATIONS, PLACE_SOURCES, TERRITORY_STATUSES, isAssumedFacility, type Facility, type Service } from '../engine/types';
import { isEstimatedDerivation } from '../engine/stats';
import { cityRow } from '../engine/places';
import { fmtInt, fmtPct, isKey, type Lang } from '../i18n';
import { facilityName } from '../i18n/facility-name';
import { placeName } from '../i18n/place-name';
import { cappedStat, cappedTime, fmtShare } from '../i18n/format';
import type { MapData } from '../map/map-data';
import { nearestFacility, type CoverageResult } from '../state/coverage-source';
import { useI18n } from './i18n-context';

export type HoverTarget =
  | { kind: 'hromada'; index: number; x: number; y: number }
  | { kind: 'demand'; index: number; x: number; y: number }
  /** A city of 50,000+ spread over cells, hovered at its own point (index into DemandTable.cities). */
  | { kind: 'city'; city: number; x: number; y: number }
  | { kind: 'facility'; facility: Facility; x: number; y: number };

function sourceLabel(t: ReturnType<typeof useI18n>['t'], source: string): string {
  const k = `source_${source}`;
  return isKey(k) ? t(k) : source;
}

/**
 * A place name in the interface language; in English the Latin name (KMU 2010) followed by the Ukrainian one, since a
 * tooltip cannot itself be hovered for a title.
 */
function Place({ name, lang }: { name: string; lang: Lang }) {
  const shown = placeName(name, lang);
  return (
    <>
      {shown}
      {shown !== name && (
        <span className="muted" lang="uk">
          {' '}
          ({name})
        </span>
      )}
    </>
  );
}

export function Tooltip({ target, data, result, service }: { target: HoverTarget; data: MapData; result: CoverageResult | null; service: Service }) {
  const { t, lang } = useI18n();
  const { hromadas, demand } = data;
  let body;
  switch (target.kind) {
    case 'hromada': {
      const i = target.index;
      const st = result?.services[service].stats;
      const cap = result ? result.params.reachCapMin[service] : 60;
      const status = TERRITORY_STATUSES[hromadas.status?.[i] ?? 0] ?? 'none';
      body = (
        <>
          <strong>
            {placeName(hromadas.names[i] ?? '', lang)} {t('hromada')}
          </strong>
          {lang === 'en' && <div className="muted" lang="uk">{hromadas.names[i]}</div>}
          <div className="muted">
            <Place name={hromadas.oblasts[i] ?? ''} lang={lang} />
          </div>
          {status !== 'none' && (
            <div className="tip-status">
              {t('territoryLabel')}: {t(`territory_${status}`)}
            </div>
          )}
          <div>
            {t('population')}: {fmtInt(lang, hromadas.popTotal[i]!)}
          </div>
          {st && (
            <>
              <div>
                {t('shareCovered')}: <b>{fmtPct(lang, st.share[i]!)}</b>
              </div>
              <div>
                {t('p90Time')}: {cappedStat(t, lang, st.p90Min[i]!, cap, 'p90', true).text} · {t('worstTime')}: {cappedTime(t, lang, st.maxMin[i]!, cap, true).text}
              </div>
              <div className="muted">
                {t('statAssumedShare')}: {fmtShare(lang, st.assumedPopulation[i]! / st.population[i]!)} · {t('statEstimatedShare')}:{' '}
                {fmtShare(lang, st.estimatedPopulation[i]! / st.population[i]!)}
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
      const c = demand.city?.[i] ?? -1;
      const city = c >= 0 ? demand.cities[c] : undefined;
      const placeSrc = PLACE_SOURCES[demand.place?.[i] ?? 0] ?? 'user';
      const placeKey = city ? 'place_city_cell' : (`place_${placeSrc}` as const);
      const cap = result ? result.params.reachCapMin[service] : 60;
      const m = cov ? cov.coverage.minutes[i]! : NaN;
      const basis = fac ? (isAssumedFacility(fac) ? 'assumed' : fac.source.startsWith('user') ? 'user' : 'sourced') : null;
      body = (
        <>
          <strong>{city ? t('cityCell', { name: placeName(city.name, lang) }) : isCell ? t('cell') : <Place name={demand.names[i] ?? ''} lang={lang} />}</strong>
          {h >= 0 && <div className="muted">{t('settlementIn', { name: placeName(hromadas.names[h]!, lang) })}</div>}
          <div>
            {t('population')}: {fmtInt(lang, demand.population[i]!)} ({t(`derivation_${der}`)})
          </div>
          {cov && (
            <>
              <div>
                {t('time')}: <b>{cappedTime(t, lang, m, cap, true).text}</b> ({cov.coverage.covered[i] ? t('inNorm') : t('beyondNorm')})
              </div>
              {fac && (
                <div>
                  {t('tipFirstDue')}: {facilityName(fac, lang)} <span className={`basis-tag basis-${basis}`}>{t(`basis_${basis!}`)}</span>
                </div>
              )}
            </>
          )}
          <div className="muted tip-basis" data-testid="tip-basis">
            {t('tipNumber')}: {t(isEstimatedDerivation(demand.derivation[i]!) ? 'number_estimated' : 'number_official')} · {t('tipPlace')}: {t(placeKey)}
          </div>
        </>
      );
      break;
    }
    case 'city': {
      const c = demand.cities[target.city];
      if (!c) return null;
      const cov = result?.services[service].coverage;
      const cap = result ? result.params.reachCapMin[service] : 60;
      const row = cov ? cityRow(demand, data.cityIndex, cov, target.city) : null;
      body = (
        <>
          <strong>
            <Place name={c.name} lang={lang} />
          </strong>
          {c.hromada >= 0 && <div className="muted">{t('settlementIn', { name: placeName(hromadas.names[c.hromada] ?? '', lang) })}</div>}
          <div>
            {t('population')}: {fmtInt(lang, c.population)}
          </div>
          {row && (
            <div data-testid="tip-city">
              {t('cityDetail', {
                share: fmtShare(lang, row.share),
                median: cappedStat(t, lang, row.minutes, cap, 'median', true).text,
                p90: cappedStat(t, lang, row.p90, cap, 'p90', true).text,
                max: cappedTime(t, lang, row.max, cap, true).text,
              })}
            </div>
          )}
          <div className="muted small">{t('cityTipCells', { n: fmtInt(lang, c.cells) })}</div>
        </>
      );
      break;
    }
    case 'facility': {
      const f = target.facility;
      body = (
        <>
          <strong>{facilityName(f, lang)}</strong>
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
