/**
 * The pure parts of the community panel (issue 12): a city spread over cells is one row, villages without a point get
 * a range and a verdict against their own norm, the summary sentence uses each settlement's own norm and plural
 * forms and never says "0 осіб у 0 …", and the share resting on assumed units.
 */
import { describe, expect, it } from 'vitest';
import { cityIndex } from '../../src/engine/places';
import { DEFAULT_PARAMS, type DemandTable, type Facility, type HromadaStats, type ModelParams, type ServiceCoverage } from '../../src/engine/types';
import { emptyStats, sumTotals } from '../../src/engine/stats';
import { makeT } from '../../src/i18n';
import type { CoverageResult, ServiceResult } from '../../src/state/coverage-source';
import { hromadaBasis, hromadaPlaceLines, hromadaWords, rangeVsNorm, unlocatedLines } from '../../src/state/summary';
import { assumedSentence, summarySentences } from '../../src/ui/community-summary';

const uk = makeT('uk');
const en = makeT('en');

interface U {
  name: string;
  kind: 0 | 1;
  urban: 0 | 1;
  pop: number;
  der: number;
  city?: number;
  min: number;
  fac: number;
}

/** Units of hromada 0: Ясіня-like smt (urban), two villages, three cells of a city, one spread cell. */
const UNITS: U[] = [
  { name: 'Ясіня', kind: 0, urban: 1, pop: 8000, der: 0, min: 14, fac: 0 },
  { name: 'Лазещина', kind: 0, urban: 0, pop: 1200, der: 1, min: 25, fac: 1 },
  { name: 'Кваси', kind: 0, urban: 0, pop: 900, der: 1, min: 12, fac: 1 },
  { name: '', kind: 1, urban: 1, pop: 30000, der: 4, city: 0, min: 5, fac: 1 },
  { name: '', kind: 1, urban: 1, pop: 20000, der: 4, city: 0, min: 9, fac: 1 },
  { name: '', kind: 1, urban: 1, pop: 10000, der: 4, city: 0, min: 16, fac: 0 },
  { name: '', kind: 1, urban: 0, pop: 600, der: 2, min: 18, fac: 1 },
  { name: '', kind: 1, urban: 0, pop: 300, der: 2, min: 31, fac: 1 },
];

function demandOf(units: U[]): DemandTable {
  const n = units.length;
  return {
    count: n,
    ids: units.map((u, i) => `id${i}`),
    names: units.map((u) => u.name),
    lon: Float64Array.from(units, (_u, i) => 24 + i / 100),
    lat: Float64Array.from(units, () => 48),
    population: Float64Array.from(units, (u) => u.pop),
    urban: Uint8Array.from(units, (u) => u.urban),
    kind: Uint8Array.from(units, (u) => u.kind),
    derivation: Uint8Array.from(units, (u) => u.der),
    hromada: new Int32Array(n),
    areaKm2: Float64Array.from(units, (u) => (u.kind ? 0.7 : 0)),
    place: Uint8Array.from(units, (u) => (u.kind ? 4 : 2)),
    city: Int32Array.from(units, (u) => u.city ?? -1),
    cities: [
      { id: 'UAcity', name: 'Місто', category: 'city', lon: 24.05, lat: 48, population: 60000, hromada: 0, footprint: 'assumed_disk', radiusKm: 2.5, cells: 3, areaKm2: 2.1 },
    ],
  };
}

const FACILITIES: Facility[] = [
  { id: 'fu-1', name: 'ДПРЧ-5', type: 'state_fire_unit', status: 'opened', lon: 24, lat: 48, hromadaCode: 'UA', source: 'fire_units', sourceUrl: '', placement: 'settlement', note: '' },
  { id: 'ill-1', name: 'Умовний ДПРЧ (Ріпки)', type: 'state_fire_unit', status: 'opened', lon: 24, lat: 48, hromadaCode: 'UA', source: 'illustrative', sourceUrl: '', placement: 'illustrative', note: '' },
];

function resultOf(units: U[], params: ModelParams = DEFAULT_PARAMS): CoverageResult {
  const n = units.length;
  const norm = params.normMin.fire;
  const coverage: ServiceCoverage = {
    service: 'fire',
    nearest: Int32Array.from(units, (u) => u.fac),
    minutes: Float64Array.from(units, (u) => u.min),
    backup: new Int32Array(n).fill(-1),
    backupMinutes: new Float64Array(n).fill(Infinity),
    covered: Uint8Array.from(units, (u) => (u.min <= (u.urban ? norm.urban : norm.rural) ? 1 : 0)),
  };
  const stats: HromadaStats = emptyStats('fire', 1);
  const totals = sumTotals(stats, 0, 1, null, 0);
  const sr: ServiceResult = { coverage, stats, totals, occupiedTotals: totals, oblastTotals: [], slotToFacility: Int32Array.of(0, 1) };
  return { params, facilities: FACILITIES, services: { fire: sr, police: { ...sr, coverage: { ...coverage, service: 'police' } } }, elapsedMs: 0 };
}

describe('hromadaPlaceLines', () => {
  const demand = demandOf(UNITS);
  const result = resultOf(UNITS);
  const lines = hromadaPlaceLines(demand, cityIndex(demand), result, 'fire', 0);
  it('a city spread over cells is one row with share, median, p90 and worst time over its cells', () => {
    expect(lines.map((l) => l.name)).toEqual(['Лазещина', 'Місто', 'Ясіня', 'Кваси']);
    const city = lines.find((l) => l.city === 0)!;
    expect(city.population).toBe(60000);
    expect(city.share).toBeCloseTo(50000 / 60000, 12);
    expect(city.minutes).toBe(5); // weighted median: 30,000 of 60,000 at 5 min
    expect(city.p90).toBe(16);
    expect(city.max).toBe(16);
    expect(city.beyondPeople).toBe(10000);
    expect(city.facility).toBe(1); // 50,000 of its people are reached first by slot 1
  });
  it('places with people beyond the norm come first, slowest first', () => {
    expect(lines.map((l) => l.beyondPeople > 0)).toEqual([true, true, true, false]);
  });
});

describe('villages without a point', () => {
  it('their range against their own norm: within, beyond, possibly', () => {
    expect(rangeVsNorm(12, 19, 20)).toBe('within');
    expect(rangeVsNorm(21, 40, 20)).toBe('beyond');
    expect(rangeVsNorm(12, 31, 20)).toBe('possibly');
    expect(rangeVsNorm(12, 31, 10)).toBe('beyond');
    expect(rangeVsNorm(NaN, NaN, 10)).toBe('unknown');
  });
  it('each gets the spread cells’ people shared equally, and the urban norm when it is a town', () => {
    const lines = unlocatedLines(
      [
        { name: 'Вільхове', category: 'village' },
        { name: 'Зелене', category: 'selyshche' },
        { name: 'Новий', category: 'smt' },
      ],
      900,
      11,
      19,
      DEFAULT_PARAMS,
      'fire',
    );
    expect(lines.map((l) => [l.verdict, l.people, l.urban])).toEqual([
      ['within', 300, false],
      ['within', 300, false],
      ['beyond', 300, true],
    ]);
    expect(unlocatedLines([{ name: 'A' }], 10, 1, 99, { ...DEFAULT_PARAMS, coverageMode: 'distance' }, 'fire')[0]!.verdict).toBe('unknown');
  });
});

describe('summary sentence', () => {
  const demand = demandOf(UNITS);
  const result = resultOf(UNITS);
  const lines = hromadaPlaceLines(demand, cityIndex(demand), result, 'fire', 0);
  it('uses each settlement’s own norm: the smt beyond 10 minutes, the village beyond 20', () => {
    const unl = unlocatedLines([{ name: 'Вільхове', category: 'village' }, { name: 'Зелене', category: 'village' }], 900, 18, 31, DEFAULT_PARAMS, 'fire');
    const w = hromadaWords(lines, unl, 300, DEFAULT_PARAMS, 'fire', false);
    expect(w.urban).toEqual({ people: 18000, places: 2, norm: 10 });
    expect(w.rural).toEqual({ people: 1200, places: 1, norm: 20 });
    const s = summarySentences(uk, 'uk', w, 'fire', '18–31 хв');
    expect(s[0]).toBe(
      'Пожежна: 18\u00a0000 осіб у 2 населених пунктах (міста й смт) поза 10-хвилинним нормативом і 1\u00a0200 осіб у 1 населеному пункті (села й селища) поза 20-хвилинним нормативом.',
    );
    expect(s[1]).toBe('Ще 2 населені пункти без координат можливо поза нормативом: час 18–31 хв, розташування невідоме; це близько 900 осіб (оцінка).');
    const e = summarySentences(en, 'en', w, 'fire', '18–31 min');
    expect(e[0]).toBe('Fire: 18,000 people in 2 settlements (cities and towns) beyond the 10-minute norm and 1,200 people in 1 settlement (villages) beyond the 20-minute norm.');
    expect(e[1]).toBe('2 more settlements without a point are possibly beyond the norm: 18–31 min, location unknown; about 900 people (estimated).');
  });
  it('an smt alone beyond its norm says 10 minutes, in the singular', () => {
    const only = lines.filter((l) => l.name === 'Ясіня' || l.name === 'Кваси');
    const w = hromadaWords(only, [], 0, DEFAULT_PARAMS, 'fire', false);
    expect(summarySentences(uk, 'uk', w, 'fire', '')).toEqual(['Пожежна: 8\u00a0000 осіб у 1 населеному пункті (міста й смт) поза 10-хвилинним нормативом.']);
  });
  it('never "0 осіб у 0 …": all located within the norm says so, then the villages without a point', () => {
    const within = lines.filter((l) => l.name === 'Кваси');
    const unl = unlocatedLines([{ name: 'Вільхове', category: 'village' }], 900, 18, 31, DEFAULT_PARAMS, 'fire');
    const w = hromadaWords(within, unl, 300, DEFAULT_PARAMS, 'fire', false);
    const s = summarySentences(uk, 'uk', w, 'fire', '18–31 хв');
    expect(s.join(' ')).not.toMatch(/\b0 осіб/);
    expect(s[0]).toBe('Усі населені пункти з координатами в межах нормативу (пожежна).');
    expect(s[1]).toContain('Ще 1 населений пункт без координат можливо поза нормативом');
    const all = hromadaWords(within, [], 0, DEFAULT_PARAMS, 'fire', false);
    expect(summarySentences(uk, 'uk', all, 'fire', '')).toEqual(['Усе населення громади в межах нормативу (пожежна).']);
    expect(summarySentences(uk, 'uk', hromadaWords([], [], 0, DEFAULT_PARAMS, 'fire', true), 'fire', '')).toEqual(['Жоден підрозділ не обслуговує цю службу.']);
  });
});

describe('basis', () => {
  it('the share within the norm that rests on an assumed unit, naming it', () => {
    const demand = demandOf(UNITS);
    const result = resultOf(UNITS);
    const b = hromadaBasis(demand, result, 'fire', 0);
    expect(b.population).toBe(71000);
    expect(b.assumedPopulation).toBe(71000 - 8000 - 10000);
    // covered: Кваси 900, city cells 30,000 + 20,000, spread 600 — all via the assumed unit
    expect(b.coveredPopulation).toBe(51500);
    expect(b.coveredAssumed).toBe(51500);
    expect(b.spreadPopulation).toBe(900);
    expect(b.spreadBeyond).toBe(300); // the cell at 31 min; city cells beyond the norm are in the city's row
    expect(b.estimatedPopulation).toBe(71000 - 8000);
    expect(b.firstDue.map((e) => [e.facility.name, e.assumed])).toEqual([
      ['Умовний ДПРЧ (Ріпки)', true],
      ['ДПРЧ-5', false],
    ]);
    expect(assumedSentence(uk, 'uk', b, true)).toBe('73% у межах нормативу — з них 100% спираються на умовний підрозділ: Умовний ДПРЧ (Ріпки).');
    expect(assumedSentence(en, 'en', b, false)).toBe('Assumed units are not counted: sourced units and your data only.');
    // English: the assumed unit by the legend's phrase, its place in Latin script.
    expect(assumedSentence(en, 'en', b, true)).toBe('73% within the norm — of them 100% rest on an assumed unit: Assumed state unit (Ripky).');
  });
  it('when none of the covered people rest on an assumed unit, says so and names no unit', () => {
    const b = hromadaBasis(demandOf(UNITS), resultOf(UNITS), 'fire', 0);
    const none = { ...b, coveredAssumed: 0 };
    const s = assumedSentence(uk, 'uk', none, true);
    expect(s).toBe('73% у межах нормативу — жоден із них не спирається на умовний підрозділ.');
    expect(s).not.toContain('Ріпки');
    expect(assumedSentence(en, 'en', none, true)).toBe('73% within the norm — none of them rest on an assumed unit.');
  });
  it('English: one more settlement without a point, in the singular', () => {
    const w = hromadaWords([], unlocatedLines([{ name: 'Вільхове', category: 'village' }], 900, 18, 31, DEFAULT_PARAMS, 'fire'), 0, DEFAULT_PARAMS, 'fire', false);
    expect(summarySentences(en, 'en', w, 'fire', '18.0–31.0 min')).toContain(
      'One more settlement without a point is possibly beyond the norm: 18.0–31.0 min, location unknown; about 900 people (estimated).',
    );
  });
});
