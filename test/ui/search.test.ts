import { describe, expect, it } from 'vitest';
import type { DemandTable, HromadaTable } from '../../src/engine/types';
import { buildSearchIndex, normalise, transliterate } from '../../src/ui/search';

const hromadas = {
  count: 3,
  names: ['Камінь-Каширська', "Кам'янська", 'Юріївська'],
  namesEn: ['Kamin-Kashyrska', 'Kamianska', 'Yuriivska'],
  oblasts: ['Волинська', 'Дніпропетровська', 'Київська'],
  oblastsEn: ['Volyn', 'Dnipropetrovsk', 'Kyiv'],
  raions: ['Камінь-Каширський', 'Кам’янський', 'Бучанський'],
  popTotal: Float64Array.from([50000, 200000, 10000]),
} as unknown as HromadaTable;
const demand = {
  count: 2,
  names: ['Згурівка', ''],
  kind: Uint8Array.from([0, 1]),
  hromada: Int32Array.from([2, 2]),
  population: Float64Array.from([5000, 10]),
} as unknown as DemandTable;

describe('search', () => {
  it('normalises type words, apostrophes and hyphens', () => {
    expect(normalise('Камінь-Каширська міська громада')).toBe('камінь каширська');
    expect(normalise('Кам’янська')).toBe("кам'янська");
  });

  it('transliterates by KMU 2010', () => {
    expect(transliterate('Юріївка')).toBe('yuriivka');
    expect(transliterate('Згурівка')).toBe('zghurivka');
    expect(transliterate('Єнакієве')).toBe('yenakiieve');
  });

  it('finds hromadas in Ukrainian with or without «громада», in Latin, and settlements', () => {
    const idx = buildSearchIndex(hromadas, demand);
    expect(idx.search('камінь-каширська громада')[0]).toMatchObject({ kind: 'hromada', index: 0 });
    expect(idx.search('Кам’янська')[0]).toMatchObject({ kind: 'hromada', index: 1 });
    expect(idx.search('kamianska')[0]).toMatchObject({ kind: 'hromada', index: 1 });
    expect(idx.search('Zghurivka')[0]).toMatchObject({ kind: 'settlement', index: 0, hromada: 2 });
    expect(idx.search('к')).toEqual([]);
  });

  it('finds a city spread over cells by name (Ukrainian or Latin) and gives its hromada', () => {
    const withCity = {
      ...demand,
      cities: [{ id: 'UA23060070010069526', name: 'Запоріжжя', category: 'city', lon: 35.11829, lat: 47.85079, population: 710052, hromada: 1, footprint: 'hromada_polygon', radiusKm: 0, cells: 449, areaKm2: 319.66 }],
    } as unknown as DemandTable;
    const idx = buildSearchIndex(hromadas, withCity);
    expect(idx.search('Запоріжжя')[0]).toMatchObject({ kind: 'city', index: 0, hromada: 1 });
    expect(idx.search('zaporizhzhia')[0]).toMatchObject({ kind: 'city', index: 0, hromada: 1 });
  });
});
