import { describe, expect, it } from 'vitest';
import { makeT, fmtInt, fmtMin, fmtPct } from '../../src/i18n';
import { cappedStat, cappedTime, fmtList, fmtShare, plural, pluralCategory, timeRange } from '../../src/i18n/format';

const uk = makeT('uk');
const en = makeT('en');
const NBSP = '\u00a0';

describe('plural forms (Intl.PluralRules)', () => {
  it('Ukrainian: one / few / many', () => {
    expect([1, 2, 4, 5, 11, 12, 21, 22, 25, 111, 2190].map((n) => pluralCategory('uk', n))).toEqual([
      'one', 'few', 'few', 'many', 'many', 'many', 'one', 'few', 'many', 'many', 'many',
    ]);
    expect(plural(uk, 'uk', 'nPlacesLoc', 1)).toBe('у 1 населеному пункті');
    expect(plural(uk, 'uk', 'nPlacesLoc', 2)).toBe('у 2 населених пунктах');
    expect(plural(uk, 'uk', 'nPlacesLoc', 5)).toBe('у 5 населених пунктах');
    expect(plural(uk, 'uk', 'nPeople', 1)).toBe('1 особа');
    expect(plural(uk, 'uk', 'nPeople', 3)).toBe('3 особи');
    expect(plural(uk, 'uk', 'nPeople', 2190)).toBe(`2${NBSP}190 осіб`);
    expect(plural(uk, 'uk', 'nUnlocated', 21)).toBe('21 населений пункт без координат');
    // Search results: 710 052 особи, 425 681 особа (not always «осіб»).
    expect(plural(uk, 'uk', 'nPeople', 710052)).toBe(`710${NBSP}052 особи`);
    expect(plural(uk, 'uk', 'nPeople', 425681)).toBe(`425${NBSP}681 особа`);
  });
  it('English: one / other', () => {
    expect(plural(en, 'en', 'nPlacesLoc', 1)).toBe('in 1 settlement');
    expect(plural(en, 'en', 'nPlacesLoc', 2)).toBe('in 2 settlements');
    expect(plural(en, 'en', 'nPeople', 1)).toBe('1 person');
    expect(plural(en, 'en', 'nPeople', 2190)).toBe('2,190 people');
  });
});

describe('locale numbers', () => {
  it('uk: comma decimals and non-breaking space thousands; en: point and comma', () => {
    expect(fmtInt('uk', 41167335)).toBe(`41${NBSP}167${NBSP}335`);
    expect(fmtMin('uk', 12.25)).toBe('12,3');
    expect(fmtInt('en', 41167335)).toBe('41,167,335');
    expect(fmtMin('en', 12.25)).toBe('12.3');
    expect(fmtShare('en', 0.78)).toBe('78%');
    expect(fmtShare('uk', 0.004)).toMatch(/^0,4\s?%$/);
    // One rule for the panel (fmtShare) and the table (fmtPct): 0,8 % in both, never a rounded 1 %.
    for (const v of [0.008, 0.0004, 0.5, 0.9996, 1, 0]) expect(fmtPct('uk', v)).toBe(fmtShare('uk', v));
    expect(fmtPct('uk', 0.008)).toMatch(/^0,8\s?%$/);
    expect(fmtPct('en', 0.0004)).toBe('<0.1%');
    expect(fmtPct('en', 0.9996)).toBe('>99.9%');
    expect(fmtPct('en', 0.997)).toBe('99.7%');
    expect(fmtPct('en', 0)).toBe('0%');
    expect(fmtList('uk', ['А', 'Б', 'В'])).toBe('А, Б і В');
    expect(fmtList('en', ['A', 'B'])).toBe('A and B');
  });
});

describe('reach cap', () => {
  it('a time beyond the cap reads "beyond 60 min"; infinity "not reached"; within it the time', () => {
    expect(cappedTime(uk, 'uk', 405.85, 60).text).toBe('понад 60 хв');
    expect(cappedTime(en, 'en', 405.85, 60)).toMatchObject({ text: 'beyond 60 min', beyond: true });
    expect(cappedTime(en, 'en', Infinity, 60).text).toBe('not reached');
    expect(cappedTime(uk, 'uk', 12.34, 60, true)).toEqual({ text: '12,3 хв', beyond: false, title: '' });
    expect(cappedTime(uk, 'uk', NaN, 60).text).toBe('—');
  });
  it('a median or p90 beyond the cap is "—" with the reason', () => {
    const m = cappedStat(uk, 'uk', 405.9, 60, 'median');
    expect(m.text).toBe('—');
    expect(m.title).toContain('Більшість людей поза 60 хв');
    expect(cappedStat(en, 'en', 75, 60, 'p90').title).toContain('More than 10 %');
    expect(cappedStat(en, 'en', 6.5, 60, 'median', true).text).toBe('6.5 min');
  });
  it('every time with one decimal, whole minutes too (panel, table and tooltip alike)', () => {
    expect(cappedTime(uk, 'uk', 44, 60, true).text).toBe('44,0 хв');
    expect(cappedTime(en, 'en', 44, 60).text).toBe('44.0');
    expect(cappedStat(uk, 'uk', 7.04, 60, 'median').text).toBe('7,0');
  });
  it('ranges of villages without a point', () => {
    expect(timeRange(uk, 'uk', 11.6, 31.2, 60)).toBe('11,6–31,2 хв');
    expect(timeRange(en, 'en', 12, 12.02, 60)).toBe('12.0 min');
    expect(timeRange(en, 'en', 12, 75, 60)).toBe('12.0 min – beyond 60 min');
    expect(timeRange(en, 'en', NaN, NaN, 60)).toBe('');
    expect(timeRange(uk, 'uk', Infinity, Infinity, 60)).toBe('не досягається');
  });
});
