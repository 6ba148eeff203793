import { useId, useMemo, useState } from 'react';
import { plural } from '../i18n/format';
import { placeName } from '../i18n/place-name';
import type { MapData } from '../map/map-data';
import { buildSearchIndex, type SearchHit } from './search';
import { useI18n } from './i18n-context';

export function SearchBox({ data, onPick }: { data: MapData; onPick: (hit: SearchHit) => void }) {
  const { t, lang } = useI18n();
  const index = useMemo(() => buildSearchIndex(data.hromadas, data.demand), [data]);
  const [q, setQ] = useState('');
  const [active, setActive] = useState(0);
  const hits = useMemo(() => index.search(q, 10), [index, q]);
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
