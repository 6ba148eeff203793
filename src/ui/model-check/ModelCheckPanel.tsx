/**
 * The Model check panel (issue 13, point 6): the travel model's minutes against KSE's road times (car trips of
 * 20–200 km, not fire-engine runs) or a user's observed trips; mean and median absolute error, bias, a table by
 * oblast, a scatter plot, the robust fit's before/after errors, and "Apply fitted parameters" into the scenario.
 */
import { useMemo, useState, type ChangeEvent } from 'react';
import type { FitResult } from '../../engine/calibrate';
import { ROAD_CLASSES } from '../../engine/roads/speeds';
import type { ModelParams } from '../../engine/types';
import { fmtInt, isKey, locale } from '../../i18n';
import { fileErrorMessage, rowIssueMessage } from '../../io/messages';
import type { ObservedImport } from '../../io/observed';
import { useI18n } from '../i18n-context';
import type { ScenarioPanelProps } from '../panel-props';
import { ErrorTable, GroupTable } from './CheckTables';
import { ScatterPlot } from './ScatterPlot';
import { useRoads } from '../roads/use-roads';
import { readObservedFile, useCheckRun, useKseTimes, usePairs, useRoadCheckRun } from './use-model-check';

type FileState = { type: 'none' } | { type: 'reading'; name: string } | { type: 'read'; result: ObservedImport };

function FitDetails({ fit, from, to, model }: { fit: FitResult; from: ModelParams; to: ModelParams; model: string }) {
  const { t, lang } = useI18n();
  const cls = (name: string): string => {
    const key = name === 'urban' || name === 'rural' ? `check_class_${name}` : `roadsUi_class_${name}`;
    return isKey(key) ? t(key) : name;
  };
  const modeKey = `check_fitMode_${fit.mode}`;
  const num = (x: number, digits = 3): string =>
    x.toLocaleString(locale(lang), { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const kmh = (x: number): string => x.toLocaleString(locale(lang), { maximumFractionDigits: 1 });
  return (
    <div className="check-fit" data-testid="check-fit" data-mode={fit.mode}>
      <h3>{t('check_fitTitle')}</h3>
      <p>{isKey(modeKey) ? t(modeKey) : fit.mode}</p>
      <ul>
        {fit.factors
          .filter((f) => f.pairs > 0)
          .map((f) => (
            <li key={f.name}>
              {t('check_factor', {
                cls: cls(f.name),
                f: num(f.factor),
                se: Number.isFinite(f.se) ? num(f.se) : '—',
                n: fmtInt(lang, f.pairs),
              })}
            </li>
          ))}
        {(['urban', 'rural'] as const)
          .filter((c) => from.speedKmh[c] !== to.speedKmh[c])
          .map((c) => (
            <li key={`speed-${c}`} data-testid={`check-speed-${c}`}>
              <strong>
                {t('check_speedChange', { cls: cls(c), from: kmh(from.speedKmh[c]), to: kmh(to.speedKmh[c]) })}
              </strong>
            </li>
          ))}
        {ROAD_CLASSES.filter((c) => from.roads.speeds.kmh[c] !== to.roads.speeds.kmh[c]).map((c) => (
          <li key={`road-${c}`} data-testid={`check-road-speed-${c}`}>
            <strong>
              {t('check_speedChangeRoad', {
                cls: cls(c),
                from: kmh(from.roads.speeds.kmh[c]),
                to: kmh(to.roads.speeds.kmh[c]),
              })}
            </strong>
          </li>
        ))}
      </ul>
      {fit.downweighted > 0 && (
        <p className="hint">{t('check_outliers', { n: fmtInt(lang, fit.downweighted), total: fmtInt(lang, fit.n) })}</p>
      )}
      {model === 'straight-line' && <p className="hint">{t('check_fitNote')}</p>}
    </div>
  );
}

export function ModelCheckPanel({ bundle, facilities, state, onState, onClose }: ScenarioPanelProps) {
  const { t, lang } = useI18n();
  const kse = useKseTimes();
  const [file, setFile] = useState<FileState>({ type: 'none' });
  const [useFile, setUseFile] = useState(false);
  const [show, setShow] = useState<'before' | 'after'>('before');
  const [applied, setApplied] = useState(false);
  const fileRows = file.type === 'read' && !file.result.fileError && file.result.rows.length > 0 ? file.result : null;
  const source = useMemo(
    () =>
      useFile && fileRows
        ? ({ kind: 'file', file: fileRows } as const)
        : kse.type === 'ready'
          ? ({ kind: 'kse', kse: kse.kse } as const)
          : null,
    [useFile, fileRows, kse],
  );
  const pairs = usePairs(source, state.params);
  const [fitUrban, setFitUrban] = useState(true);
  const straight = useCheckRun(pairs, state.params, fitUrban);
  const roads = useRoads();
  const roadReady = roads.status.type === 'ready';
  const wantRoad = state.params.travelModel === 'road' && roadReady;
  const road = useRoadCheckRun(pairs, state.params, wantRoad, roads.epoch);
  const run = wantRoad ? (road.type === 'ready' ? road.run : null) : straight;
  const graphName = roads.status.type === 'ready' ? roads.status.info.fileName : '';
  const observed = useMemo(
    () => (run ? Float64Array.from(run.pairs, (p) => p.observedMin) : new Float64Array(0)),
    [run],
  );
  const groupName = (g: string): string => (lang === 'en' && kse.type === 'ready' ? (kse.kse.oblastEn.get(g) ?? g) : g);

  const onFile = (e: ChangeEvent<HTMLInputElement>): void => {
    const f = e.target.files?.[0];
    e.target.value = '';
    if (!f) return;
    setFile({ type: 'reading', name: f.name });
    void readObservedFile(f, bundle, facilities).then((result) => {
      setFile({ type: 'read', result });
      setUseFile(!result.fileError && result.rows.length > 0);
    });
  };
  const c = run?.calibration;
  const changed = c ? c.paramStrings.length > 0 : false;
  return (
    <section
      className="panel model-check"
      aria-labelledby="model-check-title"
      data-testid="model-check"
      data-ms={run ? run.ms.toFixed(1) : undefined}
    >
      <header className="panel-head">
        <h2 id="model-check-title">{t('check_title')}</h2>
        <button type="button" className="close" onClick={onClose} aria-label={t('close')}>
          ×
        </button>
      </header>
      <p className="honesty">{t('check_intro')}</p>
      {state.params.travelModel === 'road' && !roadReady && <p className="hint">{t('check_roadNote')}</p>}
      <fieldset>
        <legend>{t('check_source')}</legend>
        <label className="check">
          <input type="radio" name="check-source" checked={!useFile || !fileRows} onChange={() => setUseFile(false)} />
          {t('check_sourceKse', { n: kse.type === 'ready' ? fmtInt(lang, kse.kse.pairs.length) : '…' })}
        </label>
        {fileRows && (
          <label className="check">
            <input
              type="radio"
              name="check-source"
              checked={useFile}
              onChange={() => setUseFile(true)}
              data-testid="check-source-file"
            />
            {t('check_sourceFile', { name: fileRows.fileName, n: fmtInt(lang, fileRows.rows.length) })}
          </label>
        )}
        <p>
          <label className="file-pick">
            {t('check_import')}{' '}
            <input type="file" accept=".csv,.txt,.tsv,.xlsx" onChange={onFile} data-testid="check-file" />
          </label>
        </p>
        <p className="hint">{t('check_importHint')}</p>
        {file.type === 'read' && file.result.fileError && (
          <p className="error">{fileErrorMessage(file.result.fileError, lang)}</p>
        )}
        {file.type === 'read' && file.result.rejected.length > 0 && (
          <details data-testid="check-rejected">
            <summary>{t('check_rejected', { n: file.result.rejected.length })}</summary>
            <ul>
              {file.result.rejected.slice(0, 50).map((x, k) => (
                <li key={k}>{rowIssueMessage(x, lang)}</li>
              ))}
            </ul>
          </details>
        )}
        {useFile && fileRows && fileRows.rows.some((r) => r.classAssumed) && (
          <p className="hint">{t('check_classAssumed', { n: fileRows.rows.filter((r) => r.classAssumed).length })}</p>
        )}
      </fieldset>
      {kse.type === 'loading' && !source && <p>{t('check_loading')}</p>}
      {kse.type === 'error' && <p className="error">{t('check_loadError', { message: kse.message })}</p>}
      {wantRoad && road.type === 'running' && <p data-testid="check-road-running">{t('check_roadRunning')}</p>}
      {wantRoad && road.type === 'error' && <p className="error">{t('check_roadError', { message: road.message })}</p>}
      {c && run && (
        <>
          <p data-testid="check-model" data-model={c.model}>
            {t('check_model', {
              model: c.model === 'road' ? t('check_modelRoad', { graph: graphName }) : t('check_modelStraight'),
            })}
          </p>
          <ErrorTable before={c.before.all} after={c.after.all} />
          {c.before.untimed > 0 && <p className="hint">{t('check_untimed', { n: fmtInt(lang, c.before.untimed) })}</p>}
          <FitDetails fit={c.fit} from={state.params} to={c.params} model={c.model} />
          {c.model === 'straight-line' && (
            <label className="check">
              <input
                type="checkbox"
                data-testid="check-fit-urban"
                checked={fitUrban}
                onChange={(e) => setFitUrban(e.target.checked)}
              />
              {t('check_fitUrban')}
            </label>
          )}
          <button
            type="button"
            className="primary"
            data-testid="check-apply"
            disabled={!changed}
            onClick={() => {
              onState({ params: c.params });
              setApplied(true);
            }}
          >
            {t('check_apply')}
          </button>
          {!changed && <p className="hint">{applied ? t('check_applied') : t('check_nothingToApply')}</p>}
          <fieldset className="check-show">
            <legend>{t('check_show')}</legend>
            {(['before', 'after'] as const).map((k) => (
              <label key={k} className="check">
                <input type="radio" name="check-show" checked={show === k} onChange={() => setShow(k)} />
                {t(k === 'before' ? 'check_showBefore' : 'check_showAfter')}
              </label>
            ))}
          </fieldset>
          <ScatterPlot observed={observed} modelled={show === 'before' ? c.modelledBefore : c.modelledAfter} />
          <GroupTable before={c.before} after={c.after} kse={source?.kind === 'kse'} groupName={groupName} />
        </>
      )}
      <p className="muted">{t('check_credit')}</p>
    </section>
  );
}
