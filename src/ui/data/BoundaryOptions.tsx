import { useEffect, useState } from 'react';
import { fmtInt } from '../../i18n';
import type { BoundaryMode } from '../../io/scenario';
import type { BoundaryRow } from '../../io/types';
import { useI18n } from '../i18n-context';
import { importClient } from './import-service';

/**
 * Before imported boundaries are applied: how many of the file's codes are built-in hromadas, how to merge them
 * (update the named hromadas, or make the file the whole list) and what that does to the rest.
 */
export function BoundaryOptions({
  token,
  builtInCodes,
  mode,
  onMode,
  replacing,
}: {
  token: number;
  builtInCodes: readonly string[];
  mode: BoundaryMode;
  onMode: (m: BoundaryMode) => void;
  /** File name of the boundaries the scenario has now (applying replaces them), or null. */
  replacing: string | null;
}) {
  const { t, lang } = useI18n();
  const [codes, setCodes] = useState<string[] | null>(null);
  useEffect(() => {
    let live = true;
    void importClient()
      .rows<BoundaryRow>(token)
      .then((rows) => live && setCodes(rows.map((r) => r.code)))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [token]);
  const known = new Set(builtInCodes);
  const matched = codes ? codes.filter((c) => known.has(c)).length : 0;
  return (
    <fieldset className="type-modes" data-testid="boundary-options">
      <legend>{t('boundaryMode')}</legend>
      {codes && (
        <p className="small" data-testid="boundary-match" data-matched={matched} data-added={codes.length - matched}>
          {t('boundaryMatch', { matched: fmtInt(lang, matched), n: fmtInt(lang, codes.length), added: fmtInt(lang, codes.length - matched) })}
        </p>
      )}
      {(['update', 'replace'] as const).map((m) => (
        <label key={m} className="radio">
          <input type="radio" name="boundary-mode" value={m} checked={mode === m} onChange={() => onMode(m)} /> {t(`boundaryMode_${m}`)}
        </label>
      ))}
      {mode === 'replace' && codes && <p className="note small">{t('boundaryDropped', { n: fmtInt(lang, builtInCodes.length - matched) })}</p>}
      {replacing !== null && <p className="note small">{t('boundaryReplacesFile', { name: replacing })}</p>}
      <p className="note small">{t('boundaryNote')}</p>
    </fieldset>
  );
}
