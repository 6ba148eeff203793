/**
 * Errors of the road-file readers and the graph file: one class with a code and a plain-text sentence in Ukrainian
 * and English (the UI renders it as text, never HTML; the CLI prints the English one).
 */
export type RoadsErrorCode =
  | 'unknown_format'
  | 'not_osm'
  | 'truncated_pbf'
  | 'bad_pbf'
  | 'unsupported_pbf'
  | 'bad_xml'
  | 'bad_geojson'
  | 'too_large'
  | 'no_roads'
  | 'bad_bbox'
  | 'bad_graph_file';

export class RoadsError extends Error {
  override readonly name = 'RoadsError';
  constructor(
    readonly code: RoadsErrorCode,
    /** English sentence (also `message`). */
    readonly en: string,
    /** Ukrainian sentence. */
    readonly uk: string,
  ) {
    super(en);
  }
}

export const roadsError = (code: RoadsErrorCode, en: string, uk: string): RoadsError => new RoadsError(code, en, uk);

/** Bytes as "1,234,567" for messages. */
export const bytes = (n: number): string => n.toLocaleString('en-US');
