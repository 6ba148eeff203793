import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { wrapText } from '../../src/ui/map-image';
import { legendFacilities } from '../../src/ui/legend-entries';
import { boundariesNote, mapImageText, OSM_CREDIT } from '../../src/ui/map-image-text';
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
    expect(notes.some((n) => n.startsWith('Тимчасово окупована територія (перелік: '))).toBe(true);
    const off = mapImageText(makeT('en'), { ...s, lang: 'en', params: { ...s.params, countAssumed: false } }, hromadas, -1, null, [], new Date(), {
      territory: { listName: 'Order 376', listDate: null, source: 'list.csv' },
    }).notes;
    expect(off).toContain('Assumed (illustrative) units not counted: sourced units and yours only.');
    expect(off.some((n) => n.includes('Order 376, no date (from the file list.csv)'))).toBe(true);
  });
});
