/**
 * View state (what the controls show) as an immutable value updated with
 * immer: each change produces a new state and the listeners re-render from
 * it. The bulk data (spikes, samples) lives in RunData, outside the store.
 */
import { produce, type Draft } from 'immer';
import type { RunInfo, ScenarioInfo, StatusMessage } from '../src/server/protocol.ts';

export type ConnectionState = 'connecting' | 'open' | 'closed';

export interface Notice {
  readonly kind: 'error' | 'info';
  readonly text: string;
}

export interface ViewState {
  readonly connection: ConnectionState;
  readonly scenarios: readonly ScenarioInfo[];
  readonly selected: string | null;
  /** Raw form text per parameter key (validated by the server). */
  readonly paramText: Readonly<Record<string, string>>;
  readonly seed: number;
  /** Simulated seconds per wall second; null = as fast as possible. */
  readonly pace: number | null;
  /** Width of the scrolling time window (simulated s). */
  readonly windowS: number;
  readonly run: RunInfo | null;
  readonly status: StatusMessage | null;
  readonly notice: Notice | null;
  readonly maxRuns: number;
}

export const initialView: ViewState = {
  connection: 'connecting',
  scenarios: [],
  selected: null,
  paramText: {},
  seed: 1,
  pace: 1,
  windowS: 10,
  run: null,
  status: null,
  notice: null,
  maxRuns: 0,
};

type Listener = (next: ViewState, prev: ViewState) => void;

export class Store {
  private value: ViewState = initialView;
  private readonly listeners: Listener[] = [];

  get state(): ViewState {
    return this.value;
  }

  update(recipe: (draft: Draft<ViewState>) => void): void {
    const prev = this.value;
    const next = produce(prev, recipe);
    if (next === prev) return;
    this.value = next;
    for (const l of this.listeners) l(next, prev);
  }

  subscribe(l: Listener): void {
    this.listeners.push(l);
  }
}

/** Form text for each parameter of a scenario, from its defaults. */
export function defaultParamText(s: ScenarioInfo | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of s?.params ?? []) out[p.key] = String(p.default);
  return out;
}
