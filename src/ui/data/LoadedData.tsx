import { useEffect, useRef, useState } from 'react';
import { fmtInt } from '../../i18n';
import type { BoundaryReport } from '../../state/load-data';
import type { TerritoryInUse } from '../../state/scenario-state';
import { useI18n } from '../i18n-context';
import type { ScenarioPanelProps } from '../panel-props';
import { withMatrix, withoutFacilityImport } from './import-apply';
import { territoryDate, territoryListName } from '../legend-entries';
import { hasUserData, resetData, resetLines } from './reset';
import './reset.css';

/**
 * What the working scenario holds besides the built-in data: imported files, matrix, edits; and a reset, confirmed
 * in place with what it removes and what it keeps (the slides stay: src/ui/data/reset.ts).
 */
export function LoadedData({
  scenario,
  onScenario,
  report,
  territory = null,
}: Pick<ScenarioPanelProps, 'scenario' | 'onScenario'> & { report: BoundaryReport | null; territory?: TerritoryInUse | null }) {
  const { t, lang } = useI18n();
  const { facilityImports, matrix, facilityEdits, boundaries } = scenario;
  const empty = !hasUserData(scenario);
  const [confirming, setConfirming] = useState(false);
  const resetRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (confirming) cancelRef.current?.focus();
  }, [confirming]);
  // After a reset the button is gone (nothing left to reset): focus goes to the section's title, not to nowhere.
  const confirm = () => {
    setConfirming(false);
    onScenario(resetData);
    requestAnimationFrame(() => titleRef.current?.focus());
  };
  const cancel = () => {
    setConfirming(false);
    requestAnimationFrame(() => resetRef.current?.focus());
  };
  return (
    <section className="data-loaded" aria-labelledby="loaded-title">
      <h3 id="loaded-title" ref={titleRef} tabIndex={-1}>
        {t('loadedData')}
      </h3>
      {empty && <p className="muted">{t('noUserData')}</p>}
      <ul className="loaded-list" data-testid="loaded-imports">
        {facilityImports.map((imp, i) => (
          <li key={i}>
            <span>{t('importItem', { name: imp.fileName, n: fmtInt(lang, imp.facilities.length), mode: t(imp.mode === 'add' ? 'mode_add' : 'mode_replace') })}</span>{' '}
            {imp.mode === 'replace' && <span className="muted small">({t(imp.replaceScope === 'oblasts' ? 'replaceScope_oblasts' : 'replaceScope_country').toLowerCase()})</span>}{' '}
            <button type="button" className="linklike" onClick={() => onScenario((s) => withoutFacilityImport(s, i))}>
              {t('removeImport')}
            </button>
          </li>
        ))}
        {matrix && (
          <li>
            <span>{t('matrixLoaded', { name: matrix.fileName, n: fmtInt(lang, matrix.rows.length) })}</span>{' '}
            <button type="button" className="linklike" onClick={() => onScenario((s) => withMatrix(s, null, []))}>
              {t('removeMatrix')}
            </button>
          </li>
        )}
        {scenario.demand && (
          <li>
            <span>{t('demandLoaded', { name: scenario.demand.fileName, n: fmtInt(lang, scenario.demand.rows.length) })}</span>{' '}
            <button type="button" className="linklike" onClick={() => onScenario((s) => ({ ...s, demand: null }))}>
              {t('removeDemand')}
            </button>
          </li>
        )}
        {boundaries && (
          <li data-testid="boundaries-loaded">
            <span>{t('boundariesLoaded', { name: boundaries.fileName, n: fmtInt(lang, boundaries.rows.length), mode: t(`boundaryMode_${boundaries.mode}`) })}</span>
            {report && (
              <span className="muted small" data-testid="boundary-report" data-replaced={report.replaced} data-added={report.added} data-moved={report.movedPopulation}>
                {' — '}
                {t('boundaryReport', {
                  replaced: fmtInt(lang, report.replaced),
                  added: fmtInt(lang, report.added),
                  dropped: fmtInt(lang, report.dropped),
                  moved: fmtInt(lang, report.movedPopulation),
                  outside: fmtInt(lang, report.outsidePopulation),
                })}
              </span>
            )}{' '}
            <button type="button" className="linklike" onClick={() => onScenario((s) => ({ ...s, boundaries: null }))}>
              {t('removeBoundaries')}
            </button>
          </li>
        )}
        {territory && (
          <li data-testid="territory-loaded" data-source={territory.source} data-occupied={territory.occupied}>
            <span>
              {t('territoryInUse', { name: territoryListName(t, territory), date: territoryDate(t, lang, territory) })} (
              {territory.source === 'built-in' ? t('territoryBuiltIn') : t('territoryFromFile', { file: territory.source })}; {t('territoryOccupiedN', { n: fmtInt(lang, territory.occupied) })}
              {territory.missing > 0 ? `; ${t('territoryMissing', { n: fmtInt(lang, territory.missing) })}` : ''})
            </span>{' '}
            {scenario.territory && (
              <button type="button" className="linklike" data-testid="remove-territory" onClick={() => onScenario((s) => ({ ...s, territory: null }))}>
                {t('removeTerritory')}
              </button>
            )}
          </li>
        )}
        {facilityEdits.length > 0 && <li>{t('editsCount', { n: fmtInt(lang, facilityEdits.length) })}</li>}
      </ul>
      {!empty && !confirming && (
        <button type="button" ref={resetRef} data-testid="reset-scenario" onClick={() => setConfirming(true)}>
          {t('resetScenario')}
        </button>
      )}
      {!empty && confirming && <ResetConfirm lines={resetLines(t, lang, scenario)} cancelRef={cancelRef} onCancel={cancel} onConfirm={confirm} />}
    </section>
  );
}

function ResetConfirm({
  lines,
  cancelRef,
  onCancel,
  onConfirm,
}: {
  lines: { removed: string[]; kept: string[] };
  cancelRef: React.RefObject<HTMLButtonElement | null>;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const { t } = useI18n();
  return (
    <div
      className="reset-confirm"
      role="group"
      aria-labelledby="reset-confirm-title"
      data-testid="reset-confirm-box"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <p id="reset-confirm-title">
        <strong>{t('resetConfirmTitle')}</strong>
      </p>
      <p className="small">{t('resetRemoves')}</p>
      <ul className="small" data-testid="reset-removes">
        {lines.removed.map((l, i) => (
          <li key={i}>{l}</li>
        ))}
      </ul>
      <p className="small">{t('resetKeeps')}</p>
      <ul className="small" data-testid="reset-keeps">
        {lines.kept.map((l, i) => (
          <li key={i}>{l}</li>
        ))}
      </ul>
      <div className="row">
        <button type="button" data-testid="reset-confirm" onClick={onConfirm}>
          {t('resetConfirm')}
        </button>{' '}
        <button type="button" ref={cancelRef} onClick={onCancel}>
          {t('resetCancel')}
        </button>
      </div>
    </div>
  );
}
