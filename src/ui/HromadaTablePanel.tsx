import { useMemo, useState } from 'react';
import type { Service } from '../engine/types';
import { fmtInt, fmtMin, fmtPct } from '../i18n';
import type { MapData } from '../map/map-data';
import type { CoverageResult } from '../state/coverage-source';
import { totals } from '../state/summary';
import { useI18n } from './i18n-context';

type SortKey = 'outside' | 'share' | 'worst' | 'name' | 'population';

const MAX_ROWS = 300;

export function HromadaTablePanel({
  data,
  result,
  service,
  oblast,
  onOblast,
  onPick,
  onClose,
}: {
  data: MapData;
  result: CoverageResult | null;
  service: Service;
  oblast: string;
  onOblast: (o: string) => void;
  onPick: (index: number) => void;
  onClose: () => void;
}) {
  const { t, lang } = useI18n();
  const h = data.hromadas;
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'outside', desc: true });
  const [showAll, setShowAll] = useState(false);
  const oblasts = useMemo(() => {
    const m = new Map<string, string>();
    h.oblasts.forEach((o, i) => m.set(o, h.oblastsEn[i] || o));
    return [...m.entries()].sort((a, b) => a[0].localeCompare(b[0], 'uk'));
  }, [h]);
  const stats = result?.services[service].stats;
  const rows = useMemo(() => {
    if (!stats) return [];
    const idx: number[] = [];
    for (let i = 0; i < h.count; i++) if (!oblast || h.oblasts[i] === oblast) idx.push(i);
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
      }
    };
    idx.sort((a, b) => {
      const va = val(a);
      const vb = val(b);
      const c = typeof va === 'string' ? va.localeCompare(vb as string, 'uk') : va - (vb as number);
      return sort.desc ? -c : c;
    });
    return idx;
  }, [stats, h, oblast, sort]);
  const national = stats ? totals(h, stats) : null;
  const regional = stats && oblast ? totals(h, stats, oblast) : null;
  const totalText = (tt: NonNullable<typeof national>) =>
    t('totalLine', {
      covered: fmtInt(lang, tt.coveredPopulation),
      population: fmtInt(lang, tt.population),
      share: fmtPct(lang, tt.share),
      outside: fmtInt(lang, tt.population - tt.coveredPopulation),
    });
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
          <strong>{t('nationalTotal')}:</strong> {totalText(national)}
        </p>
      )}
      {regional && (
        <p className="total">
          <strong>{t('oblastTotal', { name: lang === 'en' ? (oblasts.find((o) => o[0] === oblast)?.[1] ?? oblast) : oblast })}:</strong> {totalText(regional)}
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
      <div className="table-scroll">
        <table className="hromada-table">
          <thead>
            <tr>
              {header('name', t('community'), false)}
              {header('population', t('population'))}
              {header('outside', t('outsidePopulation'))}
              {header('share', t('share'))}
              {header('worst', t('worstTime'))}
            </tr>
          </thead>
          <tbody>
            {stats &&
              shown.map((i) => (
                <tr key={i}>
                  <td>
                    <button type="button" className="linklike" onClick={() => onPick(i)}>
                      {lang === 'en' && h.namesEn[i] ? h.namesEn[i] : h.names[i]}
                    </button>
                  </td>
                  <td className="num">{fmtInt(lang, stats.population[i]!)}</td>
                  <td className="num">{fmtInt(lang, stats.population[i]! - stats.coveredPopulation[i]!)}</td>
                  <td className="num">{fmtPct(lang, stats.share[i]!)}</td>
                  <td className="num">{fmtMin(lang, stats.maxMin[i]!)}</td>
                </tr>
              ))}
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
