import { useI18n } from './i18n-context';
import type { ScenarioPanelProps } from './panel-props';

/** Placeholder: filled in by the planner panel work. */
export function PlannerPanel({ onClose }: ScenarioPanelProps) {
  const { t } = useI18n();
  return (
    <section className="panel planner" aria-labelledby="planner-title">
      <header className="panel-head">
        <h2 id="planner-title">{t('planTitle')}</h2>
        <button type="button" className="close" onClick={onClose} aria-label={t('close')}>
          ×
        </button>
      </header>
    </section>
  );
}
