import type { Lang } from '../i18n';
import type { AttributionSource } from '../state/load-data';
import { useI18n } from './i18n-context';
import { RoadsSourceItem } from './roads/RoadsLegend';

function safeHref(url: unknown): string | null {
  if (typeof url !== 'string') return null;
  return /^https?:\/\//.test(url) ? url : null;
}

/** What a source is used for, in `lang`: its Ukrainian description in Ukrainian (English `used_for` if it has none). */
export function sourceDescription(s: AttributionSource, lang: Lang): string {
  if (lang === 'uk' && typeof s.description_uk === 'string' && s.description_uk !== '') return s.description_uk;
  return s.used_for ? String(s.used_for) : '';
}

/**
 * The sources and licences, with the note on what is estimated or modelled.
 * @param byRoad the result on screen was timed on the road network (its note then says so, not straight line × detour)
 */
export function SourcesPanel({ sources, byRoad, onClose }: { sources: AttributionSource[]; byRoad: boolean; onClose: () => void }) {
  const { t, lang } = useI18n();
  return (
    <section className="panel sources" aria-labelledby="sources-title">
      <header className="panel-head">
        <h2 id="sources-title">{t('sources')}</h2>
        <button type="button" className="close" onClick={onClose} aria-label={t('close')}>
          ×
        </button>
      </header>
      <p className="muted">{t('sourcesIntro')}</p>
      <p className="honesty" data-testid="sources-honesty">{t(byRoad ? 'honestyNoteRoad' : 'honestyNote')}</p>
      <ul className="source-list">
        {sources.map((s, k) => {
          const href = safeHref(s.url ?? s.origin);
          return (
            <li key={s.id ?? k}>
              <strong>{String(s.name ?? s.title ?? s.id ?? '')}</strong>
              {(s.licence ?? s.license) && <span className="badge">{String(s.licence ?? s.license)}</span>}
              {sourceDescription(s, lang) && <div className="muted">{sourceDescription(s, lang)}</div>}
              {/* The credit line as the source asks for it (in English). */}
              {s.attribution && <div lang="en">{String(s.attribution)}</div>}
              {href && (
                <div>
                  <a href={href} target="_blank" rel="noopener noreferrer">
                    {href}
                  </a>
                </div>
              )}
            </li>
          );
        })}
        <RoadsSourceItem />
      </ul>
    </section>
  );
}
