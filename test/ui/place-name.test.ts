import { describe, expect, it } from 'vitest';
import { makeT } from '../../src/i18n';
import { fmtDate, fmtDateTime, placeName, placeTitle } from '../../src/i18n/place-name';
import { defaultState } from '../../src/state/app-state';
import { mapImageText } from '../../src/ui/map-image-text';

describe('placeName', () => {
  it('keeps the Ukrainian name in Ukrainian and transliterates (KMU 2010) in English', () => {
    expect(placeName('Ріпкинська', 'uk')).toBe('Ріпкинська');
    expect(placeName('Ріпкинська', 'en')).toBe('Ripkynska');
    expect(placeName('Чернігівська', 'en')).toBe('Chernihivska');
    expect(placeName('Дніпропетровська', 'en')).toBe('Dnipropetrovska');
    expect(placeName('Волинська', 'en')).toBe('Volynska');
    expect(placeName("Кам'янець-Подільський", 'en')).toBe('Kamianets-Podilskyi');
    expect(placeName('Згурівка', 'en')).toBe('Zghurivka');
    expect(placeName('Київ', 'en')).toBe('Kyiv');
  });

  it('is memoized: the same result for the same name, Latin and empty names unchanged', () => {
    expect(placeName('Біла Церква', 'en')).toBe(placeName('Біла Церква', 'en'));
    expect(placeName('Bila Tserkva', 'en')).toBe('Bila Tserkva');
    expect(placeName('', 'en')).toBe('');
  });

  it('placeTitle gives the Ukrainian name on hover in English only', () => {
    expect(placeTitle('Ріпкинська', 'en')).toBe('Ріпкинська');
    expect(placeTitle('Ріпкинська', 'uk')).toBeUndefined();
    expect(placeTitle('Site 1', 'en')).toBeUndefined();
  });
});

describe('fmtDate', () => {
  it('ISO in English, dd.mm.yyyy in Ukrainian', () => {
    expect(fmtDate('en', new Date(2026, 11, 3))).toBe('2026-12-03');
    expect(fmtDate('uk', new Date(2026, 11, 3))).toBe('03.12.2026');
    expect(fmtDate('en', '2022-11-23')).toBe('2022-11-23');
    expect(fmtDate('uk', '2022-11-23T10:00:00Z')).toBe('23.11.2022');
    expect(fmtDate('en', 'unknown')).toBe('unknown');
    expect(fmtDateTime('en', new Date(2026, 11, 3, 14, 5))).toBe('2026-12-03 14:05');
    expect(fmtDateTime('uk', new Date(2026, 11, 3, 9, 7))).toBe('03.12.2026 09:07');
    expect(fmtDateTime('en', 'not a date')).toBe('not a date');
  });
});

describe('the saved map image in English', () => {
  it('titles the hromada in Latin script and dates the subtitle in ISO', () => {
    const s = { ...defaultState(), lang: 'en' as const };
    const text = mapImageText(makeT('en'), s, { names: ['Ріпкинська'], namesEn: ['Ripky'] }, 0, null, [], new Date(2026, 11, 3));
    expect(text.title).toContain('Ripkynska hromada');
    expect(text.subtitle).toContain('2026-12-03');
    const uk = mapImageText(makeT('uk'), defaultState(), { names: ['Ріпкинська'], namesEn: ['Ripky'] }, 0, null, [], new Date(2026, 11, 3));
    expect(uk.title).toContain('Ріпкинська громада');
    expect(uk.subtitle).toContain('03.12.2026');
  });
});
