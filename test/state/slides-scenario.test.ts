import { describe, expect, it } from 'vitest';
import { defaultState } from '../../src/state/app-state';
import { emptyScenario, parseScenario, serializeScenario, type Scenario } from '../../src/io/scenario';
import { makeSlide, type Slide } from '../../src/state/slides';
import { memoryStore, ScenarioStore } from '../../src/state/scenario-store';

function slide(id: string, caption: string, service: 'fire' | 'police' = 'fire'): Slide {
  const s = defaultState();
  s.service = service;
  s.params.normMin.fire.rural = 25;
  return makeSlide({
    id,
    caption,
    state: s,
    view: { lon: 31.29, lat: 51.49, zoom: 8.5 },
    bounds: [30.1, 50.9, 32.5, 52.1],
    hromada: 'UA74100330000029082',
    edits: [{ op: 'move', id: 'sc-3', lon: 31.3, lat: 51.5 }, { op: 'remove', id: 'fu-12' }],
  });
}

const withSlides = (slides: unknown[]): string => {
  const o = JSON.parse(serializeScenario(emptyScenario('t', '2026-12-03T07:00:00.000Z'))) as Record<string, unknown>;
  o.slides = slides;
  return JSON.stringify(o);
};

describe('slides in the scenario file', () => {
  it('round-trip: parse(serialize(s)) deep-equals s with its slides, order and captions kept', () => {
    const s: Scenario = { ...emptyScenario('Чернігівщина', '2026-12-03T07:00:00.000Z'), slides: [slide('a', 'Перший\nрядок <i>два</i>'), slide('b', 'Поліція', 'police')] };
    const r = parseScenario(serializeScenario(s));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario).toEqual(s);
    expect(r.scenario.slides!.map((x) => x.id)).toEqual(['a', 'b']);
  });

  it('a file from before slides still loads, with no slides', () => {
    const text = serializeScenario(emptyScenario('old', '2025-01-01T00:00:00.000Z'));
    expect(text).not.toContain('slides');
    const r = parseScenario(text);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.scenario.slides).toBeUndefined();
      expect(r.scenario.slideNotes).toBeUndefined();
    }
  });

  it('the messages about left-out slides are never written to a file', () => {
    const s: Scenario = { ...emptyScenario('x'), slides: [], slideNotes: ['slides[0] left out: caption is not text'] };
    expect(serializeScenario(s)).not.toContain('slideNotes');
  });

  it('bad slides are left out one by one with a message naming the slide and the field; the rest of the file loads', () => {
    const good = slide('ok', 'Добрий');
    const bad: [unknown, string][] = [
      ['text', 'slides[1] left out: is not an object'],
      [{ ...good, id: '' }, 'slides[2] left out: id is not text of 1 to 64 characters'],
      [{ ...good, id: 'c1', caption: 5 }, 'slides[3] left out: caption is not text'],
      [{ ...good, id: 'c2', caption: 'x'.repeat(1001) }, 'slides[4] left out: caption is longer than 1000 characters'],
      [{ ...good, id: 'v1', view: { lon: 31, lat: 51, zoom: 'far', bearing: 0 } }, 'slides[5] left out: view.zoom is not a number from 0 to 24'],
      [{ ...good, id: 'v2', view: { lon: 200, lat: 51, zoom: 7, bearing: 0 } }, 'slides[6] left out: view.lon is not a longitude from -180 to 180'],
      [{ ...good, id: 'b1', bounds: [33, 50, 30, 52] }, 'slides[7] left out: bounds west and east must be longitudes with west < east'],
      [{ ...good, id: 'b2', bounds: [30, 50, 33] }, 'slides[8] left out: bounds needs 4 numbers [west, south, east, north]'],
      [{ ...good, id: 'p1', params: 'fu=20' }, 'slides[9] left out: params does not name the service (s=fire or s=police)'],
      [{ ...good, id: 'p2', params: 's=fire&x=<script>' }, 'slides[10] left out: params has characters a link never has'],
      [{ ...good, id: 'h1', hromada: 'a b' }, 'slides[11] left out: hromada is not a hromada code or null'],
      [{ ...good, id: 'e1', edits: [{ op: 'teleport', id: 'x' }] }, 'slides[12] left out: edits[0].op "teleport" is not add, move, update or remove'],
      [{ ...good, id: 'e2', edits: [{ op: 'move', id: 'x', lon: 'east' }] }, 'slides[13] left out: edits[0] needs id, lon, lat'],
      [{ ...good }, 'slides[14] left out: id "ok" is repeated'],
    ];
    const r = parseScenario(withSlides([good, ...bad.map(([s]) => s), slide('last', 'Останній')]));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario.slides!.map((s) => s.id)).toEqual(['ok', 'last']);
    expect(r.scenario.slideNotes).toEqual(bad.map(([, m]) => m));
  });

  it('slides that are not a list are left out with a message; the file loads', () => {
    const r = parseScenario(withSlides({ a: 1 } as unknown as unknown[]));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.scenario.slides).toBeUndefined();
      expect(r.scenario.slideNotes).toEqual(['slides is not a list: no slides were read']);
    }
  });

  it('kept in the browser with the working scenario (IndexedDB store), and a stored slide that no longer reads is left out', async () => {
    const kv = memoryStore();
    const store = new ScenarioStore(kv, () => '2026-12-03T07:00:00.000Z', () => 'id');
    const s: Scenario = { ...emptyScenario('w'), slides: [slide('a', 'Один'), slide('b', 'Два', 'police')] };
    await store.saveCurrent(s);
    expect(await new ScenarioStore(kv).loadCurrent()).toEqual(s);
    const stored = kv.map.get('current') as Scenario;
    kv.map.set('current', { ...stored, slides: [...stored.slides!, { ...stored.slides![0], id: 'z', bounds: null }] });
    const back = await new ScenarioStore(kv).loadCurrent();
    expect(back!.slides!.map((x) => x.id)).toEqual(['a', 'b']);
  });
});
