/**
 * Which values each model parameter accepts, shared by the controls (refused with a message next to the field), the
 * URL hash (ignored with a console warning) and the CLI's `--param` (refused, exit 2). Pure.
 * - speeds, norms, the reach cap and the distance criterion: a number above 0;
 * - detour factors: 1 or more (a road is never shorter than the straight line);
 * - turnout minutes and costs: 0 or more;
 * - unit availability: a share from 0 to 1.
 */

export const PARAM_RULES = ['speed', 'detour', 'turnout', 'norm', 'reachCap', 'share', 'km', 'cost'] as const;
export type ParamRule = (typeof PARAM_RULES)[number];
/** Why a value is refused: not a finite number, or outside its rule's range. */
export type ParamProblem = 'number' | ParamRule;

const OK: Record<ParamRule, (v: number) => boolean> = {
  speed: (v) => v > 0,
  detour: (v) => v >= 1,
  turnout: (v) => v >= 0,
  norm: (v) => v > 0,
  reachCap: (v) => v > 0,
  share: (v) => v >= 0 && v <= 1,
  km: (v) => v > 0,
  cost: (v) => v >= 0,
};

/** The accepted range in words (English, for the CLI and warnings). */
export const PARAM_RANGE: Record<ParamRule, string> = {
  speed: 'a speed above 0 km/h',
  detour: 'a detour factor of 1 or more',
  turnout: 'turnout minutes of 0 or more',
  norm: 'a norm above 0 minutes',
  reachCap: 'a reach cap above 0 minutes',
  share: 'a share from 0 to 1',
  km: 'a distance above 0 km',
  cost: 'a cost of 0 or more',
};

/**
 * Null when `v` is accepted by `rule`, else the problem ('number' for NaN or ±Infinity).
 * @example paramProblem('speed', 0) // 'speed'; paramProblem('detour', 1) // null; paramProblem('share', NaN) // 'number'
 */
export function paramProblem(rule: ParamRule, v: number): ParamProblem | null {
  if (!Number.isFinite(v)) return 'number';
  return OK[rule](v) ? null : rule;
}

/**
 * A typed value (text) checked: the number, or the problem. Empty text and text that is not a number are 'number'.
 * Decimal commas are read as points.
 */
export function parseParamText(rule: ParamRule, text: string): { ok: true; value: number } | { ok: false; problem: ParamProblem } {
  const s = text.trim().replace(',', '.');
  const v = s === '' ? NaN : Number(s);
  const problem = paramProblem(rule, v);
  return problem ? { ok: false, problem } : { ok: true, value: v };
}
