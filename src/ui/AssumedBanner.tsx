/**
 * The banner over the map: what share of people (controlled territory, current service) is first reached by an assumed
 * (illustrative) unit, or that assumed units are not counted. Opens the Sources panel.
 */
import type { Service } from '../engine/types';
import { fmtShare } from '../i18n/format';
import type { CoverageResult } from '../state/coverage-source';
import { useI18n } from './i18n-context';

export function AssumedBanner({ result, service, onClick }: { result: CoverageResult | null; service: Service; onClick: () => void }) {
  const { t, lang } = useI18n();
  const totals = result?.services[service].totals;
  const counted = result ? result.params.countAssumed : true;
  const text = !totals ? t('honestyPill') : counted ? t('bannerAssumed', { share: fmtShare(lang, totals.assumedShare) }) : t('bannerNoAssumed');
  return (
    <button type="button" className="honesty-pill" onClick={onClick} data-testid="assumed-banner" data-share={totals ? String(totals.assumedShare) : ''}>
      <span className="info-i" aria-hidden="true">
        i
      </span>
      <span className="banner-main">{text}</span>
      {totals && <span className="banner-scope"> ({t('bannerScope', { service: t(`serviceShort_${service}`) })})</span>} — <u>{t('sources')}</u>
    </button>
  );
}
