/**
 * The LTP/LTD protocol of the article (Fig. 3b, S2, S3): per cycle, a train of
 * potentiating pulses then a train of depressing pulses, each pulse followed
 * by its interval at the read bias. The conductance is read at the end of
 * every interval (see pulse-reads.ts) and once before the first pulse, after a
 * lead-in of one interval at the read bias.
 *
 * Cycles are driven one after another from the state the previous one left;
 * with `deviceForCycle` each cycle may use its own drawn device
 * (cycle-to-cycle variation). The model's closed form composes exactly, so
 * splitting the run at cycle boundaries changes nothing but rounding.
 */
import { driveDevice, PULSE_COLUMNS, traceColumns } from '../devices/drive.ts';
import type { BatchSink } from '../sinks/types.ts';
import type { CompiledDevice } from '../devices/types.ts';
import { pulseBlocks, type PulseBlock } from '../protocols/blocks.ts';
import { ColumnTable } from '../record/table.ts';
import { ConductanceReadPicker, conductanceReads, readTimesAfterPulses } from './pulse-reads.ts';

export interface LtpLtdSpec {
  readonly potentiateV: number;
  readonly depressV: number;
  readonly widthS: number;
  readonly intervalS: number;
  /** Pulses per train (LTP and LTD each); 0 depressing pulses gives an LTP train only. */
  readonly ltpPulses: number;
  readonly ltdPulses: number;
  readonly cycles: number;
  readonly readV: number;
  /** Interval of the regular trace samples (s). */
  readonly sampleIntervalS: number;
}

/**
 * Where the tables go as the run produces them, instead of being kept: the
 * trace in batches (columns of traceColumns), each cycle's pulse rows at its
 * end. The result's trace and pulses are then left empty.
 */
export interface LtpLtdOutputs {
  readonly trace: BatchSink;
  readonly pulses: BatchSink;
  /** Called after each cycle with the number of cycles done. */
  readonly onCycle?: (done: number) => void;
}

export interface LtpLtdResult {
  readonly trace: ColumnTable;
  readonly pulses: ColumnTable;
  /** reads[0]: before the first pulse; reads[j]: after pulse j (1-based, global). */
  readonly reads: Float64Array;
  /** Time of each read (s). */
  readonly readTimesS: Float64Array;
  /** Per cycle: the LTP branch (ltpPulses + 1 reads, starting with the read before it) and the LTD branch. */
  readonly cycles: readonly { readonly ltp: Float64Array; readonly ltd: Float64Array }[];
  readonly eventsDispatched: number;
}

export function runLtpLtd(deviceForCycle: (cycle: number) => CompiledDevice, spec: LtpLtdSpec, outputs?: LtpLtdOutputs): LtpLtdResult {
  const { widthS, intervalS, ltpPulses, ltdPulses, cycles, readV } = spec;
  if (!Number.isInteger(cycles) || cycles < 1) throw new Error(`LTP/LTD: cycles must be a whole number >= 1, got ${cycles}`);
  if (!Number.isInteger(ltpPulses) || ltpPulses < 1) throw new Error(`LTP/LTD: ltpPulses must be a whole number >= 1, got ${ltpPulses}`);
  if (!Number.isInteger(ltdPulses) || ltdPulses < 0) throw new Error(`LTP/LTD: ltdPulses must be a whole number >= 0, got ${ltdPulses}`);
  const blocks: PulseBlock[] = [{ amplitudeV: spec.potentiateV, widthS, intervalS, count: ltpPulses }];
  if (ltdPulses > 0) blocks.push({ amplitudeV: spec.depressV, widthS, intervalS, count: ltdPulses });
  const perCycle = ltpPulses + ltdPulses;
  const cycleS = perCycle * (widthS + intervalS);
  const leadS = intervalS > 0 ? intervalS : widthS;

  let trace: ColumnTable | null = null;
  let traceBuffer: ColumnTable | undefined;
  const pulses = new ColumnTable([...PULSE_COLUMNS], outputs ? 1 : cycles * perCycle);
  const reads = new Float64Array(cycles * perCycle + 1);
  const readTimes = new Float64Array(cycles * perCycle + 1);
  let state: Float64Array | undefined;
  let events = 0;
  for (let c = 0; c < cycles; c++) {
    const device = deviceForCycle(c);
    const startS = leadS + c * cycleS;
    const wave = pulseBlocks(blocks, { startS, beginS: c === 0 ? 0 : startS, readV });
    const times = readTimesAfterPulses(wave.pulses, new Float64Array(wave.pulses.length).fill(intervalS));
    const wanted = c === 0 ? [leadS, ...times] : times;
    let got: Float64Array;
    if (outputs) {
      const picker = new ConductanceReadPicker(wanted, readV);
      // The first row of a later cycle repeats the last row of the one before.
      let skip = c === 0 ? 0 : 1;
      const onTraceBatch = (t: ColumnTable): void => {
        picker.feed(t);
        outputs.trace.rows(t.rawColumns(), Math.min(skip, t.rows), t.rows);
        skip = 0;
      };
      traceBuffer ??= new ColumnTable(traceColumns(device), 8192);
      const r = driveDevice(device, wave, { sampleIntervalS: spec.sampleIntervalS, initialState: state, onTraceBatch, traceBuffer, traceBatchRows: 8192 });
      state = r.finalState;
      events += r.eventsDispatched;
      if (trace === null) trace = new ColumnTable(traceColumns(device), 1);
      for (let row = 0; row < r.pulses.rows; row++) r.pulses.set(row, 0, c * perCycle + row);
      outputs.pulses.rows(r.pulses.rawColumns(), 0, r.pulses.rows);
      got = picker.finish();
    } else {
      const r = driveDevice(device, wave, { sampleIntervalS: spec.sampleIntervalS, initialState: state });
      state = r.finalState;
      events += r.eventsDispatched;
      if (trace === null) trace = new ColumnTable(r.trace.columns, r.trace.rows * cycles + 16);
      for (let row = c === 0 ? 0 : 1; row < r.trace.rows; row++) copyRow(r.trace, row, trace);
      for (let row = 0; row < r.pulses.rows; row++) {
        const to = copyRow(r.pulses, row, pulses);
        pulses.set(to, 0, c * perCycle + row);
      }
      got = conductanceReads(r.trace, wanted, readV);
    }
    reads.set(got, c === 0 ? 0 : 1 + c * perCycle);
    readTimes.set(wanted, c === 0 ? 0 : 1 + c * perCycle);
    outputs?.onCycle?.(c + 1);
  }
  const byCycle = [];
  for (let c = 0; c < cycles; c++) {
    const o = c * perCycle;
    byCycle.push({ ltp: reads.slice(o, o + ltpPulses + 1), ltd: reads.slice(o + ltpPulses, o + perCycle + 1) });
  }
  return { trace: trace as ColumnTable, pulses, reads, readTimesS: readTimes, cycles: byCycle, eventsDispatched: events };
}

function copyRow(from: ColumnTable, row: number, to: ColumnTable): number {
  const r = to.addRow();
  for (let c = 0; c < from.columns.length; c++) to.set(r, c, from.get(row, c));
  return r;
}
