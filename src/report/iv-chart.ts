/**
 * I-V chart with a logarithmic |I| axis, as memristor papers draw sweeps:
 * points at 0 V (where a pinched loop has no current and the log is
 * undefined) are left out, and the axis spans the non-zero currents.
 */
import { lineChart, type Series } from './svg.ts';

export interface SemilogIvSpec {
  readonly title: string;
  /** Curves of (V, I) in V and A; |I| is plotted. */
  readonly series: readonly { readonly name: string; readonly vV: ArrayLike<number>; readonly iA: ArrayLike<number> }[];
  /** Display scale for the current axis (default 1e9: nA). */
  readonly yScale?: number;
  readonly yLabel?: string;
}

export function semilogIvChart(spec: SemilogIvSpec): string {
  const k = spec.yScale ?? 1e9;
  let lo = Infinity;
  let hi = 0;
  const series: Series[] = spec.series.map((s) => {
    const x: number[] = [];
    const y: number[] = [];
    for (let j = 0; j < s.vV.length; j++) {
      const a = Math.abs(s.iA[j]);
      if (s.vV[j] === 0 || !(a > 0)) continue;
      x.push(s.vV[j]);
      y.push(a);
      lo = Math.min(lo, a * k);
      hi = Math.max(hi, a * k);
    }
    return { name: s.name, x, y, style: 'both' };
  });
  const yDomain: [number, number] = hi > 0 ? [lo / 1.5, hi * 1.5] : [1e-3, 1];
  return lineChart({ title: spec.title, xLabel: 'voltage (V)', yLabel: spec.yLabel ?? '|current| (nA)', yScale: k, logY: true, yDomain, series });
}
