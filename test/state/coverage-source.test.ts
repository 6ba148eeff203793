import { describe, expect, it } from 'vitest';
import type { Facility } from '../../src/engine/types';
import { slotIndex } from '../../src/state/coverage-source';

const fac = (id: string) => ({ id }) as Facility;

describe('slotIndex', () => {
  it('maps worker slots to list indices by id, with or without the slots in list order', () => {
    const list = ['a', 'b', 'c', 'd'].map(fac);
    expect([...slotIndex(['a', 'b', 'c', 'd'], list)]).toEqual([0, 1, 2, 3]);
    // after edits: an emptied slot, an appended one, and ids the list no longer has
    expect([...slotIndex(['a', null, 'c', 'gone', 'd', 'b'], list)]).toEqual([0, -1, 2, -1, 3, 1]);
    expect([...slotIndex(['d', 'c', 'b', 'a'], list)]).toEqual([3, 2, 1, 0]);
    expect([...slotIndex([], list)]).toEqual([]);
  });
});
