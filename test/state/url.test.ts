import { describe, expect, it } from 'vitest';
import { defaultState } from '../../src/state/app-state';
import { decodeHash, encodeHash } from '../../src/state/url';

describe('URL hash', () => {
  it('a default state writes only the view and the service', () => {
    expect(encodeHash(defaultState(), { zoom: 5.5, lat: 48.5, lon: 31.2 }, null)).toBe('#map=5.5/48.5/31.2&s=fire');
  });

  it('round-trips hromada, service, language, parameters, layers and basemap', () => {
    const s = defaultState();
    s.service = 'police';
    s.lang = 'en';
    s.params.normMin.fire.rural = 25;
    s.params.speedKmh.rural = 70;
    s.params.turnoutMin.volunteer_fire_brigade = 8;
    s.params.includePlanned = true;
    s.params.coverageMode = 'distance';
    s.layers.surface = true;
    s.basemap = 'osm';
    const hash = encodeHash(s, { zoom: 9.123, lat: 49.23456, lon: 28.45678 }, 'UA05020010000053508');
    const d = decodeHash(hash, defaultState());
    expect(d.view).toEqual({ zoom: 9.12, lat: 49.2346, lon: 28.4568 });
    expect(d.hromadaCode).toBe('UA05020010000053508');
    expect(d.patch.service).toBe('police');
    expect(d.patch.lang).toBe('en');
    expect(d.patch.params).toEqual(s.params);
    expect(d.patch.layers).toEqual(s.layers);
    expect(d.patch.basemap).toBe('osm');
  });

  it('round-trips an imported boundary\'s own code', () => {
    const hash = encodeHash(defaultState(), null, 'ОТГ-7.b');
    expect(decodeHash(hash, defaultState()).hromadaCode).toBe('ОТГ-7.b');
  });

  it('ignores malformed values', () => {
    const d = decodeHash('#map=x/1/2&h=<script>&s=ambulance&fr=-5&lang=de', defaultState());
    expect(d.view).toBeNull();
    expect(d.hromadaCode).toBeNull();
    expect(d.patch).toEqual({});
  });
});

describe('basis parameters in the hash', () => {
  it('count assumed units and the reach cap survive a round trip', async () => {
    const { cloneParams } = await import('../../src/state/app-state');
    const base = defaultState();
    const params = cloneParams(base.params);
    params.countAssumed = false;
    params.reachCapMin.police = 45;
    const hash = encodeHash({ ...base, params }, null, null);
    expect(hash).toContain('assumed=0');
    expect(hash).toContain('cp=45');
    const back = decodeHash(hash, base).patch.params!;
    expect(back.countAssumed).toBe(false);
    expect(back.reachCapMin).toEqual({ fire: 60, police: 45 });
  });
});

describe('second-unit norms, availability and cost in the hash', () => {
  it('short keys (sfu…, a_TYPE, c_TYPE) survive a round trip; defaults are not written', async () => {
    const { cloneParams } = await import('../../src/state/app-state');
    const base = defaultState();
    const params = cloneParams(base.params);
    params.secondNormMin.fire.urban = 18;
    params.secondNormMin.police.rural = 45;
    params.availability.volunteer_fire_brigade = 0.3;
    params.costMUah.local_fire_department = 4.1;
    params.costMUah.security_center = null;
    const hash = encodeHash({ ...base, params }, null, null);
    expect(hash).toContain('sfu=18');
    expect(hash).toContain('spr=45');
    expect(hash).toContain('a_volunteer_fire_brigade=0.3');
    expect(hash).toContain('c_local_fire_department=4.1');
    expect(hash).toContain('c_security_center=-');
    expect(hash).not.toContain('a_state_fire_unit');
    expect(hash).not.toContain('sfr');
    expect(decodeHash(hash, base).patch.params).toEqual(params);
  });

  it('refuses an availability outside 0…1, a second norm of 0 and a negative cost (with a console warning)', () => {
    const warn = console.warn;
    const seen: string[] = [];
    console.warn = (m: string) => void seen.push(m);
    try {
      const d = decodeHash('#a_volunteer_fire_brigade=1.5&sfu=0&c_local_fire_department=-2', defaultState());
      expect(d.patch.params).toBeUndefined();
      expect(seen.join('\n')).toMatch(/a_volunteer_fire_brigade=1\.5 ignored: expected a share from 0 to 1/);
      expect(seen.join('\n')).toMatch(/sfu=0 ignored: expected a norm above 0 minutes/);
      expect(seen.join('\n')).toMatch(/c_local_fire_department=-2 ignored/);
    } finally {
      console.warn = warn;
    }
  });
});

describe('every parameter goes through the hash', () => {
  it('a state with every parameter changed survives encode → decode onto the defaults', async () => {
    const { cloneParams } = await import('../../src/state/app-state');
    const base = defaultState();
    const p = cloneParams(base.params);
    p.matrixFallback = 'unreachable';
    p.countAssumed = false;
    p.reachCapMin.fire = 45;
    p.secondNormMin.police.rural = 35;
    p.availability.volunteer_fire_brigade = 0.3;
    p.costMUah.local_fire_department = 1.5;
    p.turnoutMin.state_fire_unit = 2;
    p.normMin.fire.rural = 25;
    const back = decodeHash(encodeHash({ ...base, params: p }, null, null), base).patch.params!;
    expect(back).toEqual(p);
  });
});
