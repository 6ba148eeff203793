import { useCallback, useEffect, useMemo, useState } from 'react';
import { SERVICES } from '../../engine/types';
import { fmtInt, fmtPct } from '../../i18n';
import { serializeScenario, type Scenario } from '../../io/scenario';
import { fmtList } from '../../i18n/format';
import { linkScenarioOf } from '../../state/link-edits';
import { decodeHash, encodeHash } from '../../state/url';
import { downloadText } from '../download';
import { exportFileName } from './import-apply';
import { createCoverageSource } from '../../state/coverage-source';
import type { NamedScenarioInfo } from '../../state/scenario-store';
import { useI18n } from '../i18n-context';
import type { ScenarioPanelProps } from '../panel-props';
import { scenarioAreas } from '../../state/boundaries';
import { BUILT_IN, builtInScenario, compareResults, computeScenario, type ScenarioComparison } from './compare';
import { builtInAreas } from './use-data-swap';
import { openScenario } from './keep-slides';
import { scenarioStore } from './use-scenario-persistence';
import { fmtDateTime } from '../../i18n/place-name';

const CURRENT = '';
const SHOWN = 50;

/** Named scenarios in this browser: save, open, duplicate, rename, delete, and compare two side by side. */
export function ScenariosSection({ bundle, scenario, state, onScenario, onState }: Pick<ScenarioPanelProps, 'bundle' | 'scenario' | 'state' | 'onScenario' | 'onState'>) {
  const { t, lang } = useI18n();
  const store = scenarioStore();
  const [list, setList] = useState<NamedScenarioInfo[]>([]);
  const [name, setName] = useState('');
  const [editing, setEditing] = useState<{ id: string; name: string } | null>(null);
  const [pair, setPair] = useState<{ a: string; b: string }>({ a: BUILT_IN, b: CURRENT });
  const [cmp, setCmp] = useState<{ type: 'none' } | { type: 'busy' } | { type: 'done'; c: ScenarioComparison; a: string; b: string } | { type: 'error'; message: string }>({ type: 'none' });

  const refresh = useCallback(() => void store.list().then(setList), [store]);
  useEffect(refresh, [refresh]);

  const current = (): Scenario => ({ ...scenario, params: state.params });
  const label = (id: string) =>
    id === CURRENT ? t('currentScenario') : id === BUILT_IN ? t('builtInData') : (list.find((i) => i.id === id)?.name ?? id);
  const load = async (id: string): Promise<Scenario | null> =>
    id === CURRENT ? current() : id === BUILT_IN ? builtInScenario(t('builtInData'), state.params) : store.get(id);
  // What a link to this page would leave out (edits too long for a URL, imported files): offer the scenario file.
  const linkLeftOut = useMemo(() => decodeHash(encodeHash(state, null, null, linkScenarioOf(scenario)), state).omitted, [state, scenario]);

  const open = async (id: string) => {
    const s = await store.get(id);
    if (!s) return;
    onScenario((cur) => openScenario(cur, s));
    onState({ params: s.params });
  };

  const compare = async () => {
    setCmp({ type: 'busy' });
    // A separate worker per scenario (each over its own demand and hromadas), so the map's worker is left alone.
    const run = async (s: Scenario) => {
      const { bundle: areas, relocate } = scenarioAreas(builtInAreas() ?? bundle, s);
      const source = createCoverageSource(areas.demand, areas.hromadas, areas.facilities);
      try {
        return { r: await computeScenario(source, areas.facilities, areas.demand.ids, s, undefined, relocate), hromadas: areas.hromadas };
      } finally {
        source.dispose();
      }
    };
    try {
      const [sa, sb] = await Promise.all([load(pair.a), load(pair.b)]);
      if (!sa || !sb) throw new Error('scenario not found');
      const ra = await run(sa);
      const rb = await run(sb);
      setCmp({ type: 'done', c: compareResults(ra.r, rb.r, ra.hromadas, rb.hromadas), a: label(pair.a), b: label(pair.b) });
    } catch (e) {
      setCmp({ type: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  };

  const signed = (n: number) => (n > 0 ? `+${fmtInt(lang, n)}` : fmtInt(lang, n));

  return (
    <section className="data-scenarios" aria-labelledby="scenarios-title">
      <h3 id="scenarios-title">{t('scenariosTitle')}</h3>
      <p className="muted small">{t('autosaved')}</p>
      {linkLeftOut.length > 0 && (
        <p className="notice small" data-testid="link-incomplete-sender">
          {t('linkIncompleteSender', {
            what: fmtList(
              lang,
              linkLeftOut.map((w) => t(w === 'edits' ? 'linkLeftEdits' : w === 'imports' ? 'linkLeftImports' : 'linkLeftOther')),
            ),
          })}{' '}
          <button
            type="button"
            onClick={() => downloadText(serializeScenario({ ...current(), savedAt: new Date().toISOString() }), exportFileName('scenario', 'json'), 'application/json')}
          >
            {t('downloadScenarioForLink')}
          </button>
        </p>
      )}
      <form
        className="save-row"
        onSubmit={(e) => {
          e.preventDefault();
          const n = name.trim() || t('unnamed');
          void store.save(n, { ...current(), name: n }).then(() => {
            setName('');
            refresh();
          });
        }}
      >
        <label htmlFor="scenario-name" className="visually-hidden">
          {t('scenarioName')}
        </label>
        <input id="scenario-name" value={name} placeholder={t('scenarioName')} maxLength={120} onChange={(e) => setName(e.target.value)} />
        <button type="submit">{t('saveScenario')}</button>
      </form>
      {list.length === 0 && <p className="muted">{t('noScenarios')}</p>}
      <ul className="scenario-list" data-testid="scenario-list">
        {list.map((i) => (
          <li key={i.id} data-id={i.id}>
            {editing?.id === i.id ? (
              <form
                className="save-row"
                onSubmit={(e) => {
                  e.preventDefault();
                  void store.rename(i.id, editing.name.trim() || t('unnamed')).then(() => {
                    setEditing(null);
                    refresh();
                  });
                }}
              >
                <label htmlFor={`rename-${i.id}`} className="visually-hidden">
                  {t('scenarioName')}
                </label>
                <input id={`rename-${i.id}`} value={editing.name} maxLength={120} onChange={(e) => setEditing({ id: i.id, name: e.target.value })} />
                <button type="submit">{t('renameScenario')}</button>
              </form>
            ) : (
              <span className="scenario-name">{i.name}</span>
            )}{' '}
            <span className="muted small">{fmtDateTime(lang, i.savedAt)}</span>
            <div className="button-row small">
              <button type="button" onClick={() => void open(i.id)}>
                {t('openScenario')}
              </button>
              <button type="button" onClick={() => void store.duplicate(i.id, t('copyOf', { name: i.name })).then(refresh)}>
                {t('duplicateScenario')}
              </button>
              <button type="button" onClick={() => setEditing({ id: i.id, name: i.name })}>
                {t('renameScenario')}
              </button>
              <button type="button" onClick={() => void store.remove(i.id).then(refresh)}>
                {t('deleteScenario')}
              </button>
            </div>
          </li>
        ))}
      </ul>
      <h3>{t('compareTitle')}</h3>
      <div className="compare-pick">
        {(['a', 'b'] as const).map((side) => (
          <div className="field" key={side}>
            <label htmlFor={`compare-${side}`}>{t(side === 'a' ? 'compareA' : 'compareB')}</label>
            <select id={`compare-${side}`} value={pair[side]} onChange={(e) => setPair({ ...pair, [side]: e.target.value })}>
              <option value={CURRENT}>{t('currentScenario')}</option>
              <option value={BUILT_IN}>{t('builtInData')}</option>
              {list.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.name}
                </option>
              ))}
            </select>
          </div>
        ))}
        <button type="button" data-testid="compare" disabled={cmp.type === 'busy'} onClick={() => void compare()}>
          {t('compare')}
        </button>
      </div>
      {cmp.type === 'busy' && <p role="status">{t('comparing')}</p>}
      {cmp.type === 'error' && (
        <p role="alert" className="error">
          {cmp.message}
        </p>
      )}
      {cmp.type === 'done' && (
        <div className="compare-result" data-testid="compare-result">
          <table className="compare-table">
            <CompareHead first="" a={cmp.a} b={cmp.b} diff={t('diff')} />
            <tbody>
              {SERVICES.map((s) => {
                const { a, b } = cmp.c.national[s];
                return [
                  <tr key={`${s}-c`} data-service={s}>
                    <th scope="row">
                      {t(`service_${s}`)}: {t('coveredPeople')}
                    </th>
                    <td className="num">{fmtInt(lang, a.coveredPopulation)}</td>
                    <td className="num">{fmtInt(lang, b.coveredPopulation)}</td>
                    <td className="num" data-testid={`diff-${s}`} data-value={b.coveredPopulation - a.coveredPopulation}>
                      {signed(b.coveredPopulation - a.coveredPopulation)}
                    </td>
                  </tr>,
                  <tr key={`${s}-s`}>
                    <th scope="row">{t('coveredShare')}</th>
                    <td className="num">{fmtPct(lang, a.share)}</td>
                    <td className="num">{fmtPct(lang, b.share)}</td>
                    <td className="num">{t('percentPoints', { n: `${b.share >= a.share ? '+' : ''}${((b.share - a.share) * 100).toFixed(2)}` })}</td>
                  </tr>,
                  <tr key={`${s}-o`}>
                    <th scope="row">{t('outsideSettlements')}</th>
                    <td className="num">{fmtInt(lang, a.settlementsOutside)}</td>
                    <td className="num">{fmtInt(lang, b.settlementsOutside)}</td>
                    <td className="num">{signed(b.settlementsOutside - a.settlementsOutside)}</td>
                  </tr>,
                ];
              })}
            </tbody>
          </table>
          {SERVICES.map((s) => {
            const rows = cmp.c.hromadas[s];
            return (
              <details key={s} open={s === state.service}>
                <summary>
                  {t(`service_${s}`)}: {rows.length === 0 ? t('noDifference') : t('changedHromadas', { n: fmtInt(lang, rows.length) })}
                </summary>
                {rows.length > 0 && (
                  <table className="compare-table" data-testid={`compare-hromadas-${s}`}>
                    <CompareHead first={t('community')} a={cmp.a} b={cmp.b} diff={t('diff')} />
                    <tbody>
                      {rows.slice(0, SHOWN).map((r) => (
                        <tr key={r.code} data-hromada={r.code}>
                          <td>{lang === 'en' ? r.nameEn || r.name : r.name}</td>
                          <td className="num">{fmtPct(lang, r.shareA)}</td>
                          <td className="num">{fmtPct(lang, r.shareB)}</td>
                          <td className="num">{signed(r.diff)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
              </details>
            );
          })}
        </div>
      )}
    </section>
  );
}

/** Header row of a comparison table: what the rows are, scenario A, scenario B, B − A. */
function CompareHead({ first, a, b, diff }: { first: string; a: string; b: string; diff: string }) {
  return (
    <thead>
      <tr>
        <th scope="col">{first}</th>
        <th scope="col" className="num">
          {a}
        </th>
        <th scope="col" className="num">
          {b}
        </th>
        <th scope="col" className="num">
          {diff}
        </th>
      </tr>
    </thead>
  );
}
