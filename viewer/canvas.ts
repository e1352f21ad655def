/** Canvas helpers shared by the raster, state band and heat map: sharp on high-DPI screens, time axis ticks. */
import type * as D3 from 'd3';
import { d3 } from './d3.ts';

export const MARGIN = { left: 52, right: 12, top: 6, bottom: 22 } as const;

export const COLORS = {
  bg: '#0f1420',
  grid: '#243047',
  axis: '#8a97b0',
  text: '#c9d3e6',
  spike: '#7cc4ff',
  threshold: '#ff6b6b',
} as const;

const STATE_COLORS: Record<string, string> = {
  normal: '#24344f',
  below: '#24344f',
  allodynia: '#f5a524',
  above: '#ff6b6b',
  hyperalgesia: '#e5484d',
  firing: '#ff6b6b',
  recovering: '#45c486',
};
const FALLBACK = ['#24344f', '#f5a524', '#e5484d', '#45c486', '#a78bfa', '#38bdf8'];

export function stateColor(names: readonly string[], code: number): string {
  return STATE_COLORS[names[code] ?? ''] ?? FALLBACK[code % FALLBACK.length];
}

/** Sizes the canvas backing store to its CSS box times the pixel ratio; returns CSS pixel size. */
export function fitCanvas(canvas: HTMLCanvasElement): { ctx: CanvasRenderingContext2D; w: number; h: number } {
  const dpr = window.devicePixelRatio || 1;
  const w = canvas.clientWidth;
  const h = canvas.clientHeight;
  if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
    canvas.width = Math.round(w * dpr);
    canvas.height = Math.round(h * dpr);
  }
  const ctx = canvas.getContext('2d')!;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, w, h);
  return { ctx, w, h };
}

/** Draws the time axis along the bottom of a plot area. */
export function timeAxis(ctx: CanvasRenderingContext2D, x: D3.ScaleLinear<number, number>, y0: number, y1: number): void {
  ctx.strokeStyle = COLORS.grid;
  ctx.fillStyle = COLORS.axis;
  ctx.font = '11px system-ui, sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  ctx.lineWidth = 1;
  const fmt = x.tickFormat(8);
  for (const t of x.ticks(8)) {
    const px = Math.round(x(t)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(px, y0);
    ctx.lineTo(px, y1);
    ctx.stroke();
    ctx.fillText(fmt(t), px, y1 + 4);
  }
}

export { d3 };
