import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { FACILITY_TYPES, type Facility, type FacilityType } from '../../engine/types';
import { fmtInt, isKey, type TFunction } from '../../i18n';
import { fileErrorMessage, rowIssueMessage } from '../../io/messages';
import type { BoundaryMode } from '../../io/scenario';
import type { BoundaryRow, FileKind, MatrixRow, RowIssue, SettlementRow } from '../../io/types';
import type { ImportPreview } from '../../worker/import-host';
import { useI18n } from '../i18n-context';
import type { ScenarioPanelProps } from '../panel-props';
import { downloadText } from '../download';
import { withFacilityImport, withMatrix, type ReplaceScopeChoice, type TypeModes } from './import-apply';
import { ReplacePreview } from './ReplacePreview';
import { fmtDateTime } from '../../i18n/place-name';
import { importClient } from './import-service';
import { BoundaryOptions } from './BoundaryOptions';
import { FileButton } from './FileButton';
import { TerritoryPreview } from './TerritoryPreview';
import type { TerritoryRow } from '../../io/territory';
import { latestListDate } from '../../state/scenario-state';
import { openScenario, openSlidesNote } from './keep-slides';
import { ROADS_FILE_RE, loadRoadsFile } from '../../state/roads';

const KINDS: FileKind[] = ['facilities', 'settlements', 'boundaries', 'matrix', 'territory'];
/** The apply button's label per file kind. */
const APPLY_LABEL = {
  scenario: 'loadScenario',
  facilities: 'applyImport',
  settlements: 'applyDemand',
  boundaries: 'applyBoundaries',
  matrix: 'applyMatrix',
  territory: 'applyTerritory',
} as const;
/** Issues listed in the panel (the CSV has them all). */
const SHOWN = 200;

/** `t(key)` for a dynamic key, else `fallback`. */
function keyOr(t: TFunction, key: string, fallback: string): string {
  return isKey(key) ? t(key) : fallback;
}

const typeLabel = (t: TFunction, type: string) => keyOr(t, `type_${type}`, type);

type Step =
  | { type: 'idle' }
  | { type: 'reading'; name: string }
  | { type: 'error'; message: string }
  | { type: 'preview'; file: File; preview: ImportPreview; modes: TypeModes; boundaryMode: BoundaryMode; replaceScope: ReplaceScopeChoice };

/** Files dropped on the map, with a counter so the same file dropped twice is read twice. */
export interface DroppedFiles {
  files: File[];
  n: number;
}

function IssueList({ title, issues, total, testId }: { title: string; issues: RowIssue[]; total: number; testId: string }) {
  const { t, lang } = useI18n();
  if (total === 0) return null;
  return (
    <details className="issues" open={testId === 'rejected-rows'} data-testid={testId}>
      <summary>
        {title} ({fmtInt(lang, total)})
      </summary>
      <ol className="issue-list">
        {issues.slice(0, SHOWN).map((i, k) => (
          <li key={`${i.row}-${k}`} data-row={i.row} data-code={i.code}>
            {rowIssueMessage(i, lang)}
          </li>
        ))}
      </ol>
      {total > SHOWN && <p className="muted small">{t('moreIssues', { n: fmtInt(lang, total - SHOWN) })}</p>}
    </details>
  );
}

/**
 * File picker and drop target handler: the file is parsed in the import worker, its kind shown for confirmation
 * (changeable), rejected and flagged rows listed with reasons, swapped lat/lon offered to fix, then applied.
 */
export function ImportSection({
  bundle,
  scenario,
  facilities,
  onScenario,
  onState,
  state,
  dropped,
  builtInCodes,
  boundariesFile,
  territoryName = null,
}: Pick<ScenarioPanelProps, 'facilities' | 'onScenario' | 'onState' | 'state'> &
  Partial<Pick<ScenarioPanelProps, 'bundle' | 'scenario'>> & {
  dropped: DroppedFiles | null;
  builtInCodes: readonly string[];
  boundariesFile: string | null;
  /** Name of the territory list in use (an imported list replaces it). */
  territoryName?: string | null;
}) {
  const { t, lang } = useI18n();
  const [step, setStep] = useState<Step>({ type: 'idle' });
  const token = useRef<number | null>(null);
  const idsRef = useRef(facilities);
  idsRef.current = facilities;

  const forget = () => {
    if (token.current !== null) void importClient().drop(token.current).catch(() => undefined);
    token.current = null;
  };

  const read = useCallback((file: File, kind: FileKind | null, fixSwapped = false, sheet?: string) => {
    setStep({ type: 'reading', name: file.name });
    const ids = idsRef.current.map((f) => f.id);
    importClient()
      .import({ file, fileName: file.name, kind, fixSwapped, facilityIds: ids, ...(sheet ? { sheet } : {}) })
      .then((preview) => {
        if (token.current !== null) void importClient().drop(token.current).catch(() => undefined);
        token.current = preview.token;
        setStep({ type: 'preview', file, preview, modes: {}, boundaryMode: 'update', replaceScope: 'oblasts' });
      })
      .catch((e: unknown) => setStep({ type: 'error', message: e instanceof Error ? e.message : String(e) }));
  }, []);

  const lastDrop = useRef(0);
  useEffect(() => {
    const f = dropped?.files[0];
    if (dropped && f && dropped.n !== lastDrop.current) {
      lastDrop.current = dropped.n;
      // OSM road extracts and built road graphs go to the road network (src/state/roads.ts)
      if (ROADS_FILE_RE.test(f.name)) return void loadRoadsFile(f, f.name);
      read(f, null);
    }
  }, [dropped, read]);

  const done = () => {
    forget();
    setStep({ type: 'idle' });
  };

  const apply = async (p: ImportPreview, modes: TypeModes, boundaryMode: BoundaryMode, replaceScope: ReplaceScopeChoice) => {
    if (p.kind === 'scenario' && p.scenario) {
      const s = p.scenario;
      onScenario((cur) => openScenario(cur, s));
      onState({ params: s.params });
    } else if (p.kind === 'facilities') {
      const rows = await importClient().rows<Facility>(p.token);
      onScenario((s) => withFacilityImport(s, p.fileName, rows, modes, replaceScope));
    } else if (p.kind === 'settlements') {
      const rows = await importClient().rows<SettlementRow>(p.token);
      onScenario((s) => ({ ...s, demand: { fileName: p.fileName, rows } }));
    } else if (p.kind === 'matrix') {
      const rows = await importClient().rows<MatrixRow>(p.token);
      onScenario((s) => withMatrix(s, p.fileName, rows));
    } else if (p.kind === 'boundaries') {
      const rows = await importClient().rows<BoundaryRow>(p.token);
      onScenario((s) => ({ ...s, boundaries: { fileName: p.fileName, mode: boundaryMode, rows } }));
    } else if (p.kind === 'territory') {
      const rows = await importClient().rows<TerritoryRow>(p.token);
      onScenario((s) => ({ ...s, territory: { fileName: p.fileName, listName: p.fileName, listDate: latestListDate(rows), rows } }));
    }
    done();
  };

  const kindLabel = (k: string | null) => keyOr(t, `kind_${k ?? 'unknown'}`, String(k));

  return (
    <section className="data-import" aria-labelledby="import-title">
      <h3 id="import-title">{t('importTitle')}</h3>
      <p className="muted small">{t('importHint')}</p>
      <FileButton label={t('chooseFile')} testId="data-file" accept=".csv,.tsv,.txt,.geojson,.json,.xlsx,.xlsm,.zip,.kml,.kmz" onFile={(f) => read(f, null)} />
      {step.type === 'reading' && (
        <p role="status" data-testid="import-status">
          {t('reading', { name: step.name })}
        </p>
      )}
      {step.type === 'error' && (
        <p role="alert" className="error" data-testid="import-error">
          {t('importFailed', { message: step.message })}
        </p>
      )}
      {step.type === 'preview' && (
        <div className="import-preview" data-testid="import-preview" data-kind={step.preview.kind ?? ''} data-accepted={step.preview.rowCount} data-rejected={step.preview.rejectedCount}>
          <p>
            <strong>{step.preview.fileName}</strong>
          </p>
          {step.preview.kind !== 'scenario' && (
            <div className="field">
              <label htmlFor="import-kind">{t('fileKind')}</label>
              <select id="import-kind" value={step.preview.kind ?? ''} onChange={(e) => read(step.file, (e.target.value || null) as FileKind | null, false, step.preview.detected.sheet)}>
                {step.preview.kind === null && <option value="">{kindLabel(null)}</option>}
                {KINDS.map((k) => (
                  <option key={k} value={k}>
                    {kindLabel(k)}
                  </option>
                ))}
              </select>
            </div>
          )}
          {(step.preview.detected.sheets?.length ?? 0) > 1 && (
            <div className="field">
              <label htmlFor="import-sheet">{t('sheet')}</label>
              <select
                id="import-sheet"
                data-testid="import-sheet"
                value={step.preview.detected.sheet ?? ''}
                onChange={(e) => read(step.file, step.preview.kind === 'scenario' ? null : step.preview.kind, false, e.target.value)}
              >
                {step.preview.detected.sheets?.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
            </div>
          )}
          {step.preview.fileError ? (
            <p role="alert" className="error" data-testid="file-error">
              {fileErrorMessage(step.preview.fileError, lang)}
            </p>
          ) : (
            <PreviewBody
              step={step}
              onModes={(modes) => setStep({ ...step, modes })}
              replacePreview={(types) =>
                bundle && scenario ? (
                  <ReplacePreview
                    token={step.preview.token}
                    types={types}
                    scope={step.replaceScope}
                    onScope={(replaceScope) => setStep({ ...step, replaceScope })}
                    embedded={bundle.facilities}
                    imports={scenario.facilityImports}
                    hromadas={bundle.hromadas}
                  />
                ) : null
              }
              boundaryOptions={
                <BoundaryOptions
                  token={step.preview.token}
                  builtInCodes={builtInCodes}
                  mode={step.boundaryMode}
                  onMode={(boundaryMode) => setStep({ ...step, boundaryMode })}
                  replacing={boundariesFile}
                />
              }
              onFixSwapped={() => read(step.file, step.preview.kind === 'scenario' ? null : step.preview.kind, true, step.preview.detected.sheet)}
              onRejectedCsv={() =>
                void importClient()
                  .rejectedCsv(step.preview.token)
                  .then((csv) => downloadText(csv, `${step.preview.fileName.replace(/\.[^.]+$/, '')}-rejected.csv`, 'text/csv'))
              }
              territory={step.preview.kind === 'territory' && step.preview.rowCount > 0 ? <TerritoryPreview token={step.preview.token} replaces={territoryName} /> : null}
              matrixFallback={state.params.matrixFallback}
              onMatrixFallback={(v) => onState({ params: { ...state.params, matrixFallback: v } })}
            />
          )}
          {step.preview.scenario && <SlidesNote text={openSlidesNote(t, lang, scenario?.slides?.length ?? 0, step.preview.scenario.slides?.length ?? 0)} />}
          <div className="button-row">
            {!step.preview.fileError && step.preview.kind !== null && step.preview.rowCount > 0 && (
              <button type="button" className="primary" data-testid="apply-import" onClick={() => void apply(step.preview, step.modes, step.boundaryMode, step.replaceScope)}>
                {t(APPLY_LABEL[step.preview.kind])}
              </button>
            )}
            <button type="button" onClick={done}>
              {t('cancelImport')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

function PreviewBody({
  step,
  onModes,
  replacePreview,
  boundaryOptions,
  territory,
  onFixSwapped,
  onRejectedCsv,
  matrixFallback,
  onMatrixFallback,
}: {
  step: Extract<Step, { type: 'preview' }>;
  onModes: (m: TypeModes) => void;
  /** What replacing the given types removes, and where (ReplacePreview). */
  replacePreview: (types: FacilityType[]) => ReactNode;
  boundaryOptions: ReactNode;
  territory: ReactNode;
  onFixSwapped: () => void;
  onRejectedCsv: () => void;
  matrixFallback: 'model' | 'unreachable';
  onMatrixFallback: (v: 'model' | 'unreachable') => void;
}) {
  const { t, lang } = useI18n();
  const p = step.preview;
  if (p.kind === 'scenario' && p.scenario) {
    return <p data-testid="scenario-info">{t('scenarioFileInfo', { name: p.scenario.name || t('unnamed'), savedAt: fmtDateTime(lang, p.scenario.savedAt) })}</p>;
  }
  const types = FACILITY_TYPES.filter((ty) => (p.typeCounts[ty] ?? 0) > 0);
  return (
    <>
      {p.kind !== null && <p className="muted small">{t('detectedAs', { kind: keyOr(t, `kind_${p.kind}`, p.kind) })}</p>}
      {p.detected.format && (
        <p className="muted small">{t('readAs', { format: p.detected.format.toUpperCase(), encoding: p.detected.encoding ?? 'UTF-8' })}</p>
      )}
      <ul className="import-counts">
        <li data-testid="accepted-count">{t('accepted', { n: fmtInt(lang, p.rowCount) })}</li>
        <li>{t('rejectedN', { n: fmtInt(lang, p.rejectedCount) })}</li>
        {p.flaggedCount > 0 && <li>{t('flaggedN', { n: fmtInt(lang, p.flaggedCount) })}</li>}
      </ul>
      {p.swappedCount > 0 && (
        <p className="offer" data-testid="swapped-offer">
          {t('swappedOffer', { n: fmtInt(lang, p.swappedCount) })}{' '}
          <button type="button" onClick={onFixSwapped}>
            {t('swappedFix')}
          </button>
        </p>
      )}
      <IssueList title={t('rejectedList')} issues={p.rejected} total={p.rejectedCount} testId="rejected-rows" />
      {p.rejectedCount > 0 && (
        <button type="button" data-testid="download-rejected" onClick={onRejectedCsv}>
          {t('downloadRejected')}
        </button>
      )}
      <IssueList title={t('flaggedList')} issues={p.flagged} total={p.flaggedCount} testId="flagged-rows" />
      {p.sample.length > 0 && p.kind !== 'territory' && (
        <div className="table-scroll">
          <table className="sample-table" data-testid="sample-rows">
            <caption>{t('sampleRows')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('colId')}</th>
                <th scope="col">{t('colName')}</th>
                <th scope="col">{t('colType')}</th>
                <th scope="col">{t('colLat')}</th>
                <th scope="col">{t('colLon')}</th>
              </tr>
            </thead>
            <tbody>
              {p.sample.map((r, k) => (
                <tr key={k}>
                  <td>{r.id}</td>
                  <td className="sample-name">{r.name}</td>
                  <td>{typeLabel(t, r.type)}</td>
                  <td className="num">{Number.isFinite(r.lat) ? r.lat.toFixed(5) : ''}</td>
                  <td className="num">{Number.isFinite(r.lon) ? r.lon.toFixed(5) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {p.kind === 'facilities' && types.length > 0 && (
        <fieldset className="type-modes">
          <legend>{t('perType')}</legend>
          {types.map((ty) => (
            <div className="field" key={ty}>
              <label htmlFor={`mode-${ty}`}>
                {typeLabel(t, ty)} ({fmtInt(lang, p.typeCounts[ty] ?? 0)})
              </label>
              <select id={`mode-${ty}`} data-type={ty} value={step.modes[ty] ?? 'add'} onChange={(e) => onModes({ ...step.modes, [ty]: e.target.value as 'add' | 'replace' })}>
                <option value="add">{t('mode_add')}</option>
                <option value="replace">{t('mode_replace')}</option>
              </select>
            </div>
          ))}
        </fieldset>
      )}
      {p.kind === 'facilities' && types.some((ty) => step.modes[ty] === 'replace') && replacePreview(types.filter((ty) => step.modes[ty] === 'replace'))}
      {p.kind === 'matrix' && (
        <div className="field">
          <label htmlFor="matrix-fallback">{t('matrixFallback')}</label>
          <select id="matrix-fallback" value={matrixFallback} onChange={(e) => onMatrixFallback(e.target.value as 'model' | 'unreachable')}>
            <option value="model">{t('fallback_model')}</option>
            <option value="unreachable">{t('fallback_unreachable')}</option>
          </select>
        </div>
      )}
      {p.kind === 'settlements' && <p className="note">{t('demandNote')}</p>}
      {p.kind === 'boundaries' && p.rowCount > 0 && boundaryOptions}
      {territory}
    </>
  );
}

/** What opening a scenario does to the presenter's slides (nothing drawn when there are none either side). */
function SlidesNote({ text }: { text: string | null }) {
  return text ? (
    <p className="muted small" data-testid="scenario-slides-note">
      {text}
    </p>
  ) : null;
}
