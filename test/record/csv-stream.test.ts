import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CsvStream, CsvStreams } from '../../src/record/csv-stream.ts';
import { ColumnTable } from '../../src/record/table.ts';
import { SpikeRecorder } from '../../src/network/recorder.ts';
import { Rng } from '../../src/kernel/rng.ts';

function withDir(f: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'memspike-csv-'));
  try {
    f(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Values that exercise every formatting path: integers of every size and sign, -0, specials, tiny and huge doubles. */
function awkwardTable(rows: number, seed: number): ColumnTable {
  const rng = new Rng(seed);
  const t = new ColumnTable(['a', 'b', 'c'], 4);
  const special = [0, -0, NaN, Infinity, -Infinity, 2 ** 31 - 1, -(2 ** 31), 2 ** 31, -(2 ** 31) - 1, 1e21, 5e-324, -1.7976931348623157e308, 0.1, 1 / 3, 123456789012];
  for (let r = 0; r < rows; r++) {
    const k = t.addRow();
    t.set(k, 0, special[r % special.length]);
    t.set(k, 1, Math.floor((rng.uniform(0, 1) - 0.5) * 2e6));
    t.set(k, 2, (rng.uniform(0, 1) - 0.5) * 10 ** Math.floor(rng.uniform(0, 1) * 40 - 20));
  }
  return t;
}

describe('CsvStream', () => {
  it('writes the bytes of ColumnTable.toCSV, whatever the buffer size and batch split', () => {
    withDir((dir) => {
      const table = awkwardTable(5000, 3);
      const want = table.toCSV();
      for (const bufferBytes of [1, 100, 4096, 1 << 20]) {
        const path = join(dir, `t${bufferBytes}.csv`);
        const s = new CsvStream(path, table.columns, bufferBytes);
        const cols = table.rawColumns();
        // Uneven batches, one row at a time for some.
        let r = 0;
        for (const n of [1, 7, 1000, 1, 2500]) {
          s.rows(cols, r, r + n);
          r += n;
        }
        for (; r < table.rows; r++) s.row([table.get(r, 0), table.get(r, 1), table.get(r, 2)]);
        expect(s.rowCount).toBe(5000);
        expect(existsSync(path)).toBe(false); // only the temporary file exists until finish
        s.finish();
        expect(readFileSync(path, 'utf8')).toBe(want);
        expect(s.bytes).toBe(Buffer.byteLength(want));
      }
      expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    });
  });

  it('abort leaves nothing; a batch of the wrong width is refused naming the file', () => {
    withDir((dir) => {
      const group = new CsvStreams(dir);
      const a = group.csv('a.csv', ['x', 'y']);
      a.row([1, 2]);
      expect(() => a.rows([new Float64Array(3)], 0, 3)).toThrow(/a\.csv: a batch of 1 columns for 2 \(x,y\)/);
      expect(readdirSync(dir)).toEqual(['.a.csv.' + process.pid + '.tmp']);
      group.abort();
      expect(readdirSync(dir)).toEqual([]);
      expect(() => a.row([1, 2])).toThrow(/a\.csv: stream already aborted/);
    });
  });

  it('the recorder hands streamed channels over in batches and refuses to give arrays it did not keep', () => {
    withDir((dir) => {
      const streams = new CsvStreams(dir);
      const spikes = streams.csv('spikes.csv', ['t_s', 'neuron']);
      const states = streams.csv('states.csv', ['t_s', 'neuron', 'from', 'to']);
      const streamed = new SpikeRecorder(null, { spikes: [spikes], states: [states], batchRows: 16 });
      const kept = new SpikeRecorder();
      const rng = new Rng(9);
      let t = 0;
      for (let k = 0; k < 1000; k++) {
        t += rng.uniform(0, 1) * 1e-3;
        const g = Math.floor(rng.uniform(0, 1) * 50);
        for (const r of [streamed, kept]) {
          r.spike(t, g);
          if (k % 7 === 0) r.stateChange(t, g, k % 3, (k + 1) % 3);
          r.sample(t, k % 2, t * 2);
        }
      }
      streamed.flush();
      streams.finish();
      expect(streamed.count).toBe(1000);
      expect(readFileSync(join(dir, 'spikes.csv'), 'utf8')).toBe(kept.spikesTable().toCSV());
      expect(readFileSync(join(dir, 'states.csv'), 'utf8')).toBe(kept.stateChanges.toCSV());
      // Samples had no sink: kept in memory as before.
      expect(streamed.samples.toCSV()).toBe(kept.samples.toCSV());
      expect(() => streamed.times).toThrow(/spikes are streamed/);
      expect(() => streamed.stateChanges).toThrow(/state changes are streamed/);
    });
  });
});
