/**
 * Adapter over the shared bundled-data parser (src/io/embedded.ts), so the UI, worker and CLI read public/geo
 * the same way.
 */
import { parseEmbedded, type Embedded, type EmbeddedInput } from '../io/embedded';

export type ParsedBundle = Embedded;

export function parseGeoBundle(input: EmbeddedInput): ParsedBundle {
  return parseEmbedded(input);
}
