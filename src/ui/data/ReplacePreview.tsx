import { useEffect, useMemo, useState } from 'react';
import { FACILITY_TYPES, type Facility, type FacilityType, type HromadaTable } from '../../engine/types';
import { fmtInt } from '../../i18n';
import { placeName, placeTitle } from '../../i18n/place-name';
import type { FacilityImport } from '../../io/scenario';
import { applyFacilityImports, oblastNames, oblastsOf, replaceRemoval, type ReplaceRemoval } from '../../state/scenario-state';
import { useI18n } from '../i18n-context';
import type { ReplaceScopeChoice } from './import-apply';
import { importClient } from './import-service';

/**
 * Before a facility file replaces built-in units: where to replace (only in the oblasts the file covers, the default,
 * or in the whole country), and per replaced type how many built-in units that removes and in which oblasts.
 */
export function ReplacePreview({
  token,
  types,
  scope,
  onScope,
  embedded,
  imports,
  hromadas,
}: {
  /** The previewed file's rows in the import worker. */
  token: number;
  /** The types the user chose to replace. */
  types: readonly FacilityType[];
  scope: ReplaceScopeChoice;
  onScope: (s: ReplaceScopeChoice) => void;
  /** The built-in facilities and the scenario's earlier imports (what the new import applies over). */
  embedded: readonly Facility[];
  imports: readonly FacilityImport[];
  hromadas: Pick<HromadaTable, 'codes' | 'oblasts'>;
}) {
  const { t, lang } = useI18n();
  const [rows, setRows] = useState<Facility[] | null>(null);
  useEffect(() => {
    let live = true;
    setRows(null);
    importClient()
      .rows<Facility>(token)
      .then((r) => live && setRows(r))
      .catch(() => live && setRows([]));
    return () => {
      live = false;
    };
  }, [token]);
  const current = useMemo(() => applyFacilityImports(embedded, imports), [embedded, imports]);
  const names = useMemo(() => oblastNames(hromadas), [hromadas]);
  const oblastLabel = (o: string | null) => (o === null ? t('outsideHromadas') : placeName(names.get(o) ?? o, lang));
  const fileOblasts = useMemo(() => (rows ? oblastsOf(rows.filter((f) => types.includes(f.type))) : []), [rows, types]);
  const typeLabel = (ty: FacilityType) => t(`type_${ty}`);
  const ordered = FACILITY_TYPES.filter((ty) => types.includes(ty));
  const per: { type: FacilityType; oblasts: string[]; r: ReplaceRemoval }[] = rows
    ? ordered.map((type) => {
        const oblasts = oblastsOf(rows.filter((f) => f.type === type));
        const r = replaceRemoval(current, [type], scope === 'oblasts' ? { replaceScope: 'oblasts', oblasts } : { replaceScope: 'country' });
        return { type, oblasts, r };
      })
    : [];
  return (
    <div className="replace-preview note" data-testid="replace-preview" data-scope={scope}>
      <fieldset>
        <legend>{t('replaceScope')}</legend>
        <label className="radio">
          <input type="radio" name="replace-scope" value="oblasts" data-testid="replace-scope-oblasts" checked={scope === 'oblasts'} onChange={() => onScope('oblasts')} />
          <span>
            {t('replaceScope_oblasts')}
            {fileOblasts.length > 0 && (
              <>
                {': '}
                {fileOblasts.map((o, k) => (
                  <span key={o} data-oblast={o} title={placeTitle(names.get(o) ?? '', lang)}>
                    {k > 0 ? ', ' : ''}
                    {oblastLabel(o)}
                  </span>
                ))}
              </>
            )}
          </span>
        </label>
        <label className="radio">
          <input type="radio" name="replace-scope" value="country" data-testid="replace-scope-country" checked={scope === 'country'} onChange={() => onScope('country')} />
          <span>{t('replaceScope_country')}</span>
        </label>
      </fieldset>
      {rows === null ? (
        <p className="muted small" role="status">
          {t('replaceCounting')}
        </p>
      ) : (
        <ul className="replace-removals" aria-live="polite">
          {per.map(({ type, oblasts, r }) => {
            const where = r.byOblast.map((e) => `${oblastLabel(e.oblast)} ${fmtInt(lang, e.n)}`).join(', ');
            const imported = r.removed - r.builtIn;
            return (
              <li key={type} data-testid="replace-removal" data-type={type} data-removed={r.removed} data-built-in={r.builtIn} data-kept={r.kept} data-oblasts={r.byOblast.map((e) => e.oblast ?? '').join(',')}>
                {scope === 'oblasts' && oblasts.length === 0
                  ? t('replaceNoOblast', { type: typeLabel(type) })
                  : r.removed === 0
                    ? t('replaceNone', { type: typeLabel(type) })
                    : t('replaceRemoves', { type: typeLabel(type), n: fmtInt(lang, r.builtIn), where })}
                {imported > 0 && <> {t('replaceRemovesImported', { n: fmtInt(lang, imported) })}</>}
                {scope === 'oblasts' && r.kept > 0 && <> {t('replaceKept', { n: fmtInt(lang, r.kept) })}</>}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
