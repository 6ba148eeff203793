/**
 * Downloads of an optimizer run: the proposed sites as CSV (UTF-8 BOM, `#` lines with the run, the caveats and the
 * data attribution) and as GeoJSON (the engine's `sitesGeoJSON` plus attribution and caveat members). Pure strings.
 */
import { sitesGeoJSON, type ClosureRow, type PlanResult, type ProposedSite } from '../../engine/optimize';
import { ROAD_NOTE_PREFIX } from '../../engine/optimize/road-note';
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
    r.notes.some((n) => n.startsWith(ROAD_NOTE_PREFIX))
      ? 'Response times are modelled by the road network (see the travel-model note), not driven; treat sites as proposals for study.'
      : 'Response times are modelled (straight line × detour at a planning speed), not driven; treat sites as proposals for study.',
    ...r.notes.filter((n) => n.startsWith(ROAD_NOTE_PREFIX)),
    ...(meta.estimatedInputs.length > 0
      ? [`ILLUSTRATIVE: ${meta.estimatedInputs.map((e) => ESTIMATED_TEXT[e]).join('; ')}`]
      : []),
    ...(r.assumptions ?? []).map((a) => `Assumes: ${a}`),
    ...(r.measure ? [`Measure: ${r.measure}`] : []),
    ...(r.budget ? [`Budget ${r.budget.budget} million UAH, spent ${r.budget.spent}`] : []),
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
      { key: 'type', value: (s) => s.type ?? meta.type },
      'lon',
      'lat',
      'marginal',
      { key: 'cumulative_covered', value: (s) => s.cumulativeCovered },
      { key: 'cumulative_share', value: (s) => s.cumulativeShare },
      { key: 'cumulative_mean_cost', value: (s) => s.cumulativeMeanCost },
      { key: 'estimated', value: (s) => (s.estimated || illustrative ? 1 : 0) },
      { key: 'estimated_share', value: (s) => s.estimatedShare },
      ...extraColumns(r),
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

/** Budget: cost and people per million UAH; relocate: the unit moved to the site. */
function extraColumns(r: PlanResult): { key: string; value: (s: ProposedSite) => string | number }[] {
  if (r.objective === 'budget')
    return [
      { key: 'cost_muah', value: (s) => s.cost ?? '' },
      { key: 'people_per_muah', value: (s) => s.perCost ?? '' },
    ];
  if (r.objective === 'relocate')
    return [
      { key: 'moved_from_id', value: (s) => s.movedFrom?.id ?? '' },
      { key: 'moved_from_name', value: (s) => s.movedFrom?.name ?? '' },
    ];
  return [];
}

/** A closure ranking → CSV (the CLI's closures.csv columns plus the hromada's name), with the run's comments. */
export function closuresCsv(rows: readonly ClosureRow[], r: PlanResult, meta: PlanExportMeta): string {
  return toCsv(
    rows,
    [
      'rank',
      'id',
      'name',
      'type',
      { key: 'hromada_code', value: (x) => x.hromadaCode ?? '' },
      { key: 'hromada', value: (x) => meta.hromadaName(x.hromadaCode) },
      'lon',
      'lat',
      'loss',
      { key: 'loss_in_scope', value: (x) => x.lossInScope },
      { key: 'units_lost', value: (x) => x.unitsLost },
      { key: 'expected_loss', value: (x) => x.expectedLoss },
      { key: 'first_due', value: (x) => x.firstDue },
      { key: 'assumed', value: (x) => (x.assumed ? 1 : 0) },
    ],
    { comments: comments(r, meta) },
  );
}

/** A closure ranking → GeoJSON points (rank, loss, expected loss, `marker-color` by loss class). */
export function closuresGeoJson(rows: readonly ClosureRow[], r: PlanResult, meta: PlanExportMeta, color: (loss: number, max: number) => readonly number[]): string {
  const max = rows.reduce((m, x) => Math.max(m, x.loss), 0);
  const hex = (c: readonly number[]) => '#' + c.slice(0, 3).map((v) => v.toString(16).padStart(2, '0')).join('');
  return JSON.stringify({
    type: 'FeatureCollection',
    generated_at: meta.generatedAt ?? new Date().toISOString(),
    objective: r.objective,
    scope: meta.scope,
    illustrative: meta.estimatedInputs.length > 0,
    notes: r.notes,
    attribution: meta.attribution,
    features: rows
      .filter((x) => Number.isFinite(x.lon) && Number.isFinite(x.lat))
      .map((x) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [x.lon, x.lat] },
        properties: {
          rank: x.rank,
          id: x.id,
          name: x.name,
          type: x.type,
          hromada_code: x.hromadaCode,
          hromada: meta.hromadaName(x.hromadaCode),
          loss: x.loss,
          expected_loss: x.expectedLoss,
          assumed: x.assumed,
          'marker-color': hex(color(x.loss, max)),
        },
      })),
  });
}

/** Relocation moves → CSV (the CLI's moves.csv columns). */
export function movesCsv(r: PlanResult, meta: PlanExportMeta): string {
  return toCsv(
    r.moves ?? [],
    [
      'rank',
      { key: 'from_id', value: (m) => m.fromId },
      { key: 'from_name', value: (m) => m.fromName },
      { key: 'from_lon', value: (m) => m.fromLon },
      { key: 'from_lat', value: (m) => m.fromLat },
      { key: 'to_id', value: (m) => m.toId },
      { key: 'to_name', value: (m) => m.toName },
      { key: 'to_hromada_code', value: (m) => m.toHromadaCode ?? '' },
      { key: 'to_hromada', value: (m) => meta.hromadaName(m.toHromadaCode) },
      { key: 'to_lon', value: (m) => m.toLon },
      { key: 'to_lat', value: (m) => m.toLat },
      'gain',
      { key: 'cumulative_covered', value: (m) => m.cumulativeCovered },
    ],
    { comments: comments(r, meta) },
  );
}
