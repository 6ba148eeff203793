import type { Service } from '../engine/types';
import { useI18n } from './i18n-context';

/**
 * "No unit of this service's own kind is in the data" (police today: only Security Centers), with a link that opens
 * the Data panel to import one — the same words in the community panel and the legend.
 */
export function NoOwnNote({ service, className, testId, onOpenData }: { service: Service; className: string; testId: string; onOpenData?: (() => void) | undefined }) {
  const { t } = useI18n();
  return (
    <p className={className} role="note" data-testid={testId}>
      {t(`noOwn_${service}`)}{' '}
      {onOpenData ? (
        <button type="button" className="linklike" onClick={onOpenData}>
          {t('importYourData')}
        </button>
      ) : (
        t('importYourData')
      )}
    </p>
  );
}
