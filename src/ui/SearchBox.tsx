import { useId, useMemo, useState } from 'react';
import { plural } from '../i18n/format';
import { placeName } from '../i18n/place-name';
import type { MapData } from '../map/map-data';
import type { Area } from '../state/app-state';
import { buildSearchIndex, type SearchHit, type SearchIndex } from './search';
import { useI18n } from './i18n-context';
import { areaName } from './view/areas';

/**
 * @param area the framed oblast or raion: shown beside the box with a button back to the whole country
 */
export function SearchBox({ data, onPick, area = null, onClearArea }: { data: MapData; onPick: (hit: SearchHit) => void; area?: Area | null; onClearArea?: () => void }) {
  const { t, lang } = useI18n();
  const oblastEn = (o: string) => data.hromadas.oblastsEn[data.hromadas.oblasts.indexOf(o)] ?? '';
  // Built at the first query, not with the page: 60-70 ms of normalising some 10,000 names (hromadas, settlements,
  // cities, areas) that would otherwise delay the first screen.
  const index = useMemo(() => {
    let built: SearchIndex | null = null;
    return () => (built ??= buildSearchIndex(data.hromadas, data.demand));
  }, [data]);
  const [q, setQ] = useState('');
  const [active, setActive] = useState(0);
  const hits = useMemo(() => (q.trim() ? index().search(q, 10) : []), [index, q]);
  const listId = useId();
  const pick = (h: SearchHit) => {
    onPick(h);
    setQ('');
    setActive(0);
  };
  // Place names in Latin script in English (KMU 2010); `uk` is the Ukrainian name, shown on hover.
  const label = (h: SearchHit): { main: string; sub: string; uk: string } => {
    const { hromadas, demand } = data;
    const pn = (n: string) => placeName(n, lang);
    if (h.kind === 'area') {
      const a = h.area;
      const main = areaName(a, lang, oblastEn(a.oblast));
      const sub = a.kind === 'oblast' ? t('view_oblastSub', { n: h.members }) : t('view_raionSub', { oblast: areaName({ kind: 'oblast', oblast: a.oblast }, lang, oblastEn(a.oblast)), n: h.members });
      return { main, sub, uk: areaName(a, 'uk') };
    }
    if (h.kind === 'hromada') {
      const uk = hromadas.names[h.index]!;
      return { main: `${pn(uk)} ${t('hromada')}`, sub: `${pn(hromadas.oblasts[h.index] ?? '')} · ${plural(t, lang, 'nPeople', hromadas.popTotal[h.index]!)}`, uk };
    }
    if (h.kind === 'city') {
      const c = demand.cities[h.index]!;
      return { main: pn(c.name), sub: `${t('settlementIn', { name: pn(hromadas.names[h.hromada] ?? '') })} · ${plural(t, lang, 'nPeople', c.population)}`, uk: c.name };
    }
    const uk = demand.names[h.index]!;
    return { main: pn(uk), sub: t('settlementIn', { name: pn(hromadas.names[h.hromada] ?? '') }), uk };
  };
  return (
    <div className="search" role="search">
      <label htmlFor="search-input" className="visually-hidden">
        {t('search')}
      </label>
      <input
        id="search-input"
        type="search"
        autoComplete="off"
        placeholder={t('searchPlaceholder')}
        value={q}
        role="combobox"
        aria-expanded={hits.length > 0}
        aria-controls={listId}
        aria-activedescendant={hits.length ? `${listId}-${active}` : undefined}
        onChange={(e) => {
          setQ(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            setActive((a) => Math.min(hits.length - 1, a + 1));
            e.preventDefault();
          } else if (e.key === 'ArrowUp') {
            setActive((a) => Math.max(0, a - 1));
            e.preventDefault();
          } else if (e.key === 'Enter' && hits[active]) {
            pick(hits[active]);
            e.preventDefault();
          } else if (e.key === 'Escape' && q) {
            // Clears the query; only an empty box lets Escape close the open panel (use-panel-focus.ts).
            setQ('');
            e.preventDefault();
          }
        }}
      />
      {area && (
        <span className="area-chip" data-testid="area-chip">
          <span>{t('view_areaChip', { name: areaName(area, lang, oblastEn(area.oblast), true) })}</span>{' '}
          <button type="button" className="linklike" title={t('view_clearAreaTitle')} onClick={onClearArea} data-testid="area-clear">
            {t('view_clearArea')}
          </button>
        </span>
      )}
      {q.trim().length >= 2 && (
        <ul id={listId} role="listbox" className="search-results">
          {hits.length === 0 && <li className="muted">{t('searchNoResults')}</li>}
          {hits.map((h, k) => {
            const l = label(h);
            return (
              <li
                key={`${h.kind}-${h.index}`}
                id={`${listId}-${k}`}
                role="option"
                aria-selected={k === active}
                className={k === active ? 'active' : ''}
                title={lang === 'en' && l.uk !== l.main ? l.uk : undefined}
                onMouseDown={(e) => {
                  e.preventDefault();
                  pick(h);
                }}
              >
                <span className="hit-main">{l.main}</span>
                <span className="hit-sub">{l.sub}</span>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
