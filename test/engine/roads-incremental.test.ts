import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/engine/synthetic';
import { DEFAULT_ROAD_SPEEDS } from '../../src/engine/roads/speeds';
import {
  BoundedSearch,
  edgeMinutes32,
  multiSourceTop2,
  Top2Labels,
  Top2Scratch,
  type RoadSource,
} from '../../src/engine/roads/search';
import {
  addSource,
  BoundedSearchTop2,
  EditScratch,
  removeSource,
  reverseCsr,
} from '../../src/engine/roads/incremental';
import { oracleTop2, randomGraph } from './roads-helpers';

describe('incremental road labels', () => {
  for (const integer of [false, true]) {
    it(`equal a full recompute after random add / move / remove / retype sequences${integer ? ' (integer minutes, ties)' : ''}`, () => {
      for (let c = 0; c < 40; c++) {
        const rnd = mulberry32((integer ? 9000 : 7000) + c);
        const n = 30 + Math.floor(rnd() * 150);
        const g = randomGraph(rnd, n, Math.floor(n * (1.2 + rnd() * 1.5)), rnd() * 0.5);
        const w = integer
          ? Float32Array.from({ length: g.edgeCount }, () => Math.floor(rnd() * 4))
          : edgeMinutes32(g, DEFAULT_ROAD_SPEEDS);
        const limit = rnd() < 0.3 ? Infinity : integer ? 4 + Math.floor(rnd() * 10) : 5 + rnd() * 25;
        const off = () => (integer ? Math.floor(rnd() * 4) : rnd() * 5);
        let sources: RoadSource[] = [];
        let nextSlot = 0;
        for (let k = 0; k < 1 + Math.floor(rnd() * 6); k++)
          sources.push({ slot: nextSlot++, node: Math.floor(rnd() * n), offset: off() });
        const L = new Top2Labels(n);
        const sc = new Top2Scratch(n);
        multiSourceTop2(g, w, sources, limit, L, sc);
        const rev = reverseCsr(g);
        const ed = new EditScratch(n);
        const bs = new BoundedSearchTop2(new BoundedSearch(n));
        const changed = new Set<number>();
        const mark = (v: number) => changed.add(v);
        for (let step = 0; step < 25; step++) {
          const r = rnd();
          const before = { s1: L.s1.slice(), s2: L.s2.slice(), d1: L.d1.slice(), d2: L.d2.slice() };
          changed.clear();
          if (r < 0.35 || sources.length === 0) {
            const s: RoadSource = { slot: nextSlot++, node: rnd() < 0.1 ? -1 : Math.floor(rnd() * n), offset: off() };
            sources.push(s);
            addSource(g, w, limit, L, bs, s, mark);
          } else {
            const k = Math.floor(rnd() * sources.length);
            const old = sources[k]!;
            const rest = sources.filter((_, j) => j !== k);
            removeSource(g, rev, w, limit, L, sc, ed, old, rest, mark);
            if (r < 0.6)
              sources = rest; // remove
            else {
              // move (new node) or retype (new offset), same slot
              const next = r < 0.8 ? { ...old, node: Math.floor(rnd() * n) } : { ...old, offset: off() };
              sources = [...rest, next];
              addSource(g, w, limit, L, bs, next, mark);
            }
          }
          const o = oracleTop2(g, w, sources, limit);
          const bad: string[] = [];
          for (let v = 0; v < n && bad.length < 5; v++) {
            const same =
              L.s1[v] === o.s1[v] &&
              L.s2[v] === o.s2[v] &&
              (L.d1[v] === o.d1[v] || Math.abs(L.d1[v]! - o.d1[v]!) <= 1e-9) &&
              (L.d2[v] === o.d2[v] || Math.abs(L.d2[v]! - o.d2[v]!) <= 1e-9);
            if (!same)
              bad.push(
                `case ${c} step ${step} node ${v}: ${L.s1[v]}/${L.d1[v]} ${L.s2[v]}/${L.d2[v]} oracle ${o.s1[v]}/${o.d1[v]} ${o.s2[v]}/${o.d2[v]}`,
              );
            // every node whose labels changed was reported
            const moved =
              before.s1[v] !== L.s1[v] ||
              before.s2[v] !== L.s2[v] ||
              before.d1[v] !== L.d1[v] ||
              before.d2[v] !== L.d2[v];
            if (moved && !changed.has(v)) bad.push(`case ${c} step ${step} node ${v}: changed but not reported`);
          }
          expect(bad).toEqual([]);
        }
      }
    });
  }
});
