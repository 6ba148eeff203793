import { useState } from 'react';
import { facilitiesToCsv, facilitiesToGeoJson } from '../../io/export';
import { serializeScenario } from '../../io/scenario';
import type { CoverageExportKind, CoverageExportRequest } from '../../worker/export-handlers';
import { useI18n } from '../i18n-context';
import type { ScenarioPanelProps } from '../panel-props';
import { downloadBlob, downloadText } from '../download';
import { exportFileName } from './import-apply';

type ExportKey = CoverageExportKind | 'facilitiesCsv' | 'facilitiesGeo' | 'scenario';
const KEYS: ExportKey[] = ['hromadas', 'places', 'demand', 'totals', 'gaps', 'facilitiesCsv', 'facilitiesGeo', 'scenario'];
/** Table exports also offered as Excel workbooks (the CSV's rows; its `#` source lines on a second sheet). */
const XLSX_KEYS = ['hromadas', 'places', 'demand', 'totals', 'facilitiesCsv'] as const;
type XlsxKey = (typeof XLSX_KEYS)[number];

/**
 * Download buttons: per-hromada, per-settlement and totals CSVs and gaps GeoJSON (built in the coverage worker from
 * its engine), facilities CSV / GeoJSON (with edits) and the scenario JSON. All carry `attribution`.
 */
export function ExportSection({
  scenario,
  facilities,
  state,
  result,
  attribution,
  exportCoverage,
}: Pick<ScenarioPanelProps, 'scenario' | 'facilities' | 'state' | 'result'> & {
  attribution: string[];
  exportCoverage: (req: CoverageExportRequest) => Promise<string>;
}) {
  const { t } = useI18n();
  const [busy, setBusy] = useState<ExportKey | `${XlsxKey}Xlsx` | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async (key: ExportKey) => {
    setBusy(key);
    setError(null);
    try {
      const meta = { attribution };
      switch (key) {
        case 'facilitiesCsv':
          downloadText(facilitiesToCsv(facilities, meta), exportFileName('facilities', 'csv'), 'text/csv');
          break;
        case 'facilitiesGeo':
          downloadText(facilitiesToGeoJson(facilities, meta), exportFileName('facilities', 'geojson'), 'application/geo+json');
          break;
        case 'scenario': {
          const text = serializeScenario({ ...scenario, params: state.params, savedAt: new Date().toISOString(), attribution });
          downloadText(text, exportFileName('scenario', 'json'), 'application/json');
          break;
        }
        default: {
          const text = await exportCoverage({ what: key, attribution });
          downloadText(text, exportFileName(key, key === 'gaps' ? 'geojson' : 'csv'), key === 'gaps' ? 'application/geo+json' : 'text/csv');
        }
      }
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };

  const runXlsx = async (key: XlsxKey) => {
    setBusy(`${key}Xlsx`);
    setError(null);
    try {
      const csv = key === 'facilitiesCsv' ? facilitiesToCsv(facilities, { attribution }) : await exportCoverage({ what: key, attribution });
      const { csvToXlsx, XLSX_MIME } = await import('../../io/xlsx-export');
      const name = key === 'facilitiesCsv' ? 'facilities' : key;
      const bytes = await csvToXlsx(csv, name);
      downloadBlob(new Blob([bytes as BlobPart], { type: XLSX_MIME }), exportFileName(name, 'xlsx'));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="data-export" aria-labelledby="export-title">
      <h3 id="export-title">{t('exportTitle')}</h3>
      <p className="muted small">{t('exportNote')}</p>
      <div className="export-grid">
        {KEYS.map((k) => (
          <button key={k} type="button" data-export={k} disabled={busy !== null || (result === null && k !== 'scenario')} onClick={() => void run(k)}>
            {t(`export_${k}`)}
          </button>
        ))}
        {XLSX_KEYS.map((k) => (
          <button key={`${k}-xlsx`} type="button" data-export={`${k}Xlsx`} disabled={busy !== null || (result === null && k !== 'facilitiesCsv')} onClick={() => void runXlsx(k)}>
            {t('exportXlsx', { name: t(`export_${k}`).replace(/\s*\(CSV\)$/, '') })}
          </button>
        ))}
      </div>
      {busy && <p role="status">{t('exporting')}</p>}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </section>
  );
}
