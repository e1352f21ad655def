/**
 * The control panel: scenario picker and its parameter form (built from the
 * server's ParamSpec list), run buttons, speed and window, status read-outs
 * and notices. Renders from the immer view state; user input goes back
 * through Store.update.
 */
import type { ParamSpec } from '../src/harness/types.ts';
import type { RunData } from './data.ts';
import { defaultParamText, type Store, type ViewState } from './store.ts';

export const $ = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`viewer: element #${id} is missing from index.html`);
  return el as T;
};

export function formatWindow(s: number): string {
  return s >= 1 ? `${+s.toPrecision(3)} s` : `${+(s * 1000).toPrecision(3)} ms`;
}

function paramInput(p: ParamSpec, text: string, onChange: (v: string) => void): HTMLElement {
  const label = document.createElement('label');
  label.title = p.description + (p.min !== undefined || p.max !== undefined ? ` [${p.min ?? ''} .. ${p.max ?? ''}]` : '');
  const name = document.createElement('span');
  name.textContent = p.key;
  if (p.unit) {
    const u = document.createElement('span');
    u.className = 'unit';
    u.textContent = p.unit;
    name.append(u);
  }
  label.append(name);
  let input: HTMLInputElement | HTMLSelectElement;
  if (p.type === 'enum') {
    input = document.createElement('select');
    for (const c of p.choices ?? []) input.append(new Option(c, c, false, c === text));
    input.addEventListener('change', () => onChange(input.value));
  } else if (p.type === 'boolean') {
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.checked = text === 'true';
    box.addEventListener('change', () => onChange(String(box.checked)));
    input = box;
  } else {
    const box = document.createElement('input');
    box.type = 'text';
    box.value = text;
    box.addEventListener('input', () => onChange(box.value));
    input = box;
  }
  input.dataset.param = p.key;
  label.append(input);
  return label;
}

/** Parameter values to send: numbers where the text is a number (the server validates everything). */
export function paramValues(state: ViewState): Record<string, number | boolean | string> {
  const s = state.scenarios.find((x) => x.name === state.selected);
  const out: Record<string, number | boolean | string> = {};
  for (const p of s?.params ?? []) {
    const text = state.paramText[p.key] ?? String(p.default);
    if (text === String(p.default)) continue;
    if (p.type === 'boolean') out[p.key] = text === 'true';
    else if ((p.type === 'number' || p.type === 'integer') && text.trim() !== '' && Number.isFinite(Number(text))) out[p.key] = Number(text);
    else out[p.key] = text;
  }
  return out;
}

export function renderControls(store: Store, next: ViewState, prev: ViewState | null): void {
  const conn = $('conn');
  conn.className = `pill ${next.connection}`;
  conn.textContent = next.connection === 'open' ? 'connected' : next.connection === 'connecting' ? 'connecting…' : 'server gone';
  if (!prev || next.scenarios !== prev.scenarios || next.selected !== prev.selected) {
    const sel = $<HTMLSelectElement>('scenario');
    sel.innerHTML = '';
    for (const s of next.scenarios) sel.append(new Option(`${s.name}${s.figure ? ` (${s.figure})` : ''}`, s.name, false, s.name === next.selected));
    if (next.scenarios.length === 0) sel.append(new Option('no live scenarios on this server', ''));
    const info = next.scenarios.find((s) => s.name === next.selected);
    $('scenario-desc').textContent = info ? info.title : '';
    const form = $('params');
    form.innerHTML = '';
    const text = next.paramText;
    for (const p of info?.params ?? []) {
      form.append(
        paramInput(p, text[p.key] ?? String(p.default), (v) =>
          store.update((d) => {
            d.paramText[p.key] = v;
          }),
        ),
      );
    }
  }
  const state = next.status?.state;
  const open = next.connection === 'open';
  $<HTMLButtonElement>('start').disabled = !open || !next.selected;
  $<HTMLButtonElement>('pause').disabled = !open || state !== 'running';
  $<HTMLButtonElement>('resume').disabled = !open || !(state === 'paused' || state === 'ready');
  $<HTMLButtonElement>('step').disabled = !open || !(state === 'paused' || state === 'ready');
  $<HTMLButtonElement>('reset').disabled = !open || !next.run;
  $<HTMLSelectElement>('pace').value = next.pace === null ? 'max' : String(next.pace);
  $<HTMLInputElement>('window').value = String(Math.log10(next.windowS));
  $('window-val').textContent = formatWindow(next.windowS);
  const notice = $('notice');
  notice.hidden = !next.notice;
  notice.className = `notice ${next.notice?.kind ?? ''}`;
  notice.textContent = next.notice?.text ?? '';
  $('views').classList.toggle('no-grid', !next.run?.grid);
}

export function renderStats(state: ViewState, data: RunData, drawn: { spikes: number; points: number; drawMs: number }): void {
  const st = state.status?.state ?? (state.run ? 'ready' : 'idle');
  const run = state.run;
  $('run-meta').textContent = run
    ? `${run.scenario} · seed ${run.seed} · t = ${data.simTimeS.toFixed(3)} / ${run.durationS} s · ${st}`
    : 'no run: pick a scenario and press Start';
  const rows: Array<[string, string]> = [
    ['state', st],
    ['sim time', `${data.simTimeS.toFixed(3)} s`],
    ['events', data.events.toLocaleString('en-US')],
    ['events / s', Math.round(data.eventsPerS).toLocaleString('en-US')],
    ['spikes held', data.spikes.n.toLocaleString('en-US')],
    ['spikes drawn', drawn.spikes.toLocaleString('en-US')],
    ['trace points', drawn.points.toLocaleString('en-US')],
    ['state changes', data.nStates.toLocaleString('en-US')],
    ['sample decimation', `1 / ${data.decimation}`],
    ['draw time', `${drawn.drawMs.toFixed(1)} ms / frame`],
  ];
  $('stats').innerHTML = rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('');
}

export function selectScenario(store: Store, name: string): void {
  store.update((d) => {
    d.selected = name;
    d.paramText = defaultParamText(d.scenarios.find((s) => s.name === name));
  });
}
