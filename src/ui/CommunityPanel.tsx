import { useEffect, useMemo, useState } from 'react';
import { cityIndex } from '../engine/places';
import { DERIVATIONS, isAssumedFacility, SERVICES, TERRITORY_STATUSES, isOccupiedCode, type Facility, type Service } from '../engine/types';
import { fmtInt, fmtPct } from '../i18n';
import { facilityName } from '../i18n/facility-name';
import { placeName, placeTitle } from '../i18n/place-name';
import { cappedStat, cappedTime, fmtShare, plural, timeRange, type CappedTime } from '../i18n/format';
import type { MapData } from '../map/map-data';
import type { ImportedBoundaryProps } from '../state/boundaries';
import { activeFacilities, firstDueFrom, type CoverageResult } from '../state/coverage-source';
import { loadUnlocated, type UnlocatedSettlement } from '../state/load-data';
import { hromadaBasis, hromadaPlaceLines, hromadaWords, unlocatedLines, type PlaceLine } from '../state/summary';
import { assumedSentence, summarySentences } from './community-summary';
import { FacilitySymbol } from './FacilitySymbol';
import { facilitiesPresent, missingOwnTypes } from './legend-entries';
import { NoOwnNote } from './NoOwnNote';
import { useI18n } from './i18n-context';
import { reportHash } from './report/route';
import { RoadUnitMark, RoadsModelNote } from './roads/RoadsPanelNote';

const FIRST_ROWS = 25;

/** A place the panel asks the map to fly to and highlight: a located settlement (unit ≥ 0) or a city (city ≥ 0). */
export interface SelectedPlace {
  lon: number;
  lat: number;
  name: string;
  unit: number;
  city: number;
}

/** sourced / assumed / user: what a facility's answer rests on. */
export function facilityBasis(f: Facility): 'sourced' | 'assumed' | 'user' {
  return isAssumedFacility(f) ? 'assumed' : f.source.startsWith('user') ? 'user' : 'sourced';
}

function Capped({ c, testid }: { c: CappedTime; testid?: string }) {
  return (
    <span className={c.beyond ? 'capped' : undefined} title={c.title || undefined} data-testid={testid}>
      {c.text}
    </span>
  );
}

export function CommunityPanel({
  index,
  data,
  result,
  service,
  territory,
  onClose,
  onSelectPlace,
  onOpenData,
}: {
  index: number;
  data: MapData;
  result: CoverageResult | null;
  service: Service;
  /** Name and date of the territory-status list in use (default: the built-in 2022 list). */
  territory?: string | undefined;
  onClose: () => void;
  /** Fly the map to a settlement of the list and highlight it. */
  onSelectPlace?: ((p: SelectedPlace) => void) | undefined;
  /** Opens the Data panel (to import facilities). */
  onOpenData?: (() => void) | undefined;
}) {
  const { t, lang } = useI18n();
  const { hromadas, demand } = data;
  const [showAll, setShowAll] = useState(false);
  const [showAllUnlocated, setShowAllUnlocated] = useState(false);
  const [unlocated, setUnlocated] = useState<UnlocatedSettlement[] | null>(null);
  const code = hromadas.codes[index]!;
  const imported = data.hromadaGeo.features[index]?.properties as ImportedBoundaryProps | null | undefined;
  useEffect(() => {
    let live = true;
    setUnlocated(null);
    setShowAll(false);
    setShowAllUnlocated(false);
    loadUnlocated().then((u) => live && setUnlocated(u[code] ?? []));
    return () => {
      live = false;
    };
  }, [code]);
  const cities = useMemo(() => cityIndex(demand), [demand]);
  const rows = useMemo(() => (result ? hromadaPlaceLines(demand, cities, result, service, index) : []), [demand, cities, result, service, index]);
  const basis = useMemo(() => (result ? hromadaBasis(demand, result, service, index) : null), [demand, result, service, index]);
  const present = useMemo(() => (result ? facilitiesPresent(activeFacilities(result.facilities, service, result.params)) : null), [result, service]);
  // Place names in Latin script in English (KMU 2010), the Ukrainian name on hover.
  const ukName = hromadas.names[index]!;
  const name = placeName(ukName, lang);
  const params = result?.params;
  const cap = params ? params.reachCapMin[service] : 60;
  const st = result?.services[service].stats;
  const rangeMin = st ? st.spreadMinMin[index]! : NaN;
  const rangeMax = st ? st.spreadMaxMin[index]! : NaN;
  const range = timeRange(t, lang, rangeMin, rangeMax, cap);
  const ulines = useMemo(
    () => (unlocated && basis && params ? unlocatedLines(unlocated, basis.spreadPopulation, rangeMin, rangeMax, params, service) : null),
    [unlocated, basis, params, rangeMin, rangeMax, service],
  );
  let sentences: string[] = [];
  let assumedText = '';
  if (result && basis && params) {
    const noFacility = activeFacilities(result.facilities, service, params).length === 0;
    const words = hromadaWords(rows, ulines, basis.spreadBeyond, params, service, noFacility);
    sentences = summarySentences(t, lang, words, service, range);
    if (!noFacility) assumedText = assumedSentence(t, lang, basis, params.countAssumed);
  }
  const status = TERRITORY_STATUSES[hromadas.status?.[index] ?? 0] ?? 'none';
  const occupied = isOccupiedCode(hromadas.status?.[index] ?? 0);
  const missing = present ? missingOwnTypes(service, present) : [];
  const noOwn = present !== null && missing.length > 0 && missing.length === (service === 'police' ? 2 : 3);
  const medianBeyond = st ? st.medianMin[index]! > cap : false;
  const shown = showAll ? rows : rows.slice(0, FIRST_ROWS);
  // Help across borders: the other hromadas whose units reach this one's people first.
  const across = useMemo(() => (result ? firstDueFrom(result, demand, hromadas, service, index) : []), [result, demand, hromadas, service, index]);
  const ushown = ulines ? (showAllUnlocated ? ulines : ulines.slice(0, FIRST_ROWS)) : [];
  const placeTime = (r: PlaceLine) => (r.city >= 0 ? cappedStat(t, lang, r.minutes, cap, 'median') : cappedTime(t, lang, r.minutes, cap));
  const select = (r: PlaceLine) => onSelectPlace?.({ lon: r.lon, lat: r.lat, name: r.name, unit: r.unit, city: r.city });
  const minutesCell = (v: number, what: 'median' | 'p90' | 'max', s: Service) => {
    const c = result!.params.reachCapMin[s];
    const x = what === 'max' ? cappedTime(t, lang, v, c, true) : cappedStat(t, lang, v, c, what, true);
    return <Capped c={x} />;
  };
  return (
    <section className={occupied ? 'panel community occupied' : 'panel community'} aria-labelledby="community-title" data-hromada={code}>
      <header className="panel-head">
        <h2 id="community-title">
          <span title={placeTitle(ukName, lang)} data-testid="hromada-name">
            {name}
          </span>{' '}
          {t('hromada')}
        </h2>
        <button type="button" title={t('report_buttonTitle')} data-testid="open-report" onClick={() => window.open(reportHash(window.location.hash, code, lang), '_blank', 'noopener')}>
          {t('report_button')}
        </button>
        <button type="button" className="close" onClick={onClose} aria-label={t('close')}>
          ×
        </button>
      </header>
      <p className="muted">
        {[hromadas.oblasts[index], hromadas.raions[index]]
          .filter((n): n is string => !!n)
          .map((n, k) => (
            <span key={k}>
              {k > 0 ? ' · ' : ''}
              <span title={placeTitle(n, lang)}>{placeName(n, lang)}</span>
            </span>
          ))}{' '}
        ·{' '}
        {t('population')}: <span data-stat="population">{fmtInt(lang, hromadas.popTotal[index]!)}</span>
        {imported?.pop_resummed && <span className="muted small"> ({t('popResummed')})</span>}
      </p>
      <p className={`territory-status status-${status}`} data-testid="territory" data-status={status}>
        {t('territoryLabel')}: <strong>{t(`territory_${status}`)}</strong>{' '}
        <span className="muted small">({t('territoryList', { list: territory || t('territoryBuiltInName') })})</span>
        {occupied && <span className="block small"> {t('occupiedNote')}</span>}
      </p>
      {noOwn && <NoOwnNote service={service} className="honesty-note" testId="no-own-facilities" onOpenData={onOpenData} />}
      {sentences.length > 0 && (
        <p className="summary" data-testid="summary">
          {sentences.join(' ')}
        </p>
      )}
      {result && <RoadsModelNote params={result.params} />}
      {assumedText && (
        <p className="basis-note" data-testid="assumed-basis">
          {assumedText}
        </p>
      )}
      {result && (
        <table className="stats">
          <thead>
            <tr>
              <td />
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
                ['expectedShare', (s: Service) => result.services[s].stats.expectedShare[index]!, (v: number) => fmtPct(lang, v)],
                ['secondShare', (s: Service) => result.services[s].stats.secondShare[index]!, (v: number) => fmtPct(lang, v)],
                ['medianTime', (s: Service) => result.services[s].stats.medianMin[index]!, (v: number, s: Service) => minutesCell(v, 'median', s)],
                ['p90Time', (s: Service) => result.services[s].stats.p90Min[index]!, (v: number, s: Service) => minutesCell(v, 'p90', s)],
                ['worstTime', (s: Service) => result.services[s].stats.maxMin[index]!, (v: number, s: Service) => minutesCell(v, 'max', s)],
                ['outsidePopulation', (s: Service) => result.services[s].stats.population[index]! - result.services[s].stats.coveredPopulation[index]!, (v: number) => fmtInt(lang, v)],
                ['settlementsOutside', (s: Service) => result.services[s].stats.settlementsOutside[index]!, (v: number) => fmtInt(lang, v)],
                ['areaOutside', (s: Service) => result.services[s].stats.areaOutsideKm2[index]!, (v: number) => `${fmtInt(lang, v)} ${t('km2')}`],
                [
                  'statAssumedShare',
                  (s: Service) => result.services[s].stats.assumedPopulation[index]! / result.services[s].stats.population[index]!,
                  (v: number) => fmtShare(lang, v),
                ],
                [
                  'statEstimatedShare',
                  (s: Service) => result.services[s].stats.estimatedPopulation[index]! / result.services[s].stats.population[index]!,
                  (v: number) => fmtShare(lang, v),
                ],
              ] as const
            ).map(([key, get, fmt]) => (
              <tr key={key}>
                <th scope="row" title={key === 'expectedShare' ? t('expectedShareHint') : key === 'secondShare' ? t('secondShareHint') : undefined}>
                  {t(key)}
                </th>
                {SERVICES.map((s) => {
                  const v = get(s);
                  return (
                    <td key={s} data-stat={`${key}-${s}`} data-value={String(v)} className={s === service ? 'current' : ''}>
                      {fmt(v, s)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {medianBeyond && (
        <p className="muted small" data-testid="cap-note">
          {t('mostBeyondCap', { cap: fmtInt(lang, cap) })}
        </p>
      )}
      {basis && basis.firstDue.length > 0 && (
        <>
          <h3>{t('nearestFacilities')}</h3>
          <ul className="facility-list" data-testid="first-due">
            {basis.firstDue.slice(0, 6).map((e) => {
              const b = facilityBasis(e.facility);
              return (
                <li key={e.facility.id} data-basis={b}>
                  <FacilitySymbol type={e.facility.type} hollow={b === 'assumed' || e.facility.status === 'planned'} /> {facilityName(e.facility, lang)}{' '}
                  <span className={`basis-tag basis-${b}`}>{t(`basis_${b}`)}</span>{' '}
                  <span className="muted">
                    · {plural(t, lang, 'nPeople', e.people)} ({fmtShare(lang, e.people / basis.population)})
                  </span>
                </li>
              );
            })}
          </ul>
        </>
      )}
      {result && st && (
        <div data-testid="across-borders">
          <h3>{t('acrossTitle')}</h3>
          {across.length === 0 ? (
            <p className="muted small">{t('acrossNone')}</p>
          ) : (
            <ul className="small">
              {across.slice(0, 5).map((a) => (
                <li key={a.hromada} data-hromada={a.hromada >= 0 ? hromadas.codes[a.hromada] : ''} data-people={a.population} data-other-oblast={a.otherOblast ? '1' : '0'}>
                  {a.hromada >= 0
                    ? t('acrossFrom', { people: plural(t, lang, 'nPeople', a.population), name: placeName(hromadas.names[a.hromada]!, lang) })
                    : t('acrossUnknown', { people: plural(t, lang, 'nPeople', a.population) })}
                  {a.hromada >= 0 && a.otherOblast && <span className="muted"> ({placeName(hromadas.oblasts[a.hromada]!, lang)})</span>}
                </li>
              ))}
            </ul>
          )}
          {st.fromOtherOblastPopulation[index]! > 0 && (
            <p className="small" data-testid="across-oblast" data-value={String(st.fromOtherOblastPopulation[index])}>
              {t('acrossOtherOblast', {
                share: fmtShare(lang, st.population[index]! > 0 ? st.fromOtherOblastPopulation[index]! / st.population[index]! : NaN),
                people: plural(t, lang, 'nPeople', st.fromOtherOblastPopulation[index]!),
              })}
            </p>
          )}
        </div>
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
          {shown.map((r) => {
            const der = DERIVATIONS[r.derivation] ?? 'official';
            const time = placeTime(r);
            return (
              <tr key={r.city >= 0 ? `c${r.city}` : r.unit} className={r.beyondPeople > 0 ? 'beyond' : ''} data-testid={r.city >= 0 ? 'city-row' : 'place-row'} data-id={r.id}>
                <td>
                  {onSelectPlace ? (
                    <button type="button" className="linklike place-link" title={t('showOnMap', { name: placeName(r.name, lang) })} onClick={() => select(r)}>
                      <span title={placeTitle(r.name, lang)}>{placeName(r.name, lang)}</span>
                    </button>
                  ) : (
                    <span title={placeTitle(r.name, lang)}>{placeName(r.name, lang)}</span>
                  )}
                  {r.beyondPeople > 0 && <span className="visually-hidden"> ({t('beyondNorm')})</span>}
                  {r.city >= 0 && (
                    <div className="city-detail small muted" data-testid="city-detail">
                      {t('cityDetail', {
                        share: fmtShare(lang, r.share),
                        median: cappedStat(t, lang, r.minutes, cap, 'median', true).text,
                        p90: cappedStat(t, lang, r.p90, cap, 'p90', true).text,
                        max: cappedTime(t, lang, r.max, cap, true).text,
                      })}
                    </div>
                  )}
                </td>
                <td className="num" title={t(`derivation_${der}`)}>
                  {fmtInt(lang, r.population)}
                  {der === 'estimated_share' ? '*' : ''}
                </td>
                <td className="num" data-value={String(r.minutes)}>
                  <Capped c={time} />
                  {r.city < 0 && <RoadUnitMark unit={r.unit} />}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {rows.length > FIRST_ROWS && !showAll && (
        <button type="button" onClick={() => setShowAll(true)}>
          {t('showAll', { n: rows.length })}
        </button>
      )}
      <p className="muted small">* {t('derivation_estimated_share')}</p>
      <h3>{ulines && ulines.length > 0 ? t('unlocatedHead', { n: fmtInt(lang, ulines.length) }) : t('unlocated')}</h3>
      {ulines === null ? (
        <p className="muted">{t('loading')}</p>
      ) : ulines.length === 0 ? (
        <p className="muted">{t('unlocatedNone')}</p>
      ) : (
        <div data-testid="unlocated">
          <table className="settlements unlocated-table">
            <tbody>
              {ushown.map((u, k) => (
                <tr key={k} className={u.verdict === 'beyond' ? 'beyond' : u.verdict === 'possibly' ? 'possibly' : ''} data-testid="unlocated-row" data-verdict={u.verdict}>
                  <td>
                    <span title={placeTitle(u.name, lang)}>{placeName(u.name, lang)}</span>
                    {u.verdict === 'possibly' && <span className="visually-hidden"> ({t('possiblyBeyond')})</span>}
                    {u.verdict === 'beyond' && <span className="visually-hidden"> ({t('beyondNorm')})</span>}
                  </td>
                  <td className="num" title={t('unlocatedEstimated')}>
                    ≈{fmtInt(lang, u.people)}
                  </td>
                  <td className="num range" data-testid="unlocated-range">
                    {range ? t('locationUnknown', { range }) : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {ulines.length > FIRST_ROWS && !showAllUnlocated && (
            <button type="button" onClick={() => setShowAllUnlocated(true)}>
              {t('showAll', { n: ulines.length })}
            </button>
          )}
          <p className="muted small">{t('unlocatedEstimated')}</p>
        </div>
      )}
    </section>
  );
}
