/**
 * memspike live viewer: wires the socket, the view state, the data buffers
 * and the views, and redraws on animation frames when something changed.
 * `window.memspikeViewer.stats()` reports what the page holds and drew (used
 * by the end-to-end test).
 */
import { PROTOCOL_VERSION, type ClientMessage, type ServerMessage } from '../src/server/protocol.ts';
import { StateBandView } from './band.ts';
import { stateColor } from './canvas.ts';
import { Connection } from './connection.ts';
import { $, formatWindow, paramValues, renderControls, renderStats, selectScenario } from './controls.ts';
import { RunData } from './data.ts';
import { HeatMapView } from './heatmap.ts';
import { Interaction } from './interact.ts';
import { RasterView } from './raster.ts';
import { Store } from './store.ts';
import { TracesView } from './traces.ts';

const STEP_S = 0.05;
const store = new Store();
const data = new RunData();
const raster = new RasterView($<HTMLCanvasElement>('raster'));
const band = new StateBandView($<HTMLCanvasElement>('band'));
const heat = new HeatMapView($<HTMLCanvasElement>('heatmap'));
const traces = new TracesView($('traces') as unknown as SVGSVGElement, $('trace-legend'));
let dirty = true;

function notice(kind: 'error' | 'info', text: string): void {
  store.update((d) => {
    d.notice = { kind, text };
  });
}

function onMessage(m: ServerMessage): void {
  switch (m.type) {
    case 'welcome': {
      if (m.protocol !== PROTOCOL_VERSION) {
        notice('error', `The server speaks protocol ${m.protocol}, this page ${PROTOCOL_VERSION}: reload the page.`);
        return;
      }
      const wanted = new URLSearchParams(location.search).get('scenario') ?? m.defaultScenario;
      store.update((d) => {
        d.scenarios = m.scenarios as typeof d.scenarios;
        d.maxRuns = m.limits.maxRuns;
        d.notice = m.scenarios.length === 0 ? { kind: 'info', text: 'This server offers no scenario with a live view.' } : null;
      });
      const keep = store.state.selected && m.scenarios.some((s) => s.name === store.state.selected);
      const pick = keep ? store.state.selected! : (m.scenarios.find((s) => s.name === wanted) ?? m.scenarios[0])?.name;
      if (pick && pick !== store.state.selected) selectScenario(store, pick);
      break;
    }
    case 'started':
      data.reset(m.run);
      interaction.started(m.run);
      store.update((d) => {
        d.run = m.run as typeof d.run;
        d.notice = null;
      });
      dirty = true;
      break;
    case 'status':
      store.update((d) => {
        d.status = m;
        d.pace = m.pace;
      });
      data.simTimeS = m.simTimeS;
      dirty = true;
      break;
    case 'stopped':
      store.update((d) => {
        d.status = null;
      });
      break;
    case 'error':
      notice('error', m.code === 'capacity' ? `Refused: ${m.message}` : `${m.code}: ${m.message}`);
      break;
    case 'stimulation':
      interaction.added(m.index, m.entry, m.receptors);
      dirty = true;
      break;
    case 'pong':
      break;
  }
}

const connection = new Connection({
  open: () =>
    store.update((d) => {
      d.connection = 'open';
      if (d.notice?.text.startsWith('The server')) d.notice = null;
    }),
  message: onMessage,
  batch: (b) => {
    data.append(b);
    dirty = true;
  },
  closed: (retryS, code, reason) =>
    store.update((d) => {
      d.connection = 'closed';
      d.status = d.status ? { ...d.status, state: 'paused' } : null;
      d.notice =
        code === 4000 || code === 4008
          ? { kind: code === 4000 ? 'info' : 'error', text: `The server closed the connection: ${reason}. Reconnecting${retryS ? ` in ${retryS} s` : ''}…` }
          : { kind: 'error', text: `The server is gone (connection closed); its run ended. Reconnecting in ${retryS} s…` };
    }),
});

function send(msg: ClientMessage): void {
  if (!connection.send(msg)) notice('error', 'Not connected to the server.');
}

const interaction = new Interaction({
  send: (msg) => send(msg as ClientMessage),
  notice,
  cellAt: (cx, cy) => {
    const r = $('heatmap').getBoundingClientRect();
    return heat.at(cx - r.left, cy - r.top, data);
  },
});

store.subscribe((next, prev) => {
  renderControls(store, next, prev);
  dirty = true;
});
renderControls(store, store.state, null);

$<HTMLSelectElement>('scenario').addEventListener('change', (e) => selectScenario(store, (e.target as HTMLSelectElement).value));
$('params').addEventListener('submit', (e) => e.preventDefault());
$('start').addEventListener('click', () => {
  const s = store.state;
  if (!s.selected) return;
  const seed = Number($<HTMLInputElement>('seed').value);
  send({ type: 'start', scenario: s.selected, params: paramValues(s), seed: Number.isInteger(seed) && seed >= 0 ? seed : 1, pace: s.pace });
});
$('pause').addEventListener('click', () => send({ type: 'pause' }));
$('resume').addEventListener('click', () => send({ type: 'resume' }));
$('step').addEventListener('click', () => send({ type: 'step', dtS: STEP_S }));
$('reset').addEventListener('click', () => send({ type: 'reset' }));
$<HTMLSelectElement>('pace').addEventListener('change', (e) => {
  const v = (e.target as HTMLSelectElement).value;
  const pace = v === 'max' ? null : Number(v);
  store.update((d) => {
    d.pace = pace;
  });
  if (store.state.run) send({ type: 'pace', pace });
});
$<HTMLInputElement>('window').addEventListener('input', (e) => {
  const w = 10 ** Number((e.target as HTMLInputElement).value);
  store.update((d) => {
    d.windowS = w;
  });
  $('window-val').textContent = formatWindow(w);
});

// Mouse wheel over a time view zooms the window (same range as the slider).
for (const id of ['raster', 'traces', 'band']) {
  $(id).addEventListener(
    'wheel',
    (e) => {
      e.preventDefault();
      const w = Math.min(1000, Math.max(0.1, store.state.windowS * Math.pow(1.15, Math.sign(e.deltaY))));
      store.update((d) => {
        d.windowS = w;
      });
    },
    { passive: false },
  );
}

// ---- export ------------------------------------------------------------------
function download(name: string, text: string, type: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type }));
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}
const base = (): string => `${store.state.run?.scenario ?? 'memspike'}-seed${store.state.run?.seed ?? 0}`;
$('export-spikes').addEventListener('click', () => download(`${base()}-spikes.csv`, data.spikesCSV(), 'text/csv'));
$('export-probes').addEventListener('click', () => download(`${base()}-probes.csv`, data.probesCSV(), 'text/csv'));
$('export-states').addEventListener('click', () => download(`${base()}-states.csv`, data.statesCSV(), 'text/csv'));
$('export-raster').addEventListener('click', () => {
  const [t0, t1] = timeWindow();
  download(`${base()}-raster.svg`, raster.toSVG(data, t0, t1), 'image/svg+xml');
});
$('export-traces').addEventListener('click', () => download(`${base()}-traces.svg`, traces.toSVG(), 'image/svg+xml'));
$('export-stimulation').addEventListener('click', () => download(`${base()}-stimulation.json`, interaction.exportLog(), 'application/json'));

// ---- hover read-outs --------------------------------------------------------------
function local(e: MouseEvent): [number, number] {
  const r = (e.currentTarget as Element).getBoundingClientRect();
  return [e.clientX - r.left, e.clientY - r.top];
}
$('raster').addEventListener('mousemove', (e) => {
  const hit = raster.at(...local(e));
  $('raster-readout').textContent = hit ? `t = ${hit.tS.toFixed(3)} s · neuron ${hit.neuron}` : '';
});
$('traces').addEventListener('mousemove', (e) => {
  $('trace-readout').textContent = traces.readout(data, local(e)[0]) ?? '';
});
$('heatmap').addEventListener('mousemove', (e) => {
  const hit = heat.at(...local(e), data);
  const names = data.run?.stateNames ?? [];
  $('map-readout').textContent = hit ? `cell (${hit.x}, ${hit.y}) · neuron ${hit.neuron} · ${names[data.current[hit.neuron]] ?? data.current[hit.neuron]}` : '';
});
for (const id of ['raster', 'traces', 'heatmap']) {
  $(id).addEventListener('mouseleave', () => {
    $(`${id === 'heatmap' ? 'map' : id === 'traces' ? 'trace' : id}-readout`).textContent = '';
  });
}

// ---- drawing ---------------------------------------------------------------------
function timeWindow(): [number, number] {
  const w = store.state.windowS;
  const t1 = Math.max(data.simTimeS, w);
  return [t1 - w, t1];
}

function stateLegend(): void {
  const names = data.run?.stateNames ?? [];
  // Built node by node: the page's CSP forbids inline style attributes (and names are text, not markup).
  for (const id of ['state-legend', 'band-legend']) {
    $(id).replaceChildren(...names.map((n, i) => legendItem(stateColor(names, i), n)));
  }
}

function legendItem(color: string, label: string): HTMLElement {
  const item = document.createElement('span');
  item.className = 'legend-item';
  const swatch = document.createElement('i');
  swatch.style.background = color;
  item.append(swatch, document.createTextNode(label));
  return item;
}

let lastLegendRun = -1;
/** Smoothed time (ms) the views take to draw one frame. */
let drawMs = 0;
let lastStats = 0;
new ResizeObserver(() => {
  dirty = true;
}).observe($('views'));

function frame(nowMs: number): void {
  const running = store.state.status?.state === 'running';
  const f0 = performance.now();
  if (dirty) {
    const [t0, t1] = timeWindow();
    raster.draw(data, t0, t1);
    traces.draw(data, t0, t1);
    band.draw(data, t0, t1);
    if ((data.run?.runId ?? -1) !== lastLegendRun) {
      lastLegendRun = data.run?.runId ?? -1;
      stateLegend();
    }
  }
  if (dirty || running) heat.draw(data, nowMs, interaction.activeSpots(data.simTimeS));
  if (dirty || running) drawMs = 0.9 * drawMs + 0.1 * (performance.now() - f0);
  if (dirty || nowMs - lastStats > 250) {
    renderStats(store.state, data, { spikes: raster.drawn, points: traces.points, drawMs });
    lastStats = nowMs;
  }
  dirty = false;
  requestAnimationFrame(frame);
}
requestAnimationFrame(frame);
connection.connect();

(window as unknown as { memspikeViewer: unknown }).memspikeViewer = {
  stats: () => ({
    connection: store.state.connection,
    state: store.state.status?.state ?? null,
    scenario: store.state.run?.scenario ?? null,
    simTimeS: data.simTimeS,
    batches: data.batches,
    spikesHeld: data.spikes.n,
    spikesDrawn: raster.drawn,
    samplesHeld: data.probes.reduce((a, s) => a + s.n, 0),
    samplesSkipped: data.skippedSamples,
    tracePoints: traces.points,
    statesHeld: data.nStates,
    bandSegments: band.segments,
    notice: store.state.notice?.text ?? null,
    drawMs,
    stimulations: interaction.log.length,
  }),
  /** Page coordinates of the centre of map cell (x, y). */
  cellCentre: (x: number, y: number): [number, number] => {
    const r = $('heatmap').getBoundingClientRect();
    const [px, py] = heat.cellCentre(x, y);
    return [r.left + px, r.top + py];
  },
};
