import { describe, expect, it, vi } from 'vitest';
import { CliError, applyParam } from '../../src/cli/args';
import { DEFAULT_PARAMS } from '../../src/engine/types';
import { defaultState } from '../../src/state/app-state';
import { paramProblem, parseParamText } from '../../src/state/param-check';
import { decodeHash } from '../../src/state/url';

describe('parameter values', () => {
  it('refuses speeds, norms and caps of 0 or below, detours below 1, negative turnout, shares outside 0..1', () => {
    expect(paramProblem('speed', 0)).toBe('speed');
    expect(paramProblem('speed', -5)).toBe('speed');
    expect(paramProblem('speed', 0.5)).toBeNull();
    expect(paramProblem('detour', 0.99)).toBe('detour');
    expect(paramProblem('detour', 1)).toBeNull();
    expect(paramProblem('turnout', -0.5)).toBe('turnout');
    expect(paramProblem('turnout', 0)).toBeNull();
    expect(paramProblem('norm', 0)).toBe('norm');
    expect(paramProblem('reachCap', 0)).toBe('reachCap');
    expect(paramProblem('share', 1.01)).toBe('share');
    expect(paramProblem('share', 0)).toBeNull();
    expect(paramProblem('km', 0)).toBe('km');
    expect(paramProblem('cost', -1)).toBe('cost');
    expect(paramProblem('speed', NaN)).toBe('number');
    expect(paramProblem('turnout', Infinity)).toBe('number');
  });

  it('reads typed text, with a decimal comma', () => {
    expect(parseParamText('detour', '1,25')).toEqual({ ok: true, value: 1.25 });
    expect(parseParamText('speed', '')).toEqual({ ok: false, problem: 'number' });
    expect(parseParamText('speed', 'fast')).toEqual({ ok: false, problem: 'number' });
    expect(parseParamText('speed', '0')).toEqual({ ok: false, problem: 'speed' });
  });
});

describe('the same checks on a link and on the command line', () => {
  it('a link with a speed of 0 or a detour below 1 keeps the defaults and warns', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const base = defaultState();
    const d = decodeHash('#s=fire&su=0&dr=0.5&t_state_fire_unit=-1&fr=25', base);
    expect(d.patch.params?.speedKmh.urban).toBe(base.params.speedKmh.urban);
    expect(d.patch.params?.detour.rural).toBe(base.params.detour.rural);
    expect(d.patch.params?.turnoutMin.state_fire_unit).toBe(base.params.turnoutMin.state_fire_unit);
    expect(d.patch.params?.normMin.fire.rural).toBe(25);
    expect(warn).toHaveBeenCalledTimes(3);
    expect(String(warn.mock.calls[0]![0])).toMatch(/su=0 ignored: expected a speed above 0/);
    warn.mockRestore();
  });

  it('--param refuses the values the page refuses, naming the option', () => {
    const p = structuredClone(DEFAULT_PARAMS);
    expect(() => applyParam(p, 'speed.urban=0')).toThrow(/--param speed\.urban: "0" is refused: expected a speed above 0 km\/h/);
    expect(() => applyParam(p, 'speed.rural=-10')).toThrow(CliError);
    expect(() => applyParam(p, 'detour.rural=0.8')).toThrow(/--param detour\.rural: .*detour factor of 1 or more/);
    expect(() => applyParam(p, 'turnout.state_fire_unit=-1')).toThrow(/--param turnout\.state_fire_unit/);
    expect(() => applyParam(p, 'norm.fire.urban=0')).toThrow(/--param norm\.fire\.urban/);
    expect(() => applyParam(p, 'km=0')).toThrow(/--param km/);
    expect(() => applyParam(p, 'norm.fire.rural=abc')).toThrow(/"abc" is not a number/);
    applyParam(p, 'detour.urban=1');
    applyParam(p, 'turnout.state_fire_unit=0');
    expect([p.detour.urban, p.turnoutMin.state_fire_unit]).toEqual([1, 0]);
  });
});
