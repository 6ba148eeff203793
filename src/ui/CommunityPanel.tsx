import { useEffect, useMemo, useState } from 'react';
import { DERIVATIONS, SERVICES, type Service } from '../engine/types';
import { fmtInt, fmtMin, fmtPct } from '../i18n';
import type { MapData } from '../map/map-data';
import type { ImportedBoundaryProps } from '../state/boundaries';
import { activeFacilities, type CoverageResult } from '../state/coverage-source';
import { loadUnlocated, type UnlocatedSettlement } from '../state/load-data';
import { hromadaGap, hromadaSettlements } from '../state/summary';
import { FacilitySymbol } from './FacilitySymbol';
import { useI18n } from './i18n-context';

const FIRST_ROWS = 25;

export function CommunityPanel({
  index,
  data,
  result,
  service,
  onClose,
}: {
  index: number;
  data: MapData;
  result: CoverageResult | null;
  service: Service;
  onClose: () => void;
}) {
  const { t, lang } = useI18n();
  const { hromadas, demand } = data;
  const [showAll, setShowAll] = useState(false);
  const [unlocated, setUnlocated] = useState<UnlocatedSettlement[] | null>(null);
  const code = hromadas.codes[index]!;
  const imported = data.hromadaGeo.features[index]?.properties as ImportedBoundaryProps | null | undefined;
  useEffect(() => {
    let live = true;
    setUnlocated(null);
    setShowAll(false);
    loadUnlocated().then((u) => live && setUnlocated(u[code] ?? []));
    return () => {
      live = false;
    };
  }, [code]);
  const rows = useMemo(() => (result ? hromadaSettlements(demand, result, service, index) : []), [demand, result, service, index]);
  const gap = useMemo(() => (result ? hromadaGap(demand, result, service, index) : null), [demand, result, service, index]);
  const name = lang === 'en' && hromadas.namesEn[index] ? hromadas.namesEn[index]! : hromadas.names[index]!;
  const norm = result ? result.params.normMin[service] : null;
  const svcWord = t(`serviceShort_${service}`);
  let summary = '';
  if (result && gap && norm) {
    if (activeFacilities(result.facilities, service, result.params).length === 0) summary = t('summaryNoFacility');
    else if (gap.people === 0) summary = t('summaryAllCovered', { service: svcWord });
    else {
      summary =
        result.params.coverageMode === 'distance'
          ? t('summaryBeyondDistance', { people: fmtInt(lang, gap.settlementPeople), places: gap.settlements, km: result.params.coverageKm, service: svcWord })
          : t('summaryBeyond', {
              people: fmtInt(lang, gap.settlementPeople),
              places: gap.settlements,
              norm: hromadas.popUrban[index]! > 0 && hromadas.popRural[index]! === 0 ? norm.urban : norm.rural,
              service: svcWord,
            });
      if (gap.cellPeople > 0) summary += ' ' + t('summaryCells', { people: fmtInt(lang, gap.cellPeople) });
    }
  }
  const shown = showAll ? rows : rows.slice(0, FIRST_ROWS);
  return (
    <section className="panel community" aria-labelledby="community-title" data-hromada={code}>
      <header className="panel-head">
        <h2 id="community-title">
          {name} {t('hromada')}
        </h2>
        <button type="button" className="close" onClick={onClose} aria-label={t('close')}>
          ×
        </button>
      </header>
      <p className="muted">
        {[lang === 'en' ? hromadas.oblastsEn[index] || hromadas.oblasts[index] : hromadas.oblasts[index], hromadas.raions[index]].filter(Boolean).join(' · ')} ·{' '}
        {t('population')}: <span data-stat="population">{fmtInt(lang, hromadas.popTotal[index]!)}</span>
        {imported?.pop_resummed && <span className="muted small"> ({t('popResummed')})</span>}
      </p>
      {summary && (
        <p className="summary" data-testid="summary">
          {summary}
        </p>
      )}
      {result && (
        <table className="stats">
          <thead>
            <tr>
              <th scope="col" />
              {SERVICES.map((s) => (
                <th key={s} scope="col" className={s === service ? 'current' : ''}>
                  {t(`service_${s}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {(
              [
                ['shareCovered', (s: Service) => result.services[s].stats.share[index]!, (v: number) => fmtPct(lang, v)],
                ['medianTime', (s: Service) => result.services[s].stats.medianMin[index]!, (v: number) => `${fmtMin(lang, v)} ${t('minutes')}`],
                ['p90Time', (s: Service) => result.services[s].stats.p90Min[index]!, (v: number) => `${fmtMin(lang, v)} ${t('minutes')}`],
                ['worstTime', (s: Service) => result.services[s].stats.maxMin[index]!, (v: number) => `${fmtMin(lang, v)} ${t('minutes')}`],
                ['outsidePopulation', (s: Service) => result.services[s].stats.population[index]! - result.services[s].stats.coveredPopulation[index]!, (v: number) => fmtInt(lang, v)],
                ['settlementsOutside', (s: Service) => result.services[s].stats.settlementsOutside[index]!, (v: number) => fmtInt(lang, v)],
                ['areaOutside', (s: Service) => result.services[s].stats.areaOutsideKm2[index]!, (v: number) => `${fmtInt(lang, v)} ${t('km2')}`],
              ] as const
            ).map(([key, get, fmt]) => (
              <tr key={key}>
                <th scope="row">{t(key)}</th>
                {SERVICES.map((s) => {
                  const v = get(s);
                  return (
                    <td key={s} data-stat={`${key}-${s}`} data-value={String(v)} className={s === service ? 'current' : ''}>
                      {fmt(v)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {gap && gap.firstDue.length > 0 && (
        <>
          <h3>{t('nearestFacilities')}</h3>
          <ul className="facility-list">
            {gap.firstDue.slice(0, 6).map((e) => (
              <li key={e.facility.id}>
                <FacilitySymbol type={e.facility.type} hollow={e.facility.source === 'illustrative' || e.facility.status === 'planned'} /> {e.facility.name}{' '}
                <span className="muted">
                  · {fmtInt(lang, e.people)} {t('people')}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>
        {t('settlements')} <span className="muted small">({t('settlementsHint')})</span>
      </h3>
      <table className="settlements" data-testid="settlement-table">
        <thead>
          <tr>
            <th scope="col">{t('settlements')}</th>
            <th scope="col" className="num">
              {t('population')}
            </th>
            <th scope="col" className="num">
              {t('time')}, {t('minutes')}
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <tr key={r.demandIndex} className={r.covered ? '' : 'beyond'}>
              <td>
                {r.name}
                {!r.covered && <span className="visually-hidden"> ({t('beyondNorm')})</span>}
              </td>
              <td className="num" title={t(`derivation_${DERIVATIONS[r.derivation] ?? 'official'}`)}>
                {fmtInt(lang, r.population)}
                {DERIVATIONS[r.derivation] === 'estimated_share' ? '*' : ''}
              </td>
              <td className="num">{Number.isFinite(r.minutes) ? fmtMin(lang, r.minutes) : t('unreachable')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > FIRST_ROWS && !showAll && (
        <button type="button" onClick={() => setShowAll(true)}>
          {t('showAll', { n: rows.length })}
        </button>
      )}
      <p className="muted small">* {t('derivation_estimated_share')}</p>
      <h3>{t('unlocated')}</h3>
      {unlocated === null ? (
        <p className="muted">{t('loading')}</p>
      ) : unlocated.length === 0 ? (
        <p className="muted">{t('unlocatedNone')}</p>
      ) : (
        <p className="unlocated" data-testid="unlocated">
          {unlocated.map((u) => u.name).join(', ')}
        </p>
      )}
    </section>
  );
}
