/**
 * The standard outputs of a network run, streamed: spikes.csv, probes.csv and
 * states.csv are written as the run goes (CsvStream, through the recorder's
 * batches), while only what the metrics and figures need is kept, bounded:
 * spike counts per neuron and per time window (SpikeTally), the raster's
 * spikes (RasterKeep), thinned probe traces (TraceKeep). State changes are
 * kept whole as well (a few per neuron over a protocol; the metrics replay
 * them).
 */
import { SpikeRecorder, SAMPLE_COLUMNS, SPIKE_COLUMNS, STATE_COLUMNS } from '../network/recorder.ts';
import type { CsvStreams } from '../record/csv-stream.ts';
import { ColumnTable } from '../record/table.ts';
import { RasterKeep } from '../sinks/raster-keep.ts';
import { SpikeTally, type TimeWindow } from '../sinks/spike-tally.ts';
import { TableKeep, TraceKeep } from '../sinks/trace-keep.ts';
import type { BatchSink, LiveSink } from '../sinks/types.ts';
import { csvStreams, type OutputTarget } from './output.ts';

export interface StreamedFiles {
  /** File names, or false for no file (default spikes.csv, probes.csv, states.csv). */
  readonly spikes?: string | false;
  readonly samples?: string | false;
  readonly states?: string | false;
}

export interface StreamedNetworkOptions {
  /** Neurons of the network (global indices 0..neurons-1). */
  readonly neurons: number;
  readonly durationS: number;
  /** Time windows to count spikes in (e.g. protocol phases). */
  readonly windows?: readonly TimeWindow[];
  readonly files?: StreamedFiles;
  /** Another sink fed every event as well (e.g. a live viewer). */
  readonly next?: LiveSink | null;
}

export class StreamedNetworkOutputs {
  readonly streams: CsvStreams;
  readonly rec: SpikeRecorder;
  readonly tally: SpikeTally;
  readonly raster: RasterKeep;
  readonly traces = new TraceKeep();
  /** State changes (t_s, neuron, from, to), kept whole. */
  readonly states = new ColumnTable(STATE_COLUMNS, 64);

  /** With outputs `summary` the CSV streams count their rows and write nothing; the rest is kept alike. */
  constructor(to: OutputTarget, opts: StreamedNetworkOptions) {
    const f = opts.files ?? {};
    this.streams = csvStreams(to);
    this.tally = new SpikeTally(opts.neurons, opts.windows ?? []);
    this.raster = new RasterKeep(opts.neurons, 0, opts.durationS);
    const spikes: BatchSink[] = [this.tally, this.raster];
    const samples: BatchSink[] = [this.traces];
    const states: BatchSink[] = [new TableKeep(this.states)];
    if (f.spikes !== false) spikes.push(this.streams.csv(f.spikes ?? 'spikes.csv', SPIKE_COLUMNS));
    if (f.samples !== false) samples.push(this.streams.csv(f.samples ?? 'probes.csv', SAMPLE_COLUMNS));
    if (f.states !== false) states.push(this.streams.csv(f.states ?? 'states.csv', STATE_COLUMNS));
    this.rec = new SpikeRecorder(opts.next ?? null, { spikes, samples, states });
  }

  /** Hands the last rows over and renames the files into place. */
  finish(): void {
    this.rec.flush();
    this.streams.finish();
  }

  /** Removes every file not yet finished (call in a finally). */
  abort(): void {
    this.streams.abort();
  }

  /** What figures read in place of a recorder (SpikeRecorder's accessors, from the bounded data). */
  figureData(): {
    readonly times: Float64Array;
    readonly neurons: Int32Array;
    countsIn(from: number, to: number): Int32Array;
    probe(channel: number): [Float64Array, Float64Array];
    readonly stateChanges: ColumnTable;
  } {
    const { timesS, neurons } = this.raster.spikes();
    return {
      times: timesS,
      neurons,
      countsIn: (from, to) => this.tally.countsIn(from, to),
      probe: (ch) => this.traces.probe(ch),
      stateChanges: this.states,
    };
  }

  /** Notes for summary.json when a figure was drawn from reduced data. */
  notes(): string[] {
    const out: string[] = [];
    if (this.raster.binned) out.push(`The raster shows one tick per occupied cell of ${this.raster.timeBins} time bins x neuron rows: ${this.rec.count} spikes exceed the ${this.raster.limit} it draws one by one (spikes.csv has them all).`);
    if (this.traces.thinned) out.push(`Probe charts are drawn from evenly thinned samples (at most ${this.traces.limit} per channel; probes.csv has them all).`);
    return out;
  }
}
