import { describe, expect, it } from 'vitest';
import { defaultState } from '../../src/state/app-state';
import { decodeArea, decodeHash, encodeArea, encodeHash } from '../../src/state/url';

describe('area= in the link (issue 15, point 2)', () => {
  it('round-trips an oblast and a raion through the hash', () => {
    for (const area of [
      { kind: 'oblast', oblast: 'Чернігівська' },
      { kind: 'raion', oblast: 'Чернігівська', raion: 'Ніжинський' },
      { kind: 'raion', oblast: 'Івано-Франківська', raion: 'Кам’янець-Подільський' },
    ] as const) {
      const hash = encodeHash({ ...defaultState(), area }, null, null);
      expect(hash).toContain('area=');
      expect(decodeHash(hash, defaultState()).patch.area).toEqual(area);
    }
  });

  it('writes nothing for the country, and a full link without area= clears it', () => {
    const hash = encodeHash(defaultState(), null, null);
    expect(hash).not.toContain('area=');
    const base = { ...defaultState(), area: { kind: 'oblast', oblast: 'Сумська' } as const };
    expect(decodeHash(hash, base).patch.area).toBeNull();
    // A hash that is not a full link (no service) leaves the area as it was.
    expect('area' in decodeHash('#map=6/49/31', base).patch).toBe(false);
  });

  it('encodes names for the URL and reads the exact text back', () => {
    expect(encodeArea({ kind: 'oblast', oblast: 'Чернігівська' })).toBe('%D0%A7%D0%B5%D1%80%D0%BD%D1%96%D0%B3%D1%96%D0%B2%D1%81%D1%8C%D0%BA%D0%B0');
    expect(decodeArea('Чернігівська/Ніжинський')).toEqual({ kind: 'raion', oblast: 'Чернігівська', raion: 'Ніжинський' });
  });

  it('ignores malformed values', () => {
    for (const bad of ['', '/', 'a/b/c', '<script>', 'Чернігівська/', 'x'.repeat(61), '12']) expect(decodeArea(bad)).toBeNull();
    expect(decodeHash('#s=fire&area=%3Cb%3E', defaultState()).patch.area).toBeNull();
  });
});
