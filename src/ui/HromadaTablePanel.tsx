import { useMemo, useState } from 'react';
import { isOccupiedCode, TERRITORY_STATUSES, type Service, type Totals } from '../engine/types';
import { fmtInt, fmtPct } from '../i18n';
import { placeName, placeTitle } from '../i18n/place-name';
import { cappedTime, fmtShare } from '../i18n/format';
import type { MapData } from '../map/map-data';
import type { CoverageResult } from '../state/coverage-source';
import { totals } from '../state/summary';
import { useI18n } from './i18n-context';
import { downloadBlob, downloadText } from './download';
import { tableToCsv, visibleColumns, type TableCell } from './table/table-export';

type SortKey = 'outside' | 'share' | 'worst' | 'name' | 'oblast' | 'raion' | 'population' | 'status' | 'assumed' | 'expected' | 'second' | 'across';

/** Every column in table order; the name column is always shown, the others can be hidden in the Columns menu. */
const COLUMNS: readonly SortKey[] = ['name', 'oblast', 'raion', 'status', 'population', 'outside', 'share', 'expected', 'second', 'worst', 'assumed', 'across'];
/** Hidden by default so that the table fits a 1280 px screen without scrolling sideways. */
const DEFAULT_HIDDEN: readonly SortKey[] = ['expected', 'second', 'across'];
const TEXT_COLUMNS = new Set<SortKey>(['name', 'oblast', 'raion', 'status']);
/** Sorted A→Z on the first click; the others (status by its code, numbers) largest first. */
const NAME_COLUMNS = new Set<SortKey>(['name', 'oblast', 'raion']);
const LABEL_KEYS = {
  name: 'community',
  oblast: 'oblast',
  raion: 'colRaion',
  status: 'colStatus',
  population: 'population',
  outside: 'outsidePopulation',
  share: 'share',
  expected: 'colExpected',
  second: 'colSecond',
  worst: 'worstTime',
  assumed: 'colAssumed',
  across: 'colFromOther',
} as const satisfies Record<SortKey, string>;

const MAX_ROWS = 300;

export function HromadaTablePanel({
  data,
  result,
  service,
  oblast,
  raion = '',
  onOblast,
  onPick,
  onClose,
  territory,
  attribution = [],
}: {
  data: MapData;
  result: CoverageResult | null;
  service: Service;
  oblast: string;
  /** Raion filter within `oblast` ('' = the whole oblast): the raion framed by search (src/ui/view/areas.ts). */
  raion?: string | undefined;
  onOblast: (o: string) => void;
  onPick: (index: number) => void;
  onClose: () => void;
  /** Name and date of the territory-status list in use (default: the built-in 2022 list). */
  territory?: string | undefined;
  /** Source lines every export carries (src/state/attribution.ts). */
  attribution?: readonly string[] | undefined;
}) {
  const { t, lang } = useI18n();
  const h = data.hromadas;
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'outside', desc: true });
  const [showAll, setShowAll] = useState(false);
  const [hideOccupied, setHideOccupied] = useState(false);
  const [minAssumed, setMinAssumed] = useState(0);
  const [hidden, setHidden] = useState<ReadonlySet<SortKey>>(() => new Set(DEFAULT_HIDDEN));
  const [exportError, setExportError] = useState<string | null>(null);
  const cols = visibleColumns(COLUMNS, hidden);
  const label = (k: SortKey) => t(LABEL_KEYS[k]);
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
      if (raion && h.raions[i] !== raion) continue;
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
        case 'oblast':
          return h.oblasts[i]! + ' ' + h.names[i]!;
        case 'raion':
          return h.oblasts[i]! + ' ' + (h.raions[i] ?? '') + ' ' + h.names[i]!;
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
      const c = typeof va === 'string' ? placeName(va, lang).localeCompare(placeName(vb as string, lang), lang) : va - (vb as number);
      return sort.desc ? -c : c;
    });
    return idx;
  }, [stats, h, oblast, raion, sort, hideOccupied, minAssumed, lang]);
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
        onClick={() => setSort((s) => ({ key, desc: s.key === key ? !s.desc : !NAME_COLUMNS.has(key) }))}
      >
        {label} {sort.key === key ? (sort.desc ? '▼' : '▲') : ''}
      </button>
    </th>
  );
  const shown = showAll ? rows : rows.slice(0, MAX_ROWS);
  const pct = (share: number): TableCell => (Number.isFinite(share) ? Math.round(share * 1000) / 10 : null);
  /** What a column shows for hromada i (text as on screen) and what the export writes (numbers as numbers). */
  const cellOf = (k: SortKey, i: number, st: NonNullable<typeof stats>): { text: string; value: TableCell; title?: string | undefined; className?: string } => {
    const assumed = st.population[i]! > 0 ? st.assumedPopulation[i]! / st.population[i]! : NaN;
    switch (k) {
      case 'name':
        return { text: placeName(h.names[i]!, lang), value: placeName(h.names[i]!, lang) };
      case 'oblast':
        return { text: placeName(h.oblasts[i]!, lang), value: placeName(h.oblasts[i]!, lang), title: placeTitle(h.oblasts[i]!, lang) };
      case 'raion':
        return { text: placeName(h.raions[i] ?? '', lang), value: placeName(h.raions[i] ?? '', lang), title: placeTitle(h.raions[i] ?? '', lang) };
      case 'status': {
        const status = TERRITORY_STATUSES[h.status?.[i] ?? 0] ?? 'none';
        const text = status === 'none' ? '' : t(`territory_${status}`);
        return { text, value: text };
      }
      case 'population':
        return { text: fmtInt(lang, st.population[i]!), value: Math.round(st.population[i]!) };
      case 'outside': {
        const n = st.population[i]! - st.coveredPopulation[i]!;
        return { text: fmtInt(lang, n), value: Math.round(n) };
      }
      case 'share':
        return { text: fmtPct(lang, st.share[i]!), value: pct(st.share[i]!) };
      case 'expected':
        return { text: fmtPct(lang, st.expectedShare[i]!), value: pct(st.expectedShare[i]!) };
      case 'second':
        return { text: fmtPct(lang, st.secondShare[i]!), value: pct(st.secondShare[i]!) };
      case 'worst': {
        const w = cappedTime(t, lang, st.maxMin[i]!, cap);
        const m = st.maxMin[i]!;
        return { text: w.text, value: w.beyond || !Number.isFinite(m) ? w.text : Math.round(m * 10) / 10, title: w.title || undefined, className: w.beyond ? 'capped' : '' };
      }
      case 'assumed':
        return { text: fmtShare(lang, assumed), value: pct(assumed) };
      case 'across':
        return { text: fmtInt(lang, st.fromOtherHromadaPopulation[i]!), value: Math.round(st.fromOtherHromadaPopulation[i]!) };
    }
  };
  const PCT_COLUMNS = new Set<SortKey>(['share', 'expected', 'second', 'assumed']);
  /** The export's header, rows (every row under the filter, in the sort shown) and notes (filter, sort, sources). */
  const exportTable = (lng: typeof lang) => {
    const header = cols.map((k) => (PCT_COLUMNS.has(k) ? `${label(k)}, %` : k === 'worst' ? `${label(k)}, ${t('minutes')}` : label(k)));
    const body = stats ? rows.map((i) => cols.map((k) => cellOf(k, i, stats).value)) : [];
    const filter = [oblast ? placeName(oblast, lng) : t('allOblasts'), raion ? placeName(raion, lng) : '', hideOccupied ? t('hideOccupied') : '', minAssumed > 0 ? `${t('minAssumed')} ${minAssumed}` : '']
      .filter((x) => x !== '')
      .join(', ');
    const notes = [
      `${t('tableTitle')} — ${t(`service_${service}`)}`,
      t('tableExportNote', { filter, sort: `${label(sort.key)} ${sort.desc ? '▼' : '▲'}`, n: body.length }),
      t('territoryList', { list: territory || t('territoryBuiltInName') }),
      ...attribution,
    ];
    return { header, body, notes };
  };
  const fileName = (ext: string) => `hromada-coverage-table-${service}${oblast ? '-' + placeName(oblast, 'en').replace(/[^A-Za-z0-9]+/g, '-') : ''}-${new Date().toISOString().slice(0, 10)}.${ext}`;
  const exportCsv = () => {
    const { header, body, notes } = exportTable(lang);
    downloadText(tableToCsv(header, body, lang, notes), fileName('csv'), 'text/csv');
  };
  const exportXlsx = async () => {
    setExportError(null);
    try {
      const { header, body, notes } = exportTable(lang);
      const { csvToXlsx, XLSX_MIME } = await import('../io/xlsx-export');
      // The workbook is built from plain CSV (numbers with points); Excel shows them in the reader's locale.
      const bytes = await csvToXlsx(tableToCsv(header, body, 'en', notes), 'hromadas');
      downloadBlob(new Blob([bytes as BlobPart], { type: XLSX_MIME }), fileName('xlsx'));
    } catch (e) {
      setExportError(e instanceof Error ? e.message : String(e));
    }
  };
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
      {raion && (
        <p className="muted small" data-testid="raion-filter">
          {t('colRaion')}: {placeName(raion, lang)}
        </p>
      )}
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
      <div className="table-tools">
        <details className="table-columns">
          <summary>{t('tableColumns')}</summary>
          <fieldset aria-label={t('tableColumns')}>
            {COLUMNS.filter((k) => k !== 'name').map((k) => (
              <label key={k}>
                <input
                  type="checkbox"
                  data-column={k}
                  checked={!hidden.has(k)}
                  onChange={(e) =>
                    setHidden((old) => {
                      const next = new Set(old);
                      if (e.target.checked) next.delete(k);
                      else next.add(k);
                      return next;
                    })
                  }
                />{' '}
                {label(k)}
              </label>
            ))}
          </fieldset>
        </details>
        <button type="button" data-export="table-csv" disabled={!stats} onClick={exportCsv}>
          {t('tableExportCsv')}
        </button>
        <button type="button" data-export="table-xlsx" disabled={!stats} onClick={() => void exportXlsx()}>
          {t('tableExportXlsx')}
        </button>
      </div>
      {exportError && (
        <p role="alert" className="error">
          {exportError}
        </p>
      )}
      <p className="muted small">{t('territoryList', { list: territory || t('territoryBuiltInName') })}</p>
      <div className="table-scroll">
        <table className="hromada-table">
          <thead>
            <tr>{cols.map((k) => header(k, label(k), !TEXT_COLUMNS.has(k)))}</tr>
          </thead>
          <tbody>
            {stats &&
              shown.map((i) => {
                const code = h.status?.[i] ?? 0;
                const status = TERRITORY_STATUSES[code] ?? 'none';
                return (
                  <tr key={i} className={isOccupiedCode(code) ? 'occupied' : ''} data-status={status} data-code={h.codes[i]}>
                    {cols.map((k) => {
                      const c = cellOf(k, i, stats);
                      if (k === 'name')
                        return (
                          <td key={k}>
                            <button type="button" className="linklike" title={placeTitle(h.names[i]!, lang)} onClick={() => onPick(i)}>
                              {c.text}
                            </button>
                          </td>
                        );
                      const cls = [TEXT_COLUMNS.has(k) ? 'small' : 'num', c.className ?? ''].filter((x) => x !== '').join(' ');
                      return (
                        <td key={k} className={cls} data-stat={k} data-value={k === 'expected' ? String(stats.expectedShare[i]) : undefined} title={c.title}>
                          {c.text}
                        </td>
                      );
                    })}
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
