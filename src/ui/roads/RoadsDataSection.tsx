/**
 * The Data panel's road network: choose (or drop on the map) an OSM XML / PBF / GeoJSON roads file — built into a
 * graph in a worker, with progress — or a built .graph file; what is loaded (counts, OSM date, licence), and a
 * button to remove it.
 */
import { fmtInt } from '../../i18n';
import { clearRoads, loadRoadsFile } from '../../state/roads';
import { ROADS_DROP_MAX_BYTES } from '../../io/roads/limits';
import { FileButton } from '../data/FileButton';
import { useI18n } from '../i18n-context';
import { osmDateLabel } from './model-label';
import { useRoads } from './use-roads';

export function RoadsDataSection() {
  const { t, lang } = useI18n();
  const roads = useRoads();
  const s = roads.status;
  return (
    <section className="data-roads" aria-labelledby="roads-title" data-testid="roads-data" data-status={s.type}>
      <h3 id="roads-title">{t('roadsUi_dataTitle')}</h3>
      <p className="muted small">{t('roadsUi_dataHint', { mb: Math.round(ROADS_DROP_MAX_BYTES / 1e6) })}</p>
      <FileButton label={t('roadsUi_choose')} testId="roads-file" accept=".osm,.xml,.gz,.pbf,.geojson,.json,.graph" onFile={(f) => void loadRoadsFile(f, f.name)} />
      {s.type === 'building' && (
        <p role="status" data-testid="roads-status">
          {t('roadsUi_building', { name: s.fileName, pct: Math.round(s.fraction * 100) })}
          <progress max={1} value={s.fraction} />
        </p>
      )}
      {s.type === 'loading' && (
        <p role="status" data-testid="roads-status">
          {t('roadsUi_loading', { name: s.fileName })}
        </p>
      )}
      {s.type === 'error' && (
        <p role="alert" className="error" data-testid="roads-error">
          {t('roadsUi_error', { name: s.fileName, message: s.message[lang] })}
        </p>
      )}
      {s.type === 'ready' && (
        <>
          <p
            data-testid="roads-loaded"
            data-nodes={s.info.nodeCount}
            data-edges={s.info.edgeCount}
            data-search-threads={s.info.searchThreads ?? 1}
          >
            {t('roadsUi_loaded', {
              name: s.origin.type === 'built' ? `${s.info.fileName} (${s.origin.builtFrom})` : s.info.fileName,
              nodes: fmtInt(lang, s.info.nodeCount),
              edges: fmtInt(lang, s.info.edgeCount),
              date: osmDateLabel(t, lang, s.info.osmTimestamp),
            })}
          </p>
          <p className="muted small">{t('roadsUi_credit', { date: osmDateLabel(t, lang, s.info.osmTimestamp), graph: s.info.fileName })}</p>
          <button type="button" data-testid="roads-clear" onClick={() => void clearRoads()}>
            {t('roadsUi_clear')}
          </button>
        </>
      )}
    </section>
  );
}
