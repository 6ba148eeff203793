import { useI18n } from './i18n-context';
import type { ScenarioPanelProps } from './panel-props';

/** Placeholder: filled in by the data panel work. */
export function DataPanel({ onClose }: ScenarioPanelProps) {
  const { t } = useI18n();
  return (
    <section className="panel data" aria-labelledby="data-title">
      <header className="panel-head">
        <h2 id="data-title">{t('dataTitle')}</h2>
        <button type="button" className="close" onClick={onClose} aria-label={t('close')}>
          ×
        </button>
      </header>
    </section>
  );
}
