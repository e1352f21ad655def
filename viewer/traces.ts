/**
 * Probe traces (SVG drawn with d3): one panel per unit (device currents in
 * nA, voltages, rates), each probe a line over the time window, with the
 * probe's threshold (e.g. I_nox) as a dashed line. Lines are thinned to at
 * most two points per pixel column (min and max), so peaks stay visible.
 */
import type * as D3 from 'd3';
import { d3 } from './d3.ts';
import { lowerBound, type RunData } from './data.ts';

const PALETTE = ['#7cc4ff', '#ffb86b', '#8be28b', '#d69cff', '#ff8fa3', '#5eead4'];
const M = { left: 52, right: 12, top: 10, bottom: 22 };

interface UnitGroup {
  unit: string;
  label: string;
  scale: number;
  probes: number[];
}

function groups(data: RunData): UnitGroup[] {
  const out: UnitGroup[] = [];
  const probes = data.run?.probes ?? [];
  probes.forEach((p, i) => {
    let g = out.find((x) => x.unit === p.unit);
    if (!g) {
      g = p.unit === 'A' ? { unit: 'A', label: 'current (nA)', scale: 1e9, probes: [] } : { unit: p.unit, label: p.unit ? `(${p.unit})` : 'value', scale: 1, probes: [] };
      out.push(g);
    }
    g.probes.push(i);
  });
  // A panel with one probe is labelled with the probe's name.
  for (const g of out) if (g.probes.length === 1 && g.unit !== 'A') g.label = `${probes[g.probes[0]].name} ${g.label}`;
  return out;
}

export class TracesView {
  points = 0;
  private xScale = d3.scaleLinear();

  constructor(private readonly svgEl: SVGSVGElement, private readonly legend: HTMLElement) {}

  draw(data: RunData, t0: number, t1: number): void {
    const svg = d3.select(this.svgEl);
    const w = this.svgEl.clientWidth || 800;
    const h = this.svgEl.clientHeight || 240;
    const gs = groups(data);
    const panelH = gs.length ? h / gs.length : h;
    const x = this.xScale.domain([t0, t1]).range([M.left, w - M.right]);
    const cols = Math.max(1, Math.round(w - M.left - M.right));
    let points = 0;
    const panels = svg.selectAll<SVGGElement, UnitGroup>('g.panel').data(gs, (g) => g.unit);
    panels.exit().remove();
    const entered = panels.enter().append('g').attr('class', 'panel');
    entered.append('g').attr('class', 'x axis');
    entered.append('g').attr('class', 'y axis');
    entered.append('text').attr('class', 'ylabel');
    entered.append('line').attr('class', 'threshold');
    entered.append('text').attr('class', 'threshold-label');
    entered.append('g').attr('class', 'lines');
    panels.merge(entered).each(function (g, k) {
      const panel = d3.select(this).attr('transform', `translate(0,${k * panelH})`);
      const top = M.top;
      const bottom = panelH - M.bottom;
      const lines: Array<{ probe: number; pts: Array<[number, number]> }> = [];
      let lo = Infinity;
      let hi = -Infinity;
      let threshold: number | undefined;
      for (const p of g.probes) {
        const s = data.probes[p];
        const info = data.run!.probes[p];
        if (info.threshold !== undefined) threshold = info.threshold * g.scale;
        const pts: Array<[number, number]> = [];
        if (s) {
          const i0 = Math.max(0, lowerBound(s.t, s.n, t0) - 1);
          const i1 = Math.min(s.n, lowerBound(s.t, s.n, t1) + 1);
          // Min/max per pixel column keeps pulses visible however many samples there are.
          let col = -1;
          let cMin = 0;
          let cMax = 0;
          let tMin = 0;
          let tMax = 0;
          const flush = (): void => {
            if (col < 0) return;
            if (tMin <= tMax) pts.push([tMin, cMin], [tMax, cMax]);
            else pts.push([tMax, cMax], [tMin, cMin]);
          };
          for (let i = i0; i < i1; i++) {
            const v = s.v[i] * g.scale;
            const c = Math.floor(((s.t[i] - t0) / (t1 - t0)) * cols);
            if (c !== col) {
              flush();
              col = c;
              cMin = cMax = v;
              tMin = tMax = s.t[i];
            } else {
              if (v < cMin) (cMin = v), (tMin = s.t[i]);
              if (v > cMax) (cMax = v), (tMax = s.t[i]);
            }
            if (v < lo) lo = v;
            if (v > hi) hi = v;
          }
          flush();
        }
        points += pts.length;
        lines.push({ probe: p, pts });
      }
      if (threshold !== undefined) {
        lo = Math.min(lo, threshold);
        hi = Math.max(hi, threshold * 1.1);
      }
      if (!(hi > lo)) {
        lo = Number.isFinite(lo) ? lo - 1 : 0;
        hi = Number.isFinite(hi) ? hi + 1 : 1;
      }
      // Currents far above the threshold (noxious pulses) would flatten it to the axis: switch to a
      // symmetric-log scale, linear within a tenth of the threshold, so both stay readable.
      const symlog = threshold !== undefined && threshold > 0 && hi > 20 * threshold;
      const y: D3.ScaleContinuousNumeric<number, number> = symlog
        ? d3.scaleSymlog().constant(threshold! / 10).domain([Math.min(0, lo), hi]).range([bottom, top])
        : d3.scaleLinear().domain([Math.min(0, lo), hi]).nice().range([bottom, top]);
      let yAxis = d3.axisLeft(y).ticks(4).tickSizeOuter(0);
      if (symlog) {
        const ticks = [0, threshold!];
        for (let p = 10 ** Math.ceil(Math.log10(threshold!) + 0.5); p <= hi; p *= 10) ticks.push(p);
        yAxis = yAxis.tickValues(ticks).tickFormat(d3.format('~s'));
      }
      panel.select<SVGGElement>('g.x.axis').attr('transform', `translate(0,${bottom})`).call(d3.axisBottom(x).ticks(8).tickSizeOuter(0));
      panel.select<SVGGElement>('g.y.axis').attr('transform', `translate(${M.left},0)`).call(yAxis);
      panel
        .select('text.ylabel')
        .attr('transform', `translate(12,${(top + bottom) / 2}) rotate(-90)`)
        .attr('text-anchor', 'middle')
        .text(symlog ? `${g.label}, symlog` : g.label);
      panel
        .select('line.threshold')
        .attr('display', threshold === undefined ? 'none' : null)
        .attr('x1', M.left)
        .attr('x2', w - M.right)
        .attr('y1', threshold === undefined ? 0 : y(threshold))
        .attr('y2', threshold === undefined ? 0 : y(threshold));
      panel
        .select('text.threshold-label')
        .attr('display', threshold === undefined ? 'none' : null)
        .attr('x', w - M.right - 4)
        .attr('y', threshold === undefined ? 0 : y(threshold) - 4)
        .attr('text-anchor', 'end')
        .text(threshold === undefined ? '' : `threshold ${d3.format('.3~g')(threshold)}`);
      const line = d3
        .line<[number, number]>()
        .x((d) => x(d[0]))
        .y((d) => y(d[1]));
      panel
        .select('g.lines')
        .selectAll<SVGPathElement, { probe: number; pts: Array<[number, number]> }>('path')
        .data(lines, (d) => String(d.probe))
        .join('path')
        .attr('fill', 'none')
        .attr('stroke', (d) => PALETTE[d.probe % PALETTE.length])
        .attr('stroke-width', 1.5)
        .attr('d', (d) => line(d.pts) ?? '');
    });
    this.points = points;
    this.legend.innerHTML = '';
    data.run?.probes.forEach((p, i) => {
      const item = document.createElement('span');
      item.className = 'legend-item';
      // No inline style attributes: the page's CSP forbids them; CSSOM properties are allowed.
      const swatch = document.createElement('i');
      swatch.style.background = PALETTE[i % PALETTE.length];
      item.append(swatch, document.createTextNode(p.name));
      this.legend.append(item);
    });
  }

  /** Probe values at the time under the pointer (nearest sample at or before it). */
  readout(data: RunData, px: number): string | null {
    if (!data.run || px < M.left) return null;
    const t = this.xScale.invert(px);
    const parts = [`t = ${t.toFixed(3)} s`];
    data.run.probes.forEach((p, i) => {
      const s = data.probes[i];
      const k = s ? lowerBound(s.t, s.n, t) : 0;
      if (!s || s.n === 0) return;
      const j = Math.max(0, Math.min(s.n - 1, s.t[k] === t ? k : k - 1));
      const v = s.v[j];
      parts.push(`${p.name}: ${p.unit === 'A' ? `${d3.format('.4~g')(v * 1e9)} nA` : `${d3.format('.4~g')(v)} ${p.unit}`}`);
    });
    return parts.join('   ');
  }

  /** The panels as a standalone SVG document. */
  toSVG(): string {
    const clone = this.svgEl.cloneNode(true) as SVGSVGElement;
    clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
    clone.setAttribute('width', String(this.svgEl.clientWidth));
    clone.setAttribute('height', String(this.svgEl.clientHeight));
    const style = document.createElementNS('http://www.w3.org/2000/svg', 'style');
    style.textContent =
      'text{font:11px sans-serif;fill:#333}.domain,.tick line{stroke:#888}.tick text{fill:#333}line.threshold{stroke:#d33;stroke-dasharray:6 4}';
    clone.insertBefore(style, clone.firstChild);
    const bg = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
    bg.setAttribute('width', '100%');
    bg.setAttribute('height', '100%');
    bg.setAttribute('fill', 'white');
    clone.insertBefore(bg, style.nextSibling);
    return new XMLSerializer().serializeToString(clone);
  }
}
