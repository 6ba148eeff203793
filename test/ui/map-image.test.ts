import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { wrapText } from '../../src/ui/map-image';
import { legendFacilities } from '../../src/ui/legend-entries';

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
