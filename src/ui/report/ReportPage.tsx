/**
 * The printable community report (issue 15 point 1), shown instead of the map when the hash is `#report=KATOTTG`:
 * it loads the bundled data, computes coverage in the engine's worker with the link's parameters and facility edits,
 * and lays out an A4 portrait document (report.css) that the browser's print or "Save as PDF" turns into the file.
 * `<html data-report-state>` (loading / computing / ready / error) and `data-report-plan` tell automated checks
 * where it is.
 */
import { useEffect, useMemo, useState } from 'react';
import type { MultiPolygon, Polygon } from 'geojson';
import { makeT, fmtInt, isKey, type Lang } from '../../i18n';
import { fmtDate, fmtDateTime, placeName } from '../../i18n/place-name';
import type { ModelParams } from '../../engine/types';
import { polygonIndex } from '../../io/context';
import { defaultState } from '../../state/app-state';
import { createCoverageSource, type CoverageResult, type CoverageSource } from '../../state/coverage-source';
import { builtInTerritoryMeta, loadGeoBundle, loadUnlocated, type GeoBundle } from '../../state/load-data';
import { scenarioFacilities } from '../../state/scenario-state';
import { decodeHash } from '../../state/url';
import { I18nContext, useI18n } from '../i18n-context';
import { territoryListLabel } from '../legend-entries';
import { boxOf, type LonLatBox } from './map-layout';
import { buildReportData, type ReportData } from './report-data';
import { ReportBasis, ReportFigures } from './ReportFigures';
import { ReportMap, type MapArea } from './ReportMap';
import { ReportPlan, useReportPlan } from './ReportPlan';
import { ReportSettlements } from './ReportSettlements';
import { prepareReportModel, reportHonestyText, type ReportModel } from './report-model';
import { osmDateLabel } from '../roads/model-label';
import { mapHashOf } from './route';
import './report.css';

type Load =
  | { type: 'loading' }
  | { type: 'computing' }
  | { type: 'error'; message: string }
  | {
      type: 'ready';
      bundle: GeoBundle;
      result: CoverageResult;
      data: ReportData;
      source: CoverageSource;
      areas: MapArea[];
      edits: number;
      /** Which travel model the figures come from (the link's tm=road and whether a graph was had). */
      model: ReportModel;
    };

function setReportState(s: 'loading' | 'computing' | 'ready' | 'error'): void {
  document.documentElement.dataset.reportState = s;
}

function areaOf(geometry: Polygon | MultiPolygon): MapArea {
  const pts: [number, number][] = [];
  const rings = geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
  for (const r of rings) for (const c of r) pts.push([c[0]!, c[1]!]);
  return { geometry, box: boxOf(pts) ?? ([0, 0, 0, 0] as LonLatBox) };
}

export function ReportPage({ code }: { code: string }) {
  const link = useMemo(() => decodeHash(window.location.hash, defaultState()), []);
  const lang: Lang = link.patch.lang ?? 'uk';
  const params = useMemo(() => link.patch.params ?? defaultState().params, [link]);
  const t = useMemo(() => makeT(lang), [lang]);
  const i18n = useMemo(() => ({ lang, t }), [lang, t]);
  const [load, setLoad] = useState<Load>({ type: 'loading' });

  useEffect(() => {
    const ctrl = new AbortController();
    let source: CoverageSource | null = null;
    setReportState('loading');
    setLoad({ type: 'loading' });
    (async () => {
      const bundle = await loadGeoBundle(ctrl.signal);
      const index = bundle.hromadas.codes.indexOf(code);
      if (index < 0) throw new Error(t('report_unknownCode', { code }));
      if (ctrl.signal.aborted) return;
      setReportState('computing');
      setLoad({ type: 'computing' });
      const edits = link.edits ?? [];
      let facilities = bundle.facilities;
      if (edits.length > 0) {
        const at = polygonIndex(bundle.hromadaGeo.features.map((f, owner) => ({ geom: f.geometry, owner })));
        facilities = scenarioFacilities(
          bundle.facilities,
          { facilityImports: [], facilityEdits: edits },
          (lon, lat) => bundle.hromadas.codes[at(lon, lat)] ?? null,
        );
      }
      source = createCoverageSource(bundle.demand, bundle.hromadas, bundle.facilities);
      // tm=road: the default graph first (the worker answers in order, so the compute below is by road when found)
      const model = await prepareReportModel(params, new URL(`${import.meta.env.BASE_URL}geo/`, window.location.href).href);
      if (ctrl.signal.aborted) return;
      const [result, unlocated] = await Promise.all([
        source.compute(params, facilities, { signal: ctrl.signal }),
        loadUnlocated(),
      ]);
      const data = buildReportData(bundle.demand, bundle.hromadas, result, index, unlocated[code] ?? []);
      const areas = bundle.hromadaGeo.features.map((f) => areaOf(f.geometry));
      if (ctrl.signal.aborted) return;
      setLoad({ type: 'ready', bundle, result, data, source, areas, edits: edits.length, model });
      setReportState('ready');
    })().catch((e: unknown) => {
      if (ctrl.signal.aborted) return;
      setReportState('error');
      setLoad({ type: 'error', message: e instanceof Error ? e.message : String(e) });
    });
    return () => {
      ctrl.abort();
      source?.dispose();
    };
  }, [code, link, params, t]);

  useEffect(() => {
    document.documentElement.lang = lang;
    if (load.type === 'ready') document.title = `${reportTitle(t, lang, load.data)} · ${t('report_kind')}`;
  }, [lang, t, load]);

  return (
    <I18nContext.Provider value={i18n}>
      <div className="report" data-testid="report">
        <nav className="report-tools no-print">
          <a href={mapHashOf(window.location.hash)}>← {t('report_backToMap')}</a>
          <button type="button" onClick={() => window.print()} disabled={load.type !== 'ready'}>
            {t('report_print')}
          </button>
        </nav>
        {load.type === 'loading' || load.type === 'computing' ? (
          <p className="report-running" role="status">
            {t(load.type === 'loading' ? 'report_loading' : 'report_computing')}
          </p>
        ) : load.type === 'error' ? (
          <p className="report-error" role="alert" data-testid="report-error">
            {t('report_failed', { message: load.message })}
          </p>
        ) : (
          <ReportBody load={load} params={params} omitted={link.omitted.length > 0} />
        )}
      </div>
    </I18nContext.Provider>
  );
}

/** "Лебединська міська громада" / "Lebedynska urban hromada". */
function reportTitle(t: ReturnType<typeof makeT>, lang: Lang, d: ReportData): string {
  if (d.type === 'столиця') return t('report_titleCapital', { name: placeName(d.name, lang) });
  const key = `report_type_${d.type}`;
  return t('report_title', { name: placeName(d.name, lang), type: isKey(key) ? t(key) : d.type }).replace(/\s+/g, ' ');
}

function ReportBody({
  load,
  params,
  omitted,
}: {
  load: Extract<Load, { type: 'ready' }>;
  params: ModelParams;
  omitted: boolean;
}) {
  const { t, lang } = useI18n();
  const { bundle, data, source, areas } = load;
  const plan = useReportPlan(source.optimize, data.code, data.occupied, true);
  const sites = useMemo(() => {
    const last = plan.type === 'skipped' ? undefined : plan.runs[plan.runs.length - 1];
    return last
      ? last.result.sites.filter((s) => s.marginal > 0).map((s) => ({ rank: s.rank, lon: s.lon, lat: s.lat }))
      : [];
  }, [plan]);
  const neighbours = useMemo(() => areas.filter((_, k) => k !== data.index), [areas, data.index]);
  const meta = builtInTerritoryMeta(bundle.manifest);
  const territory = territoryListLabel(t, lang, { listName: meta.list, listDate: meta.date, source: 'built-in' });
  const made = fmtDateTime(lang, new Date());
  const area = areas[data.index]!;
  const statusText = t(`territory_${data.status}`);
  return (
    <article className="report-doc" data-hromada={data.code} data-occupied={data.occupied ? '1' : '0'}>
      <header className="report-head">
        <p className="report-kind">{t('report_kind')}</p>
        <h1 data-testid="report-title">{reportTitle(t, lang, data)}</h1>
        <p className="report-where">
          {[
            data.oblast && data.oblast !== data.name && t('report_oblast', { name: placeName(data.oblast, lang) }),
            data.raion && t('report_raion', { name: placeName(data.raion, lang) }),
          ]
            .filter(Boolean)
            .map((w) => `${w} · `)
            .join('')}
          {t('population')}: <strong data-testid="report-population">{fmtInt(lang, data.population)}</strong>{' '}
          <span className="muted small">(KATOTTG {data.code})</span>
        </p>
        <p
          className={`territory-status status-${data.status}`}
          data-testid="report-territory"
          data-status={data.status}
        >
          {t('territoryLabel')}: <strong>{statusText}</strong>{' '}
          <span className="muted small">({t('territoryList', { list: territory })})</span>
        </p>
        {data.occupied && (
          <div className="report-occupied" role="note" data-testid="report-occupied">
            <strong>{t('report_occupiedHead')}.</strong>{' '}
            {t('report_occupiedText', { list: territory, status: statusText })}
          </div>
        )}
        <p className="small muted">
          {t('report_made', { date: made })}
          {load.edits > 0 && ` · ${t('report_linkEdits', { n: fmtInt(lang, load.edits) })}`}
          {omitted && ` · ${t('report_linkOmitted')}`}
        </p>
      </header>
      <ReportMap data={data} area={area} neighbours={neighbours} sites={sites} />
      <ReportFigures data={data} params={params} model={load.model} />
      <ReportBasis data={data} params={params} hromadas={bundle.hromadas} />
      <ReportPlan plan={plan} places={data.rows} />
      <ReportSettlements data={data} facilities={load.result.facilities} />
      <section className="report-sources" aria-labelledby="report-sources-title" data-testid="report-sources">
        <h2 id="report-sources-title">{t('report_sourcesTitle')}</h2>
        <p className="small" data-testid="report-honesty">{reportHonestyText(t, load.model)}</p>
        <ul className="small">
          {bundle.attribution.map((s, k) => {
            const lic = s.licence ?? s.license;
            return (
              <li key={s.id ?? k}>
                {String(s.attribution ?? s.name ?? s.title ?? s.id ?? '')}
                {lic ? ` (${String(lic)})` : ''}
              </li>
            );
          })}
          {load.model.type === 'road' && (
            <li data-testid="report-roads-source">
              {t('roadsUi_credit', { date: osmDateLabel(t, lang, load.model.info.osmTimestamp), graph: load.model.info.fileName })}
            </li>
          )}
        </ul>
        <p className="small">{t('report_sourcesDate', { made: fmtDate(lang, new Date()), territory })}</p>
      </section>
    </article>
  );
}
