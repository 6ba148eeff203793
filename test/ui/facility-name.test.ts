import { describe, expect, it } from 'vitest';
import { facilityName } from '../../src/i18n/facility-name';
import { sourceDescription } from '../../src/ui/SourcesPanel';

describe('facility names in the interface language', () => {
  const assumed = { name: 'Умовна ДПРЧ (Ріпки)', placement: 'illustrative' as const };
  it('an assumed unit reads as the legend does, its place in Latin script, in English', () => {
    expect(facilityName(assumed, 'en')).toBe('Assumed state unit (Ripky)');
    expect(facilityName({ name: 'Умовна ДПРЧ (Біла Церква)', placement: 'illustrative' }, 'en')).toBe('Assumed state unit (Bila Tserkva)');
    expect(facilityName({ name: 'Facility 3', placement: 'illustrative' }, 'en')).toBe('Assumed state unit');
  });
  it('keeps the Ukrainian name in Ukrainian, and every other facility its own name', () => {
    expect(facilityName(assumed, 'uk')).toBe('Умовна ДПРЧ (Ріпки)');
    expect(facilityName({ name: '8 ДПРЧ', placement: 'settlement' }, 'en')).toBe('8 ДПРЧ');
    expect(facilityName({ name: 'My station', placement: 'user' }, 'en')).toBe('My station');
  });
});

describe('sources panel', () => {
  const s = { id: 'openstreetmap', used_for: 'points of settlements', description_uk: 'точки населених пунктів' };
  it('describes a source in Ukrainian in the Ukrainian interface, in English in the English one', () => {
    expect(sourceDescription(s, 'uk')).toBe('точки населених пунктів');
    expect(sourceDescription(s, 'en')).toBe('points of settlements');
    expect(sourceDescription({ used_for: 'x' }, 'uk')).toBe('x');
  });
});

describe('attribution.json', () => {
  it('gives every bundled source a Ukrainian description', async () => {
    const { readFileSync } = await import('node:fs');
    const a = JSON.parse(readFileSync('public/geo/attribution.json', 'utf8')) as { sources: { id: string; description_uk?: string }[] };
    for (const s of a.sources) expect(s.description_uk ?? '', s.id).toMatch(/[а-яіїєґ]/i);
    expect(a.sources.find((s) => s.id === 'openstreetmap')?.description_uk).toContain('ODbL');
  });
});
