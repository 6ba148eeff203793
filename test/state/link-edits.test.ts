import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FACILITY_TYPES, type Facility } from '../../src/engine/types';
import type { FacilityEdit } from '../../src/io/scenario';
import { defaultState } from '../../src/state/app-state';
import { MAX_HASH_CHARS, decodeEdits, encodeEdits, linkEditsOf, linkScenarioOf } from '../../src/state/link-edits';
import { decodeHash, encodeHash } from '../../src/state/url';
import { emptyScenario } from '../../src/io/scenario';

const num = fc.double({ noNaN: false });
const facility: fc.Arbitrary<Facility> = fc.record({
  id: fc.string({ minLength: 1 }),
  name: fc.string(),
  type: fc.constantFrom(...FACILITY_TYPES),
  status: fc.constantFrom('opened' as const, 'planned' as const),
  lon: num,
  lat: num,
  hromadaCode: fc.option(fc.string()),
  source: fc.string(),
  sourceUrl: fc.string(),
  placement: fc.constantFrom('settlement' as const, 'hromada_centre' as const, 'illustrative' as const, 'user' as const),
  note: fc.string(),
}, { noNullPrototype: true }) as unknown as fc.Arbitrary<Facility>;
const edit: fc.Arbitrary<FacilityEdit> = fc.oneof(
  facility.map((f) => ({ op: 'add' as const, facility: f })),
  fc.record({ op: fc.constant('move' as const), id: fc.string(), lon: num, lat: num }, { noNullPrototype: true }),
  fc.record({ op: fc.constant('remove' as const), id: fc.string() }, { noNullPrototype: true }),
  fc.record({ op: fc.constant('update' as const), id: fc.string(), changes: fc.record({ name: fc.string(), lon: num }, { requiredKeys: [], noNullPrototype: true }) }, { noNullPrototype: true }),
);

afterEach(() => vi.restoreAllMocks());

describe('facility edits in a link', () => {
  it('random edit lists round-trip exactly', () => {
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 20 }), (edits) => {
        const text = encodeEdits(edits);
        expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
        expect(decodeEdits(text)).toStrictEqual(edits);
      }),
      { numRuns: 200 },
    );
  });

  it('garbage e= values are ignored with a console warning, never throw', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    fc.assert(
      fc.property(fc.string(), (junk) => {
        expect(decodeEdits(junk)).toBeNull();
        const d = decodeHash(`#s=fire&e=${encodeURIComponent(junk)}`, defaultState());
        expect(d.edits).toBeNull();
      }),
      { numRuns: 200 },
    );
    // Valid deflate of something that is not an edit list.
    expect(decodeEdits(encodeEdits([{ op: 'nope' } as unknown as FacilityEdit]))).toBeNull();
    expect(warn).toHaveBeenCalled();
  });

  it('the hash carries the edits, and says so when they or imports are left out', () => {
    const edits: FacilityEdit[] = [{ op: 'remove', id: 'sc-1' }, { op: 'move', id: 'fu-2', lon: 30.5, lat: 50.4 }];
    const h = encodeHash(defaultState(), null, null, { edits, omitted: [] });
    expect(h).toContain('&e=');
    expect(h).not.toContain('x=');
    const d = decodeHash(h, defaultState());
    expect(d.edits).toStrictEqual(edits);
    expect(d.omitted).toEqual([]);

    const s = emptyScenario('x');
    s.facilityImports = [{ fileName: 'a.csv', mode: 'add', types: [], facilities: [] }];
    s.facilityEdits = edits;
    const withImports = encodeHash(defaultState(), null, null, linkScenarioOf(s));
    expect(decodeHash(withImports, defaultState()).omitted).toEqual(['imports']);

    // Too many edits for a URL: none go in, x=edits says so.
    const many: FacilityEdit[] = Array.from({ length: 3000 }, (_, i) => ({ op: 'move', id: `id-${i}-${Math.random()}`, lon: Math.random(), lat: Math.random() }));
    const long = encodeHash(defaultState(), null, null, { edits: many, omitted: [] });
    expect(long.length).toBeLessThanOrEqual(MAX_HASH_CHARS);
    const dl = decodeHash(long, defaultState());
    expect(dl.edits).toBeNull();
    expect(dl.omitted).toEqual(['edits']);
    expect(decodeHash('#s=fire&x=1', defaultState()).omitted).toEqual(['other']);
  });
});

describe('linkEditsOf: what a link says about facility edits', () => {
  const edits: FacilityEdit[] = [{ op: 'remove', id: 'dsns-1' }];
  it('a link with e= stands for its edits', () => {
    expect(linkEditsOf(`#s=fire&z=6&e=${encodeEdits(edits)}`)).toEqual(edits);
  });
  it('a full link without e= stands for no edits, so saved ones do not leak in', () => {
    expect(linkEditsOf('#s=fire&z=6')).toEqual([]);
    expect(linkEditsOf('#s=police&x=imports')).toEqual([]);
  });
  it('a link whose edits were left out, an unreadable e=, a partial or bare hash keep the page’s own', () => {
    expect(linkEditsOf('#s=fire&x=edits')).toBeNull();
    expect(linkEditsOf('#s=fire&x=edits,imports')).toBeNull();
    expect(linkEditsOf('#s=fire&x=1')).toBeNull();
    expect(linkEditsOf('#s=fire&e=%%%')).toBeNull();
    expect(linkEditsOf('#z=6')).toBeNull();
    expect(linkEditsOf('')).toBeNull();
    expect(linkEditsOf('#report=UA05020010000053508')).toBeNull();
  });
});
