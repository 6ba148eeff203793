/**
 * The note a planner result carries when it was computed by road ("the road note"): which graph, the off-road speed
 * and snap distance, and how many sites and demand units lie on the graph. The engine writes it in English (the CLI's
 * summary.json and the solver's notes); {@link parseRoadNote} reads it back into figures so the page can word it in
 * Ukrainian or English (src/ui/planner). The candidate-site wording is exactly the one buildPointsProblem writes.
 */

/** What a road note says, as figures. */
export interface RoadNoteInfo {
  /** The graph's source file and OSM timestamp ('' when unknown / not given). */
  source: string;
  osmTimestamp: string;
  offRoadKmh: number;
  snapMaxKm: number;
  /** Candidate sites (planning) or ranked existing units (closures) on the graph, of how many. */
  sitesKind: 'candidates' | 'units';
  sitesOnGraph: number;
  sites: number;
  /** Demand units on the graph, of how many. */
  demandOnGraph: number;
  demand: number;
}

/** Every road note starts with this. */
export const ROAD_NOTE_PREFIX = 'Travel model: ROAD NETWORK';

const KIND_TEXT: Record<RoadNoteInfo['sitesKind'], string> = { candidates: 'candidate sites', units: 'ranked units' };

/**
 * The English road note of `info`.
 * @example roadNoteText({ source: 'ukraine.osm.pbf', osmTimestamp: '', offRoadKmh: 15, snapMaxKm: 2, sitesKind: 'units', sitesOnGraph: 3, sites: 4, demandOnGraph: 90, demand: 100 })
 */
export function roadNoteText(info: RoadNoteInfo): string {
  return (
    `${ROAD_NOTE_PREFIX} (graph from ${info.source || 'unknown'}${info.osmTimestamp ? `, OSM data of ${info.osmTimestamp}` : ''}): ` +
    `minutes = turnout + off-road legs at ${info.offRoadKmh} km/h + road minutes between snapped nodes. ` +
    `${info.sitesOnGraph} of ${info.sites} ${KIND_TEXT[info.sitesKind]} and ${info.demandOnGraph} of ${info.demand} demand units lie within ${info.snapMaxKm} km of a road node; ` +
    'pairs with either end off the graph use the straight-line model.'
  );
}

const NOTE_RE =
  /^Travel model: ROAD NETWORK \(graph from (.*?)(?:, OSM data of (.*?))?\): minutes = turnout \+ off-road legs at ([\d.eE+-]+) km\/h \+ road minutes between snapped nodes\. (\d+) of (\d+) (candidate sites|ranked units) and (\d+) of (\d+) demand units lie within ([\d.eE+-]+) km of a road node;/;

/** The figures of a road note (null when `note` is not one). */
export function parseRoadNote(note: string): RoadNoteInfo | null {
  if (!note.startsWith(ROAD_NOTE_PREFIX)) return null;
  const m = NOTE_RE.exec(note);
  if (!m) return null;
  const source = m[1]!;
  return {
    source: source === 'unknown' ? '' : source,
    osmTimestamp: m[2] ?? '',
    offRoadKmh: Number(m[3]),
    sitesKind: m[6] === 'ranked units' ? 'units' : 'candidates',
    sitesOnGraph: Number(m[4]),
    sites: Number(m[5]),
    demandOnGraph: Number(m[7]),
    demand: Number(m[8]),
    snapMaxKm: Number(m[9]),
  };
}
