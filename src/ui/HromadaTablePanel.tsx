import { useMemo, useState } from 'react';
import { isOccupiedCode, TERRITORY_STATUSES, type Service, type Totals } from '../engine/types';
import { fmtInt, fmtPct } from '../i18n';
import { placeName, placeTitle } from '../i18n/place-name';
import { cappedTime, fmtShare } from '../i18n/format';
import type { MapData } from '../map/map-data';
import type { CoverageResult } from '../state/coverage-source';
import { totals } from '../state/summary';
import { useI18n } from './i18n-context';

type SortKey = 'outside' | 'share' | 'worst' | 'name' | 'population' | 'status' | 'assumed' | 'expected' | 'second' | 'across';

const MAX_ROWS = 300;

export function HromadaTablePanel({
  data,
  result,
  service,
  oblast,
  onOblast,
  onPick,
  onClose,
  territory,
}: {
  data: MapData;
  result: CoverageResult | null;
  service: Service;
  oblast: string;
  onOblast: (o: string) => void;
  onPick: (index: number) => void;
  onClose: () => void;
  /** Name and date of the territory-status list in use (default: the built-in 2022 list). */
  territory?: string | undefined;
}) {
  const { t, lang } = useI18n();
  const h = data.hromadas;
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'outside', desc: true });
  const [showAll, setShowAll] = useState(false);
  const [hideOccupied, setHideOccupied] = useState(false);
  const [minAssumed, setMinAssumed] = useState(0);
  // Oblast names (Ukrainian, the filter's value) with the name shown: Latin script (KMU 2010) in English.
  const oblasts = useMemo(() => {
    const m = new Map<string, string>();
    h.oblasts.forEach((o) => m.set(o, placeName(o, 'en')));
    return [...m.entries()].sort((a, b) => a[0].localeCompare(b[0], 'uk'));
  }, [h]);
  const stats = result?.services[service].stats;
  const rows = useMemo(() => {
    if (!stats) return [];
    const idx: number[] = [];
    const assumedShare = (i: number) => (stats.population[i]! > 0 ? stats.assumedPopulation[i]! / stats.population[i]! : 0);
    for (let i = 0; i < h.count; i++) {
      if (oblast && h.oblasts[i] !== oblast) continue;
      if (hideOccupied && isOccupiedCode(h.status?.[i] ?? 0)) continue;
      if (minAssumed > 0 && !(assumedShare(i) * 100 >= minAssumed - 1e-9)) continue;
      idx.push(i);
    }
    const val = (i: number): number | string => {
      switch (sort.key) {
        case 'outside':
          return stats.population[i]! - stats.coveredPopulation[i]!;
        case 'share':
          return Number.isFinite(stats.share[i]!) ? stats.share[i]! : -1;
        case 'worst':
          return Number.isFinite(stats.maxMin[i]!) ? stats.maxMin[i]! : 1e9;
        case 'population':
          return stats.population[i]!;
        case 'name':
          return h.names[i]!;
        case 'status':
          return h.status?.[i] ?? 0;
        case 'assumed':
          return assumedShare(i);
        case 'expected':
          return Number.isFinite(stats.expectedShare[i]!) ? stats.expectedShare[i]! : -1;
        case 'second':
          return Number.isFinite(stats.secondShare[i]!) ? stats.secondShare[i]! : -1;
        case 'across':
          return stats.fromOtherHromadaPopulation[i]!;
      }
    };
    idx.sort((a, b) => {
      const va = val(a);
      const vb = val(b);
      const c = typeof va === 'string' ? va.localeCompare(vb as string, 'uk') : va - (vb as number);
      return sort.desc ? -c : c;
    });
    return idx;
  }, [stats, h, oblast, sort, hideOccupied, minAssumed]);
  const sr = result?.services[service];
  const national = sr ? sr.totals : null;
  const nationalOcc = sr ? sr.occupiedTotals : null;
  const regional = stats && oblast ? totals(h, stats, oblast) : null;
  const regionalOcc = stats && oblast ? totals(h, stats, oblast, true) : null;
  const totalText = (tt: Totals) =>
    t('totalLine', {
      covered: fmtInt(lang, tt.coveredPopulation),
      population: fmtInt(lang, tt.population),
      share: fmtPct(lang, tt.share),
      outside: fmtInt(lang, tt.population - tt.coveredPopulation),
    }) +
    '; ' +
    t('totalAssumed', { share: fmtShare(lang, tt.assumedShare) }) +
    '; ' +
    t('totalExpected', { share: fmtPct(lang, tt.expectedShare), second: fmtPct(lang, tt.secondShare) });
  const occText = (tt: Totals | null) =>
    tt && tt.population > 0 ? (
      <span className="occupied-beside muted small">
        {' '}
        · {t('occupiedBeside')}: {totalText(tt)}
      </span>
    ) : null;
  const cap = result ? result.params.reachCapMin[service] : 60;
  const header = (key: SortKey, label: string, num = true) => (
    <th scope="col" className={num ? 'num' : ''} aria-sort={sort.key === key ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
      <button
        type="button"
        className="sort"
        title={t('sortBy', { col: label })}
        onClick={() => setSort((s) => ({ key, desc: s.key === key ? !s.desc : key !== 'name' }))}
      >
        {label} {sort.key === key ? (sort.desc ? '▼' : '▲') : ''}
      </button>
    </th>
  );
  const shown = showAll ? rows : rows.slice(0, MAX_ROWS);
  return (
    <section className="panel table-panel" aria-labelledby="table-title">
      <header className="panel-head">
        <h2 id="table-title">{t('tableTitle')}</h2>
        <button type="button" className="close" onClick={onClose} aria-label={t('close')}>
          ×
        </button>
      </header>
      {national && (
        <p className="total" data-testid="national-total">
          <strong>{t('controlledTotal')}:</strong> {totalText(national)}
          {occText(nationalOcc)}
        </p>
      )}
      {regional && (
        <p className="total" data-testid="oblast-total">
          <strong>{t('oblastTotal', { name: lang === 'en' ? (oblasts.find((o) => o[0] === oblast)?.[1] ?? oblast) : oblast })}:</strong> {totalText(regional)}
          {occText(regionalOcc)}
        </p>
      )}
      <div className="field">
        <label htmlFor="oblast-filter">{t('oblast')}</label>
        <select id="oblast-filter" value={oblast} onChange={(e) => onOblast(e.target.value)}>
          <option value="">{t('allOblasts')}</option>
          {oblasts.map(([uk, en]) => (
            <option key={uk} value={uk}>
              {lang === 'en' ? en : uk}
            </option>
          ))}
        </select>
      </div>
      <div className="field table-filters">
        <label>
          <input type="checkbox" checked={hideOccupied} onChange={(e) => setHideOccupied(e.target.checked)} data-testid="hide-occupied" /> {t('hideOccupied')}
        </label>
        <label>
          {t('minAssumed')}{' '}
          <input
            type="number"
            min={0}
            max={100}
            step={5}
            value={minAssumed}
            onChange={(e) => setMinAssumed(Math.min(100, Math.max(0, Number(e.target.value) || 0)))}
            data-testid="min-assumed"
          />
        </label>
      </div>
      <p className="muted small">{t('territoryList', { list: territory || t('territoryBuiltInName') })}</p>
      <div className="table-scroll">
        <table className="hromada-table">
          <thead>
            <tr>
              {header('name', t('community'), false)}
              {header('status', t('colStatus'), false)}
              {header('population', t('population'))}
              {header('outside', t('outsidePopulation'))}
              {header('share', t('share'))}
              {header('expected', t('colExpected'))}
              {header('second', t('colSecond'))}
              {header('worst', t('worstTime'))}
              {header('assumed', t('colAssumed'))}
              {header('across', t('colFromOther'))}
            </tr>
          </thead>
          <tbody>
            {stats &&
              shown.map((i) => {
                const code = h.status?.[i] ?? 0;
                const status = TERRITORY_STATUSES[code] ?? 'none';
                const worst = cappedTime(t, lang, stats.maxMin[i]!, cap);
                return (
                  <tr key={i} className={isOccupiedCode(code) ? 'occupied' : ''} data-status={status} data-code={h.codes[i]}>
                    <td>
                      <button type="button" className="linklike" title={placeTitle(h.names[i]!, lang)} onClick={() => onPick(i)}>
                        {placeName(h.names[i]!, lang)}
                      </button>
                    </td>
                    <td className="small">{status === 'none' ? '' : t(`territory_${status}`)}</td>
                    <td className="num">{fmtInt(lang, stats.population[i]!)}</td>
                    <td className="num">{fmtInt(lang, stats.population[i]! - stats.coveredPopulation[i]!)}</td>
                    <td className="num">{fmtPct(lang, stats.share[i]!)}</td>
                    <td className="num" data-stat="expected" data-value={String(stats.expectedShare[i])}>
                      {fmtPct(lang, stats.expectedShare[i]!)}
                    </td>
                    <td className="num" data-stat="second">{fmtPct(lang, stats.secondShare[i]!)}</td>
                    <td className={worst.beyond ? 'num capped' : 'num'} title={worst.title || undefined}>
                      {worst.text}
                    </td>
                    <td className="num" data-stat="assumed">
                      {fmtShare(lang, stats.population[i]! > 0 ? stats.assumedPopulation[i]! / stats.population[i]! : NaN)}
                    </td>
                    <td className="num" data-stat="across">{fmtInt(lang, stats.fromOtherHromadaPopulation[i]!)}</td>
                  </tr>
                );
              })}
          </tbody>
        </table>
      </div>
      {rows.length > MAX_ROWS && !showAll && (
        <button type="button" onClick={() => setShowAll(true)}>
          {t('showAll', { n: rows.length })}
        </button>
      )}
    </section>
  );
}
