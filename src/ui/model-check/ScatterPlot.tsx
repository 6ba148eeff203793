/** The model check's scatter plot: modelled vs observed minutes, with the y = x line (geometry from ./scatter). */
import { useMemo } from 'react';
import { fmtInt } from '../../i18n';
import { useI18n } from '../i18n-context';
import { scatterGeometry } from './scatter';

const W = 340;
const H = 300;

export function ScatterPlot({ observed, modelled }: { observed: Float64Array; modelled: Float64Array }) {
  const { t, lang } = useI18n();
  const g = useMemo(() => scatterGeometry(observed, modelled, W, H), [observed, modelled]);
  const n = g.index.length;
  const circles: { x: number; y: number }[] = [];
  for (let k = 0; k < n; k++) circles.push({ x: g.points[2 * k]!, y: g.points[2 * k + 1]! });
  return (
    <figure className="check-scatter">
      <figcaption>{t('check_scatterTitle')}</figcaption>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        width="100%"
        role="img"
        aria-label={t('check_scatterAria', { n: fmtInt(lang, n) })}
        data-testid="check-scatter"
        data-points={n}
      >
        <rect x={g.left} y={g.top} width={g.right - g.left} height={g.bottom - g.top} fill="none" stroke="#bbb" />
        {g.ticks.map((tk) => (
          <g key={tk.value} fontSize="10" fill="#555">
            <line x1={tk.x} y1={g.bottom} x2={tk.x} y2={g.bottom + 4} stroke="#888" />
            <text x={tk.x} y={g.bottom + 14} textAnchor="middle">
              {fmtInt(lang, tk.value)}
            </text>
            <line x1={g.left - 4} y1={tk.y} x2={g.left} y2={tk.y} stroke="#888" />
            <text x={g.left - 6} y={tk.y + 3} textAnchor="end">
              {fmtInt(lang, tk.value)}
            </text>
          </g>
        ))}
        <g fill="#1f6fb2" fillOpacity="0.45">
          {circles.map((c, k) => (
            <circle key={k} cx={c.x.toFixed(1)} cy={c.y.toFixed(1)} r="1.8" />
          ))}
        </g>
        <line
          data-testid="check-diagonal"
          x1={g.diagonal[0]}
          y1={g.diagonal[1]}
          x2={g.diagonal[2]}
          y2={g.diagonal[3]}
          stroke="#c0392b"
          strokeWidth="1.2"
        />
        <text x={(g.left + g.right) / 2} y={H - 4} textAnchor="middle" fontSize="11">
          {t('check_scatterX')}
        </text>
        <text
          x={12}
          y={(g.top + g.bottom) / 2}
          textAnchor="middle"
          fontSize="11"
          transform={`rotate(-90 12 ${(g.top + g.bottom) / 2})`}
        >
          {t('check_scatterY')}
        </text>
      </svg>
      <p className="hint">{t('check_scatterLine')}</p>
    </figure>
  );
}
