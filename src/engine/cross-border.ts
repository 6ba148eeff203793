/**
 * Help across borders: which hromadas' units reach a hromada's people first. A unit "stands" in the hromada of its
 * Facility.hromadaCode; an unknown code counts as another hromada (and another oblast). Only first-due units within
 * the reach cap count (beyond it the model says "not reached").
 */

/** Per slot: the HromadaTable index of the facility's hromadaCode, -1 when null or not in the table. */
export function slotHromadas(codes: readonly (string | null | undefined)[], codeIndex: ReadonlyMap<string, number>): Int32Array {
  return Int32Array.from(codes, (c) => (c == null ? -1 : (codeIndex.get(c) ?? -1)));
}

/** One hromada whose units reach people of another first. */
export interface FirstDueFrom {
  /** HromadaTable index of the units' hromada, -1 when their hromada is unknown. */
  hromada: number;
  /** People first reached from there. */
  population: number;
  /** True when that hromada lies in another oblast (or is unknown). */
  otherOblast: boolean;
}

export interface FirstDueInputs {
  /** Demand unit indices of hromada `h`. */
  units: ArrayLike<number>;
  /** Per unit: first-due slot (-1 none) and its response minutes. */
  nearest: Int32Array;
  minutes: Float64Array;
  population: Float64Array;
  /** Reach cap, minutes. */
  reachCap: number;
  /** Per slot hromada index (see {@link slotHromadas}). */
  slotHromada: Int32Array;
  /** Per hromada oblast index (equal = same oblast). */
  oblastOf: Int32Array;
}

/**
 * For hromada `h`, the other hromadas whose units reach its people first, with the people each, largest first (ties by
 * hromada index).
 * @example firstDueFromUnits(h, inputs) // [{ hromada: 17, population: 1240, otherOblast: false }]
 */
export function firstDueFromUnits(h: number, inp: FirstDueInputs): FirstDueFrom[] {
  const by = new Map<number, number>();
  for (let k = 0; k < inp.units.length; k++) {
    const i = inp.units[k]!;
    const f = inp.nearest[i]!;
    if (f < 0 || !(inp.minutes[i]! <= inp.reachCap)) continue;
    const fh = inp.slotHromada[f] ?? -1;
    if (fh >= 0 && fh === h) continue;
    by.set(fh, (by.get(fh) ?? 0) + inp.population[i]!);
  }
  const oh = h >= 0 ? inp.oblastOf[h] : undefined;
  return [...by]
    .map(([hromada, population]) => ({ hromada, population, otherOblast: hromada < 0 || oh === undefined || inp.oblastOf[hromada] !== oh }))
    .sort((a, b) => b.population - a.population || a.hromada - b.hromada);
}
