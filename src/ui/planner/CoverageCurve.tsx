import { useId } from 'react';
import type { CurvePoint } from '../../engine/optimize';
import { fmtInt, fmtPct } from '../../i18n';
import { useI18n } from '../i18n-context';
import { curveGeometry, DEFAULT_BOX } from './curve';

/**
 * The coverage curve as an accessible SVG (role="img" with a title and a description, each point a titled circle),
 * plus the same numbers as a visually hidden list for screen readers.
 */
export function CoverageCurve({ curve }: { curve: readonly CurvePoint[] }) {
  const { t, lang } = useI18n();
  const id = useId();
  const g = curveGeometry(curve);
  const box = DEFAULT_BOX;
  const first = curve[0];
  const last = curve[curve.length - 1];
  const desc = t('plan_curveDesc', { from: fmtPct(lang, first?.share ?? NaN), to: fmtPct(lang, last?.share ?? NaN) });
  return (
    <figure className="plan-curve" data-testid="plan-curve" data-points={curve.length}>
      <svg viewBox={`0 0 ${box.width} ${box.height}`} role="img" aria-labelledby={`${id}-t ${id}-d`} width="100%">
        <title id={`${id}-t`}>{t('plan_curveTitle')}</title>
        <desc id={`${id}-d`}>{desc}</desc>
        <g className="axis">
          <line x1={box.left} y1={box.height - box.bottom} x2={box.width - box.right} y2={box.height - box.bottom} />
          <line x1={box.left} y1={box.top} x2={box.left} y2={box.height - box.bottom} />
          {g.yTicks.map((tk) => (
            <g key={`y${tk.value}`}>
              <line className="grid" x1={box.left} y1={tk.y} x2={box.width - box.right} y2={tk.y} />
              <text x={box.left - 4} y={tk.y + 3} textAnchor="end">
                {fmtPct(lang, tk.value)}
              </text>
            </g>
          ))}
          {g.xTicks.map((tk) => (
            <text key={`x${tk.value}`} x={tk.x} y={box.height - box.bottom + 12} textAnchor="middle">
              {tk.value}
            </text>
          ))}
          <text x={(box.left + box.width - box.right) / 2} y={box.height - 2} textAnchor="middle">
            {t('plan_curveX')}
          </text>
        </g>
        <path className="line" d={g.path} data-testid="plan-curve-path" />
        {g.points.map((p) => (
          <circle key={p.k} cx={p.x} cy={p.y} r={3}>
            <title>
              {t('plan_curvePoint', { k: p.k, share: fmtPct(lang, p.share), people: fmtInt(lang, p.covered) })}
            </title>
          </circle>
        ))}
      </svg>
      <figcaption className="muted small">
        {t('plan_curveTitle')}: {t('plan_curveY')} / {t('plan_curveX')}
      </figcaption>
      <ol className="visually-hidden" start={0}>
        {curve.map((p) => (
          <li key={p.k}>
            {t('plan_curvePoint', { k: p.k, share: fmtPct(lang, p.share), people: fmtInt(lang, p.covered) })}
          </li>
        ))}
      </ol>
    </figure>
  );
}
