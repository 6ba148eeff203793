import { useId, useMemo, useState } from 'react';
import { fmtInt } from '../i18n';
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
  const label = (h: SearchHit) => {
    const { hromadas, demand } = data;
    if (h.kind === 'hromada') {
      const name = lang === 'en' && hromadas.namesEn[h.index] ? hromadas.namesEn[h.index]! : hromadas.names[h.index]!;
      return { main: `${name} ${t('hromada')}`, sub: `${lang === 'en' ? hromadas.oblastsEn[h.index] || hromadas.oblasts[h.index] : hromadas.oblasts[h.index]} · ${fmtInt(lang, hromadas.popTotal[h.index]!)} ${t('people')}` };
    }
    if (h.kind === 'city') {
      const c = demand.cities[h.index]!;
      return { main: c.name, sub: `${t('settlementIn', { name: hromadas.names[h.hromada] ?? '' })} · ${fmtInt(lang, c.population)} ${t('people')}` };
    }
    return { main: demand.names[h.index]!, sub: t('settlementIn', { name: hromadas.names[h.hromada] ?? '' }) };
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
          } else if (e.key === 'Escape') setQ('');
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
