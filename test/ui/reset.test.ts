/**
 * The Data panel's reset (src/ui/data/reset.ts): it removes the data and the map edits and keeps the slides (each with
 * its own edits snapshot) and the parameters; the confirmation names exactly what goes and what stays, in uk and en.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, type Facility } from '../../src/engine/types';
import { makeT } from '../../src/i18n';
import { emptyScenario, parseScenario, serializeScenario, type Scenario } from '../../src/io/scenario';
import { makeSlide } from '../../src/state/slides';
import { defaultState } from '../../src/state/app-state';
import { openScenario, openSlidesNote } from '../../src/ui/data/keep-slides';
import { hasUserData, resetData, resetLines } from '../../src/ui/data/reset';

const unit = (id: string): Facility => ({
  id,
  name: id,
  type: 'local_fire_department',
  status: 'opened',
  lon: 31.3,
  lat: 51.5,
  hromadaCode: null,
  source: 'user:units.csv',
  sourceUrl: '',
  placement: 'user',
  note: '',
});

function slide(id: string, caption: string, edits: Scenario['facilityEdits']) {
  return makeSlide({
    id,
    caption,
    state: defaultState(),
    view: { lon: 31.3, lat: 51.5, zoom: 8 },
    bounds: [30, 50, 33, 52.4],
    hromada: null,
    edits,
  });
}

/** A working scenario with every kind of data, two map edits and two slides. */
function full(): Scenario {
  const s = emptyScenario('Чернігівщина з новими МПО');
  s.params = {
    ...structuredClone(DEFAULT_PARAMS),
    normMin: { fire: { urban: 12, rural: 25 }, police: { urban: 10, rural: 20 } },
  };
  s.facilityImports = [
    {
      fileName: 'units.csv',
      mode: 'add',
      types: ['local_fire_department'],
      facilities: [unit('u1'), unit('u2'), unit('u3')],
    },
  ];
  s.matrix = { fileName: 'times.csv', rows: [] };
  s.demand = { fileName: 'villages.csv', rows: [] };
  s.boundaries = { fileName: 'hromadas.geojson', mode: 'replace', rows: [] };
  s.territory = { fileName: 'status.csv', listName: 'Перелік', listDate: '2025-01-01', rows: [] };
  const add = { op: 'add' as const, facility: unit('planned-1') };
  s.facilityEdits = [add, { op: 'move', id: 'u1', lon: 31.4, lat: 51.6 }];
  s.slides = [slide('a', 'Сьогодні', []), slide('b', 'З новою станцією', [add])];
  return s;
}

describe('reset keeps the slides', () => {
  it('removes the data and the map edits, keeps slides (with their own edits) and parameters', () => {
    const s = full();
    const before = structuredClone(s);
    const r = resetData(s, '2026-12-03T10:00:00.000Z');
    expect(r).toEqual({ ...emptyScenario('', '2026-12-03T10:00:00.000Z'), params: s.params, slides: s.slides });
    expect(hasUserData(r)).toBe(false);
    expect(r.slides!.map((x) => [x.caption, x.edits.length])).toEqual([
      ['Сьогодні', 0],
      ['З новою станцією', 1],
    ]);
    // prevent input mutation
    expect(s).toEqual(before);
  });

  it('the slides survive the browser store and the scenario file (serialize → parse)', () => {
    const parsed = parseScenario(serializeScenario(resetData(full())));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.scenario.slides).toEqual(full().slides);
  });

  it('with no slides, none appear', () => {
    const s = { ...full(), slides: undefined };
    expect('slides' in resetData(s)).toBe(false);
  });

  it('the confirmation says what goes, file by file, and what stays (uk)', () => {
    expect(resetLines(makeT('uk'), 'uk', full())).toEqual({
      removed: [
        'підрозділи з файлу «units.csv»: 3',
        'матриця часу доїзду «times.csv»',
        'населені пункти з файлу «villages.csv»',
        'межі громад з файлу «hromadas.geojson»',
        'перелік територій з файлу «status.csv»',
        'зміни підрозділів на карті: 2',
      ],
      kept: [
        'слайди презентації: 2 — кожен зі своїм виглядом, підписом і станціями, запланованими на ньому; слайд, що показував ваші імпортовані дані, покаже на їхньому місці вбудовані',
        'параметри моделі (нормативи, швидкості) і збережені сценарії',
      ],
    });
  });

  it('en; only edits and slides: no word on imported data', () => {
    const s = { ...emptyScenario(''), facilityEdits: full().facilityEdits, slides: full().slides };
    expect(resetLines(makeT('en'), 'en', s)).toEqual({
      removed: ['unit changes made on the map: 2'],
      kept: [
        'your presentation slides: 2, each with its view, caption and the stations planned on it',
        'the model parameters (norms, speeds) and your saved scenarios',
      ],
    });
  });
});

describe('opening a scenario keeps the deck unless it brings its own', () => {
  it('a scenario without slides: its data, yours slides', () => {
    const cur = full();
    const incoming = { ...emptyScenario('Інший'), facilityEdits: [{ op: 'remove' as const, id: 'u2' }] };
    const r = openScenario(cur, incoming);
    expect(r).toEqual({ ...incoming, slides: cur.slides });
    expect('slides' in incoming).toBe(false); // prevent input mutation
  });

  it('a scenario with slides replaces them; with none either side nothing appears', () => {
    const incoming = { ...emptyScenario('Інший'), slides: [full().slides![1]!] };
    expect(openScenario(full(), incoming)).toBe(incoming);
    const bare = emptyScenario('x');
    expect(openScenario({ slides: [] }, bare)).toBe(bare);
  });

  it('the preview says which happens (uk, en)', () => {
    const uk = makeT('uk');
    expect(openSlidesNote(uk, 'uk', 2, 0)).toBe('Ваші слайди (2) залишаться: у файлі слайдів немає.');
    expect(openSlidesNote(uk, 'uk', 2, 3)).toBe('Слайди файлу (3) замінять ваші (2).');
    expect(openSlidesNote(uk, 'uk', 0, 3)).toBe('Слайдів у файлі: 3.');
    expect(openSlidesNote(uk, 'uk', 0, 0)).toBeNull();
    expect(openSlidesNote(makeT('en'), 'en', 2, 0)).toBe('Your slides (2) stay: the file has none.');
  });
});
