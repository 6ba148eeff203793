import { useEffect, useState } from 'react';
import { fmtInt } from '../../i18n';
import { TERRITORY_STATUSES } from '../../engine/types';
import type { TerritoryRow } from '../../io/territory';
import { latestListDate } from '../../state/scenario-state';
import { useI18n } from '../i18n-context';
import { importClient } from './import-service';

/** What a previewed territory list would set: hromadas per status, ended statuses, the list's date. */
export function TerritoryPreview({ token, replaces }: { token: number; replaces: string | null }) {
  const { t, lang } = useI18n();
  const [rows, setRows] = useState<TerritoryRow[] | null>(null);
  useEffect(() => {
    let live = true;
    importClient()
      .rows<TerritoryRow>(token)
      .then((r) => live && setRows(r))
      .catch(() => live && setRows(null));
    return () => {
      live = false;
    };
  }, [token]);
  if (!rows) return null;
  const n = Object.fromEntries(TERRITORY_STATUSES.map((s) => [s, 0])) as Record<(typeof TERRITORY_STATUSES)[number], number>;
  for (const r of rows) n[r.status]++;
  const ended = rows.filter((r) => r.status !== r.listed).length;
  const date = latestListDate(rows);
  return (
    <div className="territory-preview" data-testid="territory-preview" data-occupied={n.occupied + n.occupied_before_2022}>
      <p>
        {t('territoryPreview', {
          occupied: fmtInt(lang, n.occupied + n.occupied_before_2022),
          before: fmtInt(lang, n.occupied_before_2022),
          hostilities: fmtInt(lang, n.hostilities),
          deoccupied: fmtInt(lang, n.deoccupied),
        })}
      </p>
      {ended > 0 && <p className="muted small">{t('territoryEnded', { n: fmtInt(lang, ended) })}</p>}
      <p className="muted small">{t('territoryDateOf', { date: date ?? t('territoryNoDate') })}</p>
      {replaces && <p className="note">{t('territoryReplaces', { name: replaces })}</p>}
    </div>
  );
}
