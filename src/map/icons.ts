/**
 * Facility symbols drawn at runtime on a canvas (no image requests): one shape per facility type
 * (src/map/colors.ts FACILITY_SHAPES), each in a solid version (real, opened) and a hollow dashed version
 * (illustrative units and planned Security Centers).
 */
import { FACILITY_TYPES, type FacilityType } from '../engine/types';
import { FACILITY_COLORS, FACILITY_SHAPES, toCss, type Shape } from './colors';

export const ICON_PX = 64;

export interface IconDef {
  x: number;
  y: number;
  width: number;
  height: number;
  anchorY: number;
  mask: boolean;
}

export type IconVariant = 'solid' | 'hollow';
export const iconKey = (type: FacilityType, variant: IconVariant): string => `${type}|${variant}`;

/** Atlas layout: one row per type, solid then hollow. Pure (no canvas), so tests can check it. */
export function iconMapping(): Record<string, IconDef> {
  const m: Record<string, IconDef> = {};
  FACILITY_TYPES.forEach((t, row) => {
    (['solid', 'hollow'] as const).forEach((v, col) => {
      m[iconKey(t, v)] = { x: col * ICON_PX, y: row * ICON_PX, width: ICON_PX, height: ICON_PX, anchorY: ICON_PX / 2, mask: false };
    });
  });
  return m;
}

function shapePath(ctx: CanvasRenderingContext2D, shape: Shape, cx: number, cy: number, r: number): void {
  ctx.beginPath();
  const poly = (n: number, rot: number, rr = r) => {
    for (let k = 0; k < n; k++) {
      const a = rot + (k * 2 * Math.PI) / n;
      const x = cx + rr * Math.cos(a);
      const y = cy + rr * Math.sin(a);
      if (k === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    }
    ctx.closePath();
  };
  switch (shape) {
    case 'circle':
      ctx.arc(cx, cy, r * 0.85, 0, 2 * Math.PI);
      break;
    case 'square':
      ctx.rect(cx - r * 0.75, cy - r * 0.75, r * 1.5, r * 1.5);
      break;
    case 'triangle':
      poly(3, -Math.PI / 2, r * 1.05);
      break;
    case 'diamond':
      poly(4, 0, r * 1.0);
      break;
    case 'pentagon':
      poly(5, -Math.PI / 2, r * 0.95);
      break;
    case 'star': {
      for (let k = 0; k < 10; k++) {
        const a = -Math.PI / 2 + (k * Math.PI) / 5;
        const rr = k % 2 === 0 ? r * 1.1 : r * 0.5;
        const x = cx + rr * Math.cos(a);
        const y = cy + rr * Math.sin(a);
        if (k === 0) ctx.moveTo(x, y);
        else ctx.lineTo(x, y);
      }
      ctx.closePath();
      break;
    }
    default: {
      const never: never = shape;
      throw new Error(`Unknown shape ${String(never)}`);
    }
  }
}

/** Draws the atlas (browser only). */
export function drawIconAtlas(): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = ICON_PX * 2;
  canvas.height = ICON_PX * FACILITY_TYPES.length;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('Canvas 2D is not available for the facility symbols');
  const r = ICON_PX * 0.36;
  FACILITY_TYPES.forEach((t, row) => {
    const color = toCss(FACILITY_COLORS[t]);
    const cy = row * ICON_PX + ICON_PX / 2;
    // solid: white halo, coloured fill, dark edge
    let cx = ICON_PX / 2;
    shapePath(ctx, FACILITY_SHAPES[t], cx, cy, r);
    ctx.lineJoin = 'round';
    ctx.lineWidth = 10;
    ctx.strokeStyle = 'rgba(255,255,255,0.95)';
    ctx.stroke();
    ctx.fillStyle = color;
    ctx.fill();
    ctx.lineWidth = 3;
    ctx.strokeStyle = 'rgba(20,20,20,0.9)';
    ctx.stroke();
    // hollow: pale fill, coloured outline, no dark edge (lighter than the real ones)
    cx = ICON_PX * 1.5;
    shapePath(ctx, FACILITY_SHAPES[t], cx, cy, r * 0.9);
    ctx.lineWidth = 9;
    ctx.strokeStyle = 'rgba(255,255,255,0.85)';
    ctx.stroke();
    ctx.fillStyle = 'rgba(255,255,255,0.7)';
    ctx.fill();
    ctx.lineWidth = 5;
    ctx.strokeStyle = color;
    ctx.stroke();
  });
  return canvas;
}
