/**
 * Live interaction: a circuit file from the user's disk run live (its text
 * goes over the socket; the server validates it), and stimulation of a
 * circuit run: click or drag on the map applies a touch or noxious pulse at
 * the cell (amplitude, width and radius from the panel), a slider scales a
 * named stimulus of the circuit. The server answers each stimulation with
 * its log entry (the simulated time it chose); the page keeps the log and
 * exports it for `memspike run CIRCUIT --seed N --stimulation LOG`.
 */
import type { ClientMessage, RunInfo, StimulationEntry } from '../src/server/protocol.ts';
import { MAX_CIRCUIT_MESSAGE_BYTES, stimulationLogJson } from '../src/server/interaction.ts';
import { $ } from './controls.ts';

/** Drag: at most one stimulation per this many wall ms (the server allows 10 a second). */
const DRAG_INTERVAL_MS = 120;

const DEFAULTS = {
  touch: { amplitudeV: 2, widthS: 0.5, radius: 1.5 },
  noxious: { amplitudeV: 7, widthS: 1, radius: 1.5 },
} as const;

export interface InteractHost {
  /** Sends a message as it goes on the wire (stimulate: flat fields, see interaction.ts). */
  send(msg: ClientMessage | ({ type: 'stimulate' } & Record<string, unknown>)): void;
  notice(kind: 'error' | 'info', text: string): void;
  /** Grid cell under a client point of the map, or null. */
  cellAt(clientX: number, clientY: number): { x: number; y: number } | null;
}

export class Interaction {
  run: RunInfo | null = null;
  readonly log: StimulationEntry[] = [];
  private dragging = false;
  private lastCell = '';
  private lastSendMs = 0;

  constructor(private readonly host: InteractHost) {
    $<HTMLInputElement>('circuit-file').addEventListener('change', (e) => void this.openFile((e.target as HTMLInputElement).files?.[0] ?? null));
    $<HTMLSelectElement>('stim-kind').addEventListener('change', () => this.applyDefaults());
    this.applyDefaults();
    const map = $('heatmap');
    map.addEventListener('pointerdown', (e) => {
      if (!this.run?.interaction || e.button !== 0) return;
      this.dragging = true;
      this.lastCell = '';
      map.setPointerCapture(e.pointerId);
      this.pointer(e, true);
    });
    map.addEventListener('pointermove', (e) => {
      if (this.dragging) this.pointer(e, false);
    });
    const end = (): void => {
      this.dragging = false;
    };
    map.addEventListener('pointerup', end);
    map.addEventListener('pointercancel', end);
    this.render();
  }

  private applyDefaults(): void {
    const d = DEFAULTS[$<HTMLSelectElement>('stim-kind').value as 'touch' | 'noxious'] ?? DEFAULTS.touch;
    $<HTMLInputElement>('stim-amplitude').value = String(d.amplitudeV);
    $<HTMLInputElement>('stim-width').value = String(d.widthS);
    $<HTMLInputElement>('stim-radius').value = String(d.radius);
  }

  async openFile(f: File | null): Promise<void> {
    if (!f) return;
    if (f.size > MAX_CIRCUIT_MESSAGE_BYTES - 4096) {
      this.host.notice('error', `${f.name}: ${f.size} bytes; a circuit sent from the page may have at most ${MAX_CIRCUIT_MESSAGE_BYTES - 4096} bytes (run a larger one with memspike serve --circuit)`);
      return;
    }
    const text = await f.text();
    const pace = $<HTMLSelectElement>('pace').value;
    this.host.send({ type: 'start-circuit', file: f.name.slice(0, 200).replace(/[\\/\u0000-\u001f]/g, '_'), text, pace: pace === 'max' ? null : Number(pace) });
    $<HTMLInputElement>('circuit-file').value = '';
  }

  private pointer(e: PointerEvent, first: boolean): void {
    const cell = this.host.cellAt(e.clientX, e.clientY);
    if (!cell) return;
    const key = `${cell.x},${cell.y}`;
    const now = performance.now();
    if (key === this.lastCell || (!first && now - this.lastSendMs < DRAG_INTERVAL_MS)) return;
    this.lastCell = key;
    this.lastSendMs = now;
    this.stimulateAt(cell.x, cell.y);
  }

  /** A touch or noxious pulse centred on cell (x, y) of the chosen grid, as the panel sets it. */
  stimulateAt(x: number, y: number): void {
    const grid = this.run?.interaction?.grids.find((g) => g.name === $<HTMLSelectElement>('stim-population').value) ?? this.run?.interaction?.grids[0];
    if (!grid) return;
    const num = (id: string): number => Number($<HTMLInputElement>(id).value);
    this.host.send({
      type: 'stimulate',
      kind: $<HTMLSelectElement>('stim-kind').value,
      population: grid.name,
      cx: x,
      cy: y,
      radius: num('stim-radius'),
      amplitudeV: num('stim-amplitude'),
      widthS: num('stim-width'),
    });
  }

  /** A new run (or a reset): the log starts empty. */
  started(run: RunInfo): void {
    this.run = run;
    this.log.length = 0;
    this.render();
  }

  added(index: number, entry: StimulationEntry, receptors: number): void {
    this.log[index] = entry;
    this.renderLog();
    if (entry.kind !== 'amplitude') this.host.notice('info', `${entry.kind} on ${receptors} receptors of "${entry.population}" at t = ${entry.tS.toFixed(2)} s`);
  }

  exportLog(): string {
    return stimulationLogJson(this.run?.interaction?.circuit ?? 'circuit', this.run?.seed ?? 0, this.log);
  }

  /** Spots of the stimulations active at simulated time t (for the map). */
  activeSpots(tS: number): Array<{ population: string; cx: number; cy: number; r: number; kind: string }> {
    return this.log
      .filter((e) => e.kind !== 'amplitude' && e.cx !== undefined && tS >= e.tS - 0.05 && tS <= e.tS + (e.widthS ?? 0))
      .map((e) => ({ population: e.population!, cx: e.cx!, cy: e.cy!, r: e.radius!, kind: e.kind }));
  }

  private render(): void {
    const info = this.run?.interaction ?? null;
    $('stimulate').hidden = info === null;
    if (!info) return;
    const pop = $<HTMLSelectElement>('stim-population');
    pop.replaceChildren(...info.grids.map((g) => new Option(`${g.name} (${g.width} x ${g.height})`, g.name)));
    $<HTMLInputElement>('stim-amplitude').max = String(info.limits.maxAmplitudeV);
    $<HTMLInputElement>('stim-width').max = String(info.limits.maxWidthS);
    $<HTMLInputElement>('stim-radius').max = String(info.limits.maxRadius);
    const box = $('stim-sliders');
    box.replaceChildren(
      ...info.stimuli.map((name) => {
        const label = document.createElement('label');
        label.className = 'row';
        const text = document.createElement('span');
        text.textContent = name;
        const range = document.createElement('input');
        range.type = 'range';
        range.min = '0';
        range.max = String(Math.min(3, info.limits.maxFactor));
        range.step = '0.05';
        range.value = '1';
        range.dataset.stimulus = name;
        const val = document.createElement('span');
        val.className = 'factor';
        val.textContent = '× 1.00';
        range.addEventListener('input', () => (val.textContent = `× ${Number(range.value).toFixed(2)}`));
        range.addEventListener('change', () => this.host.send({ type: 'stimulate', kind: 'amplitude', stimulus: name, factor: Number(range.value) }));
        label.append(text, range, val);
        return label;
      }),
    );
    this.renderLog();
  }

  private renderLog(): void {
    $('stim-count').textContent = `${this.log.length} stimulation${this.log.length === 1 ? '' : 's'}`;
    const list = $('stim-log');
    list.replaceChildren(
      ...this.log.slice(-6).map((e) => {
        const li = document.createElement('li');
        li.textContent =
          e.kind === 'amplitude' ? `${e.tS.toFixed(2)} s · ${e.stimulus} × ${e.factor}` : `${e.tS.toFixed(2)} s · ${e.kind} (${e.cx}, ${e.cy}) r ${e.radius} · ${e.amplitudeV} V · ${e.widthS} s`;
        return li;
      }),
    );
    $<HTMLButtonElement>('export-stimulation').disabled = this.log.length === 0;
  }
}
