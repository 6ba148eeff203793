import type { CoverageExportRequest } from '../worker/export-handlers';
import { ExportSection } from './data/ExportSection';
import { builtInAreas } from './data/use-data-swap';
import { ImportSection, type DroppedFiles } from './data/ImportSection';
import { LoadedData } from './data/LoadedData';
import { ScenariosSection } from './data/ScenariosSection';
import { useI18n } from './i18n-context';
import { RoadsDataSection } from './roads/RoadsDataSection';
import { useRoads } from './roads/use-roads';
import { roadsExportLines } from '../state/roads';
import { territoryListName } from './legend-entries';
import type { ScenarioPanelProps } from './panel-props';

/** The data panel: import (picker or drop), what the scenario holds, exports, named scenarios and comparison. */
export function DataPanel(
  props: ScenarioPanelProps & {
    /** Files dropped on the map, to import. */
    dropped: DroppedFiles | null;
    /** A coverage export built in the coverage worker. */
    exportCoverage: (req: CoverageExportRequest) => Promise<string>;
  },
) {
  const { t } = useI18n();
  const { onClose, bundle, attribution } = props;
  const builtInCodes = (builtInAreas() ?? bundle).hromadas.codes;
  const roads = useRoads();
  return (
    <section className="panel data" aria-labelledby="data-title">
      <header className="panel-head">
        <h2 id="data-title">{t('dataTitle')}</h2>
        <button type="button" className="close" onClick={onClose} aria-label={t('close')}>
          ×
        </button>
      </header>
      <p className="muted small">{t('dataIntro')}</p>
      <ImportSection bundle={bundle} scenario={props.scenario} facilities={props.facilities} onScenario={props.onScenario} onState={props.onState} state={props.state} dropped={props.dropped} builtInCodes={builtInCodes} boundariesFile={props.scenario.boundaries?.fileName ?? null} territoryName={bundle.territory ? territoryListName(t, bundle.territory) : null} />
      <LoadedData scenario={props.scenario} onScenario={props.onScenario} report={bundle.boundaryReport ?? null} territory={bundle.territory ?? null} />
      <RoadsDataSection />
      <ExportSection scenario={props.scenario} facilities={props.facilities} state={props.state} result={props.result} attribution={[...attribution, ...roadsExportLines(props.result?.params ?? props.state.params, roads)]} exportCoverage={props.exportCoverage} />
      <ScenariosSection bundle={bundle} scenario={props.scenario} state={props.state} onScenario={props.onScenario} onState={props.onState} />
    </section>
  );
}
