/**
 * Downloads of an optimizer run: the proposed sites as CSV (UTF-8 BOM, `#` lines with the run, the caveats and the
 * data attribution) and as GeoJSON (the engine's `sitesGeoJSON` plus attribution and caveat members). Pure strings.
 */
import { sitesGeoJSON, type PlanResult } from '../../engine/optimize';
import type { FacilityType } from '../../engine/types';
import { toCsv } from '../../io/export';
import type { EstimatedInput } from '../../worker/optimize-protocol';

/** What an export says about the run besides the sites. */
export interface PlanExportMeta {
  type: FacilityType;
  /** Human description of the scope, e.g. "oblast: Волинська". */
  scope: string;
  estimatedInputs: readonly EstimatedInput[];
  attribution: readonly string[];
  /** hromada code → name, for a readable column. */
  hromadaName: (code: string | null) => string;
  /** ISO time; default now. */
  generatedAt?: string;
}

const ESTIMATED_TEXT: Record<EstimatedInput, string> = {
  'estimated-population':
    'the scope’s population is partly estimated (villages share their hromada’s rural total; cells spread the rest)',
  'illustrative-facilities': 'existing facilities include illustrative (assumed, not sourced) units',
  'cell-candidates': 'candidate sites are cell centres (estimated locations)',
};

function comments(r: PlanResult, meta: PlanExportMeta): string[] {
  return [
    `Покриття громад / Hromada Coverage — proposed sites ${meta.generatedAt ?? new Date().toISOString()}`,
    `objective ${r.objective}, method ${r.method}, status ${r.status}, scope ${meta.scope}, new facility type ${meta.type}`,
    'Response times are modelled (straight line × detour at a planning speed), not driven; treat sites as proposals for study.',
    ...(meta.estimatedInputs.length > 0
      ? [`ILLUSTRATIVE: ${meta.estimatedInputs.map((e) => ESTIMATED_TEXT[e]).join('; ')}`]
      : []),
    ...meta.attribution.map((a) => `Source: ${a}`),
  ];
}

/**
 * Sites → CSV: rank, id, name, hromada code and name, type, lon, lat, marginal, cumulative covered/share/mean cost,
 * estimated (1 when the site or the run rests on estimated or illustrative inputs), estimated_share, note.
 */
export function planSitesCsv(r: PlanResult, meta: PlanExportMeta): string {
  const illustrative = meta.estimatedInputs.length > 0;
  return toCsv(
    r.sites,
    [
      'rank',
      'id',
      'name',
      { key: 'hromada_code', value: (s) => s.hromadaCode ?? '' },
      { key: 'hromada', value: (s) => meta.hromadaName(s.hromadaCode) },
      { key: 'type', value: () => meta.type },
      'lon',
      'lat',
      'marginal',
      { key: 'cumulative_covered', value: (s) => s.cumulativeCovered },
      { key: 'cumulative_share', value: (s) => s.cumulativeShare },
      { key: 'cumulative_mean_cost', value: (s) => s.cumulativeMeanCost },
      { key: 'estimated', value: (s) => (s.estimated || illustrative ? 1 : 0) },
      { key: 'estimated_share', value: (s) => s.estimatedShare },
      {
        key: 'note',
        value: (s) =>
          s.estimated
            ? 'illustrative: rests on estimated inputs'
            : illustrative
              ? 'illustrative: inputs partly estimated'
              : '',
      },
    ],
    { comments: comments(r, meta) },
  );
}

/** Sites → GeoJSON text (points with `marker-color`), with `attribution`, `illustrative` and `notes` members. */
export function planSitesGeoJson(r: PlanResult, meta: PlanExportMeta): string {
  const fc = sitesGeoJSON(r);
  return JSON.stringify({
    ...fc,
    generated_at: meta.generatedAt ?? new Date().toISOString(),
    objective: r.objective,
    method: r.method,
    scope: meta.scope,
    illustrative: meta.estimatedInputs.length > 0,
    estimated_inputs: meta.estimatedInputs.map((e) => ESTIMATED_TEXT[e]),
    attribution: meta.attribution,
    features: fc.features.map((f) => ({
      ...f,
      properties: {
        ...f.properties,
        type: meta.type,
        hromada: meta.hromadaName((f.properties.hromada_code as string | null) ?? null),
      },
    })),
  });
}
