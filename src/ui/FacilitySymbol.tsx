import type { FacilityType } from '../engine/types';
import { FACILITY_COLORS, FACILITY_SHAPES, toCss } from '../map/colors';

/** The map's facility symbol as inline SVG, for the legend and panels (same shapes as src/map/icons.ts). */
export function FacilitySymbol({ type, hollow = false, size = 16 }: { type: FacilityType; hollow?: boolean; size?: number }) {
  const color = toCss(FACILITY_COLORS[type]);
  const c = 12;
  const r = 8;
  const poly = (n: number, rot: number, rr = r) =>
    Array.from({ length: n }, (_, k) => {
      const a = rot + (k * 2 * Math.PI) / n;
      return `${(c + rr * Math.cos(a)).toFixed(2)},${(c + rr * Math.sin(a)).toFixed(2)}`;
    }).join(' ');
  const star = Array.from({ length: 10 }, (_, k) => {
    const a = -Math.PI / 2 + (k * Math.PI) / 5;
    const rr = k % 2 === 0 ? r * 1.15 : r * 0.5;
    return `${(c + rr * Math.cos(a)).toFixed(2)},${(c + rr * Math.sin(a)).toFixed(2)}`;
  }).join(' ');
  const style = hollow
    ? { fill: 'rgba(255,255,255,0.8)', stroke: color, strokeWidth: 2.2 }
    : { fill: color, stroke: '#141414', strokeWidth: 1.2 };
  const shape = FACILITY_SHAPES[type];
  let el;
  switch (shape) {
    case 'circle':
      el = <circle cx={c} cy={c} r={r * 0.85} {...style} />;
      break;
    case 'square':
      el = <rect x={c - r * 0.75} y={c - r * 0.75} width={r * 1.5} height={r * 1.5} {...style} />;
      break;
    case 'triangle':
      el = <polygon points={poly(3, -Math.PI / 2, r * 1.05)} {...style} />;
      break;
    case 'diamond':
      el = <polygon points={poly(4, 0)} {...style} />;
      break;
    case 'pentagon':
      el = <polygon points={poly(5, -Math.PI / 2, r * 0.95)} {...style} />;
      break;
    case 'star':
      el = <polygon points={star} {...style} />;
      break;
  }
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" className="facility-symbol">
      {el}
    </svg>
  );
}
