/** The words and legend entries of a saved map image (built by map-image-text.ts, drawn by map-image.ts). */
import type { FacilityType } from '../../engine/types';
import type { RGBA } from '../../map/colors';
import type { MinutesRampTick } from '../legend-entries';

/** One bar of a minutes ramp in the image: its row label (none when it is the only bar), norm and colour stops. */
export interface ImageRampRow {
  label: string | null;
  /** The class's norm, minutes, and where it falls on the axis (0…1). */
  norm: number;
  mark: number;
  /** Colours along the axis at 0…1 (minutesRamp's stops). */
  stops: { at: number; color: RGBA }[];
}

/** A minutes ramp in the image: bars on one minute axis with their norms marked, ticks in minutes under them. */
export interface ImageMinutesRamp {
  title: string;
  /** The words beside the black mark's key ("norm"). */
  normKey: string;
  rows: ImageRampRow[];
  ticks: MinutesRampTick[];
}

export interface MapImageText {
  /** The view: country, oblast, raion or hromada (and "with N planned units"). */
  title: string;
  /** App, service, norm, date. */
  subtitle: string;
  /** The choropleth ramp (omitted when the choropleth is off). */
  ramp: { title: string; labels: [string, string, string] } | null;
  /**
   * The response-time ramp of the settlement circles and cells in minutes, as on screen (minutesRamp: one axis to
   * 2 × the larger norm, a bar per settlement class with its norm marked), omitted when neither is drawn; its notes.
   */
  minutes: (ImageMinutesRamp & { notes: string[] }) | null;
  /**
   * The roads layer's ramp in minutes (roadsMinutesRamp: 0 … 2 × the rural norm) and its grey for roads not reached,
   * when the roads layer is drawn; absent or null otherwise.
   */
  roads?: (ImageMinutesRamp & { unreached: string }) | null;
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
