import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { wrapText } from '../../src/ui/map-image';
import { legendFacilities } from '../../src/ui/legend-entries';
import { readFileSync } from 'node:fs';
import { boundariesNote, groupSources, mapImageText, OSM_CREDIT, plannedUnitCount } from '../../src/ui/map-image-text';
import { makeT } from '../../src/i18n';
import { defaultState } from '../../src/state/app-state';

describe('wrapText', () => {
  const len = (s: string) => s.length;
  it('breaks between words at the width and keeps paragraphs', () => {
    expect(wrapText('a bb ccc', 4, len)).toEqual(['a bb', 'ccc']);
    expect(wrapText('one\ntwo three', 20, len)).toEqual(['one', 'two three']);
    expect(wrapText('toolongword x', 4, len)).toEqual(['toolongword', 'x']);
  });
  it('keeps every word, in order, and no line wider than the width unless one word is', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-zа-я]{1,12}$/), { maxLength: 40 }), fc.integer({ min: 1, max: 60 }), (words, width) => {
        const lines = wrapText(words.join(' '), width, len);
        expect(lines.join(' ').split(' ').filter(Boolean)).toEqual(words);
        for (const l of lines) if (l.includes(' ')) expect(l.length).toBeLessThanOrEqual(width);
      }),
    );
  });
});

describe('legendFacilities', () => {
  it('lists the service’s types, Security Centers opened and planned, and illustrative units only when shown', () => {
    expect(legendFacilities('fire', true).map((e) => e.labelKey)).toEqual([
      'type_state_fire_unit',
      'type_local_fire_department',
      'type_volunteer_fire_brigade',
      'type_security_center',
      'plannedCenter',
      'illustrativeUnit',
    ]);
    expect(legendFacilities('fire', false).some((e) => e.labelKey === 'illustrativeUnit')).toBe(false);
    expect(legendFacilities('police', true).map((e) => e.type)).toEqual(['police_station', 'police_officer_station', 'security_center', 'security_center']);
  });
});

describe('mapImageText', () => {
  const t = makeT('en');
  const hromadas = { names: ['Перша'], namesEn: ['Persha'] };
  it('titles the hromada or the country, states the criterion, credits OSM only when its tiles are drawn', () => {
    const s = defaultState();
    const country = mapImageText(t, s, hromadas, -1, null, ['A'], new Date('2026-12-02T12:00:00Z'));
    expect(country.title).toContain(t('mapImageCountry'));
    expect(country.subtitle).toContain('10 / 20');
    expect(country.sources).toEqual(['A']);
    const osm = mapImageText(t, { ...s, lang: 'en', basemap: 'osm', params: { ...s.params, coverageMode: 'distance', coverageKm: 12 } }, hromadas, 0, null, ['A']);
    expect(osm.title).toContain('Persha');
    expect(osm.subtitle).toContain('12 km');
    expect(osm.sources).toEqual(['A', OSM_CREDIT]);
  });
  it('adds the imported-boundaries note and leaves out hidden legend parts', () => {
    const s = defaultState();
    const report = { fileName: 'b.geojson', mode: 'update' as const, replaced: 2, added: 1, dropped: 0, movedUnits: 0, movedPopulation: 0, outsideUnits: 0, outsidePopulation: 0, resummed: 3 };
    const text = mapImageText(t, { ...s, layers: { ...s.layers, facilities: false, choropleth: false } }, hromadas, -1, report, []);
    expect(text.notes[1]).toBe(boundariesNote(t, s.lang, report));
    expect(text.notes[1]).toContain('b.geojson');
    expect(text.facilities).toEqual([]);
    expect(text.ramp).toBeNull();
  });
});

describe('map image notes on territory and assumed units', () => {
  const hromadas = { names: ['Перша'], namesEn: ['Persha'] };
  it('the assumed-unit share, the list in use with its date, and the occupied legend entry', () => {
    const t = makeT('uk');
    const s = defaultState();
    const extra = { territory: { listName: 'x', listDate: '2022-11-23', source: 'built-in' }, totals: { assumedShare: 0.62, assumedPopulation: 1 } };
    const notes = mapImageText(t, s, hromadas, -1, null, [], new Date(), extra).notes;
    expect(notes.some((n) => n.includes('62') && n.includes('умовний'))).toBe(true);
    expect(notes.some((n) => n.startsWith('Перелік територій: кодування KSE') && n.includes('23.11.2022') && !n.includes('2022-11-23'))).toBe(true);
    // The occupied hatch is a legend entry (drawn with its swatch), not a note.
    const text = mapImageText(t, s, hromadas, -1, null, [], new Date(), extra);
    expect(text.territory?.occupied.startsWith('Тимчасово окупована територія (перелік: ')).toBe(true);
    expect(notes.some((n) => n.startsWith('Тимчасово окупована територія'))).toBe(false);
    const off = mapImageText(makeT('en'), { ...s, lang: 'en', params: { ...s.params, countAssumed: false } }, hromadas, -1, null, [], new Date(), {
      territory: { listName: 'Order 376', listDate: null, source: 'list.csv' },
    }).notes;
    expect(off).toContain('Assumed (illustrative) units not counted: sourced units and yours only.');
    expect(off.some((n) => n.includes('Order 376, no date (from the file list.csv)'))).toBe(true);
  });
});

describe('map image title, scales and sources (issue 15, points 2–3)', () => {
  const hromadas = { names: ['Перша'], namesEn: ['Persha'] };
  const chernihiv = { area: { kind: 'oblast', oblast: 'Чернігівська' } as const, oblastEn: 'Chernihiv' };
  const add = (id: string) => ({ op: 'add' as const, facility: { id } as never });
  it('titles by the hromada, else the area, else the country, with the planned units', () => {
    const s = defaultState();
    const uk = makeT('uk');
    expect(mapImageText(uk, s, hromadas, -1, null, [], new Date(), { area: chernihiv }).title).toBe('Чернігівська область');
    expect(mapImageText(uk, s, hromadas, 0, null, [], new Date(), { area: chernihiv }).title).toBe('Перша громада');
    const raion = { area: { kind: 'raion', oblast: 'Чернігівська', raion: 'Ніжинський' } as const, oblastEn: 'Chernihiv' };
    expect(mapImageText(makeT('en'), { ...s, lang: 'en' }, hromadas, -1, null, [], new Date(), { area: raion }).title).toBe('Nizhynskyi Raion, Chernihiv Oblast');
    expect(mapImageText(uk, s, hromadas, -1, null, [], new Date(), { plannedUnits: 3 }).title).toBe('Україна — з 3 запланованими підрозділами');
    expect(mapImageText(makeT('en'), { ...s, lang: 'en' }, hromadas, -1, null, [], new Date(), { area: chernihiv, plannedUnits: 1 }).title).toBe('Chernihiv Oblast — with 1 planned unit');
  });
  it('counts added units that are kept', () => {
    expect(plannedUnitCount([add('a'), add('b'), { op: 'remove', id: 'a' }, { op: 'move', id: 'b', lon: 30, lat: 50 }, { op: 'remove', id: 'builtin-1' }])).toBe(1);
    expect(plannedUnitCount([])).toBe(0);
  });
  it('carries the response-time scale whenever settlements or cells are drawn', () => {
    const s = defaultState();
    const t = makeT('en');
    const on = mapImageText(t, { ...s, lang: 'en' }, hromadas, -1, null, []);
    expect(on.minutes?.title).toBe('Response time to settlements, min (norm 10 / 20)');
    expect(on.minutes?.notes.some((n) => n.includes('cities of 50,000+'))).toBe(true);
    const off = mapImageText(t, { ...s, lang: 'en', layers: { ...s.layers, settlements: false, surface: false } }, hromadas, -1, null, []);
    expect(off.minutes).toBeNull();
    const surface = mapImageText(t, { ...s, lang: 'en', layers: { ...s.layers, settlements: false, surface: true } }, hromadas, -1, null, []);
    expect(surface.minutes?.notes.some((n) => n.startsWith('Hexagons'))).toBe(true);
  });
  it('groups the bundled sources by licence into a few short lines', () => {
    const attribution = JSON.parse(readFileSync('public/geo/attribution.json', 'utf8')).sources;
    const lines = groupSources(attribution);
    expect(lines.length).toBeLessThan(attribution.length);
    expect(lines.length).toBeLessThanOrEqual(7);
    for (const l of lines) expect(l.length).toBeLessThan(200);
    expect(lines.find((l) => l.startsWith('CC BY 4.0:'))).toContain('slawomirmatuszak/ukrainian_geodata');
    expect(lines.find((l) => l.startsWith('ODbL 1.0:'))).toContain('OpenStreetMap');
    // Each repository once, with no commit hashes or file paths.
    expect(lines.join(' ').match(/kse-ua\/KSE-Loc-Data-Hub/g)?.length).toBe(1);
    expect(lines.join(' ')).not.toMatch(/commit|\.csv/);
    const text = mapImageText(makeT('uk'), defaultState(), hromadas, -1, null, ['long line'], new Date(), { bundledSources: attribution, userLines: ['User file (facilities…): f.csv — 3 rows'] });
    expect(text.sources).toEqual([...lines, 'Дані користувача: User file (facilities…): f.csv — 3 rows']);
  });
});
