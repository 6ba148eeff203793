import { describe, expect, it } from 'vitest';
import { DEFAULT_LAYERS, defaultState } from '../../src/state/app-state';
import { makeSlide, moveSlide, recaption, removeSlide, slideFileName, slideParams, slideState, stepForKey, type Slide } from '../../src/state/slides';
import type { FacilityEdit } from '../../src/io/scenario';

const planned: FacilityEdit = {
  op: 'add',
  facility: {
    id: 'user-1',
    name: 'Нова пожежна частина',
    type: 'state_fire_unit',
    status: 'planned',
    lon: 31.3,
    lat: 51.5,
    hromadaCode: null,
    source: 'user:map',
    sourceUrl: '',
    placement: 'user',
    note: '',
  },
};

const bounds: [number, number, number, number] = [30, 50, 33, 52.5];

function slideOf(id: string, caption = ''): Slide {
  return makeSlide({ id, caption, state: defaultState(), view: { lon: 31.5, lat: 51.2, zoom: 7 }, bounds, hromada: null, edits: [] });
}

describe('slide model', () => {
  it('a default view is the service alone, and reads back as the defaults (not as what the page had)', () => {
    expect(slideParams(defaultState())).toBe('s=fire');
    const st = slideState({ params: 's=fire' });
    const d = defaultState();
    expect(st).toEqual({ service: 'fire', params: d.params, layers: DEFAULT_LAYERS, ringKm: 10, basemap: 'bundled', area: null });
  });

  it('encodes and decodes service, parameters, layers, ring and basemap exactly as a link keeps them', () => {
    const s = defaultState();
    s.service = 'police';
    s.lang = 'en';
    s.params.normMin.police.rural = 25;
    s.params.speedKmh.urban = 35;
    s.params.includePlanned = true;
    s.params.costMUah.security_center = null;
    s.layers.surface = true;
    s.layers.labels = false;
    s.ringKm = 15;
    s.basemap = 'osm';
    const slide = makeSlide({ id: 'a', caption: 'Поліція, 25 хв', state: s, view: { lon: 31.5, lat: 51.2, zoom: 7.25 }, bounds, hromada: 'UA74100330000029082', edits: [planned] });
    expect(slide.params).not.toContain('lang=');
    expect(slide.params.startsWith('s=police')).toBe(true);
    expect(slide.view).toEqual({ lon: 31.5, lat: 51.2, zoom: 7.25, bearing: 0 });
    expect(slide.bounds).toEqual(bounds);
    const back = slideState(slide);
    expect(back.service).toBe('police');
    expect(back.params).toEqual(s.params);
    expect(back.layers).toEqual(s.layers);
    expect(back.ringKm).toBe(15);
    expect(back.basemap).toBe('osm');
  });

  it('copies the edits, so later edits of the scenario do not change the slide', () => {
    const edits: FacilityEdit[] = [planned];
    const slide = makeSlide({ id: 'a', caption: '', state: defaultState(), view: { lon: 31, lat: 50, zoom: 6 }, bounds, hromada: null, edits });
    edits.push({ op: 'remove', id: 'sc-1' });
    (planned as { facility: { name: string } }).facility.name = 'змінено';
    expect(slide.edits).toHaveLength(1);
    expect((slide.edits[0] as { facility: { name: string } }).facility.name).toBe('Нова пожежна частина');
    (planned as { facility: { name: string } }).facility.name = 'Нова пожежна частина';
  });

  it('reorders: up, down, clamped at the ends, without touching the input', () => {
    const list = ['a', 'b', 'c', 'd'];
    expect(moveSlide(list, 2, -1)).toEqual(['a', 'c', 'b', 'd']);
    expect(moveSlide(list, 0, 1)).toEqual(['b', 'a', 'c', 'd']);
    expect(moveSlide(list, 0, -1)).toEqual(list);
    expect(moveSlide(list, 3, 1)).toEqual(list);
    expect(moveSlide(list, 7, 1)).toEqual(list);
    expect(list).toEqual(['a', 'b', 'c', 'd']);
  });

  it('every move against a brute-force reorder (all lists up to 6, every index and step)', () => {
    for (let n = 0; n <= 6; n++) {
      const list = Array.from({ length: n }, (_, i) => i);
      for (let i = 0; i < n; i++) {
        for (let delta = -n - 1; delta <= n + 1; delta++) {
          const to = Math.max(0, Math.min(n - 1, i + delta));
          const rest = list.filter((x) => x !== i);
          const expected = [...rest.slice(0, to), i, ...rest.slice(to)];
          const got = moveSlide(list, i, delta);
          expect(got).toEqual(expected);
          expect([...got].sort((a, b) => a - b)).toEqual(list);
        }
      }
    }
  });

  it('deletes and recaptions by id', () => {
    const list = [slideOf('a', 'one'), slideOf('b', 'two'), slideOf('c', 'three')];
    expect(removeSlide(list, 'b').map((s) => s.id)).toEqual(['a', 'c']);
    const r = recaption(list, 'c', '<b>not html</b>');
    expect(r[2]!.caption).toBe('<b>not html</b>');
    expect(r[0]).toBe(list[0]);
    expect(list[2]!.caption).toBe('three');
  });

  it('presenter keys: arrows, PageUp/PageDown, space and Shift+space, Home/End, clamped; others ignored', () => {
    expect(stepForKey('ArrowRight', false, 0, 3)).toBe(1);
    expect(stepForKey('PageDown', false, 1, 3)).toBe(2);
    expect(stepForKey(' ', false, 2, 3)).toBe(2);
    expect(stepForKey(' ', true, 2, 3)).toBe(1);
    expect(stepForKey('ArrowLeft', false, 0, 3)).toBe(0);
    expect(stepForKey('PageUp', false, 2, 3)).toBe(1);
    expect(stepForKey('Home', false, 2, 3)).toBe(0);
    expect(stepForKey('End', false, 0, 3)).toBe(2);
    expect(stepForKey('a', false, 0, 3)).toBeNull();
    expect(stepForKey('Enter', false, 0, 3)).toBeNull();
  });

  it('names the zip entries by position and a safe form of the caption', () => {
    expect(slideFileName(0, 'Чернігівщина: пожежна / 20 хв')).toBe('slide-01-Чернігівщина-пожежна-20-хв.png');
    expect(slideFileName(11, '')).toBe('slide-12.png');
    expect(slideFileName(2, '../../etc/passwd')).toBe('slide-03-etc-passwd.png');
  });
});
