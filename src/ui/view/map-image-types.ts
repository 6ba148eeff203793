/** The words and legend entries of a saved map image (built by map-image-text.ts, drawn by map-image.ts). */
import type { FacilityType } from '../../engine/types';

export interface MapImageText {
  /** The view: country, oblast, raion or hromada (and "with N planned units"). */
  title: string;
  /** App, service, norm, date. */
  subtitle: string;
  /** The choropleth ramp (omitted when the choropleth is off). */
  ramp: { title: string; labels: [string, string, string] } | null;
  /** The response-time ramp of the settlement circles and cells (omitted when neither is drawn), with its notes. */
  minutes: { title: string; labels: [string, string, string]; notes: string[] } | null;
  facilities: { type: FacilityType; hollow: boolean; label: string }[];
  facilitiesTitle: string;
  /** The occupied hatch and hostilities outline entries, when a territory list is in use. */
  territory: { occupied: string; hostilities: string } | null;
  noData: string;
  /** Honesty notes: estimated populations, modelled times, illustrative units, imported data. */
  notes: string[];
  sourcesTitle: string;
  /** Data-source lines (grouped and short). */
  sources: string[];
}
