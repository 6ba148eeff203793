import { fmtInt } from '../../i18n';
import { emptyScenario } from '../../io/scenario';
import { useI18n } from '../i18n-context';
import type { ScenarioPanelProps } from '../panel-props';
import { withMatrix, withoutFacilityImport } from './import-apply';

/** What the working scenario holds besides the built-in data: imported files, matrix, edits; and a reset. */
export function LoadedData({ scenario, onScenario }: Pick<ScenarioPanelProps, 'scenario' | 'onScenario'>) {
  const { t, lang } = useI18n();
  const { facilityImports, matrix, facilityEdits } = scenario;
  const empty = facilityImports.length === 0 && !matrix && facilityEdits.length === 0 && !scenario.demand;
  return (
    <section className="data-loaded" aria-labelledby="loaded-title">
      <h3 id="loaded-title">{t('loadedData')}</h3>
      {empty && <p className="muted">{t('noUserData')}</p>}
      <ul className="loaded-list" data-testid="loaded-imports">
        {facilityImports.map((imp, i) => (
          <li key={i}>
            <span>{t('importItem', { name: imp.fileName, n: fmtInt(lang, imp.facilities.length), mode: t(imp.mode === 'add' ? 'mode_add' : 'mode_replace') })}</span>{' '}
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
        {facilityEdits.length > 0 && <li>{t('editsCount', { n: fmtInt(lang, facilityEdits.length) })}</li>}
      </ul>
      {!empty && (
        <button type="button" data-testid="reset-scenario" onClick={() => onScenario(emptyScenario(''))}>
          {t('resetScenario')}
        </button>
      )}
    </section>
  );
}
