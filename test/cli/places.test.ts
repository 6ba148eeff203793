/** places.csv: a city of 50,000+ spread over cells is one row; located settlements one row each. */
import { describe, expect, it } from 'vitest';
import { loadEmbedded } from '../../src/cli/load-embedded';
import { CoverageEngine } from '../../src/engine/coverage';
import { placesCsv, PLACE_COLUMNS } from '../../src/io/coverage-writers';

describe('places.csv on the embedded data', () => {
  it('Запоріжжя is one city row over its cells, with its spread figures', () => {
    const { demand, hromadas, facilities } = loadEmbedded();
    const engine = new CoverageEngine(demand, hromadas, facilities);
    const lines = placesCsv({ engine, services: ['fire'] }).replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines[0]).toBe(PLACE_COLUMNS.join(','));
    const rows = lines.slice(1).map((l) => l.split(','));
    const z = rows.filter((r) => r[1] === 'Запоріжжя' && r[2] === 'city');
    expect(z).toHaveLength(1);
    const col = (name: (typeof PLACE_COLUMNS)[number]) => PLACE_COLUMNS.indexOf(name);
    const city = demand.cities.find((c) => c.name === 'Запоріжжя')!;
    expect(Number(z[0]![col('population')])).toBe(city.population);
    expect(Number(z[0]![col('units')])).toBe(city.cells);
    const share = Number(z[0]![col('covered_share')]);
    expect(share).toBeGreaterThan(0);
    expect(share).toBeLessThan(1);
    expect(Number(z[0]![col('p90_min')])).toBeGreaterThanOrEqual(Number(z[0]![col('median_min')]));
    // every city once, every located settlement once
    expect(rows.filter((r) => r[2] === 'city')).toHaveLength(demand.cities.length);
    let points = 0;
    for (let i = 0; i < demand.count; i++) if (demand.kind[i] === 0) points++;
    expect(rows.filter((r) => r[2] === 'point')).toHaveLength(points);
  });
});
