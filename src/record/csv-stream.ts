/**
 * A CSV file written as the run produces its rows, so memory stays at one
 * fixed byte buffer whatever the file's size. Rows arrive as flat column
 * batches (BatchSink); numbers are formatted into the buffer as
 * ColumnTable.toCSV formats them (formatNumber, byte for byte), and the buffer
 * goes to disk with writeSync whenever it nears full.
 *
 * Atomic like every output (write.ts): the rows go to a temporary file beside
 * the target, renamed into place by finish(); abort() (or a run that throws:
 * the staging folder is removed whole) leaves nothing half-written.
 */
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { BatchSink } from '../sinks/types.ts';
import { makeDirs } from './write.ts';
import { formatNumber, type ColumnTable } from './table.ts';

/** Longest text of one formatted double ("-2.2250738585072014e-308" is 24) plus its separator. */
const MAX_FIELD = 26;
const COMMA = 44;
const NEWLINE = 10;
const MINUS = 45;
const ZERO = 48;

export class CsvStream implements BatchSink {
  readonly path: string;
  readonly columns: readonly string[];
  private readonly tmp: string;
  private readonly buf: Buffer;
  private fd: number;
  private pos = 0;
  private written = 0;
  private nRows = 0;
  private state: 'open' | 'finished' | 'aborted' = 'open';
  /** Checks and counts the rows but formats and writes nothing (no file is created). */
  readonly discard: boolean;

  /** `bufferBytes`: the fixed buffer (at least room for one row); `discard`: see the field. */
  constructor(path: string, columns: readonly string[], bufferBytes = 1 << 16, discard = false) {
    if (columns.length === 0) throw new Error(`${basename(path)}: a CSV stream needs at least one column`);
    this.path = path;
    this.columns = columns;
    this.discard = discard;
    const dir = dirname(path);
    this.tmp = join(dir, `.${basename(path)}.${process.pid}.tmp`);
    if (discard) {
      this.buf = Buffer.alloc(0);
      this.fd = -1;
      return;
    }
    makeDirs(dir);
    const header = columns.join(',') + '\n';
    this.buf = Buffer.allocUnsafe(Math.max(bufferBytes, columns.length * MAX_FIELD + 1, Buffer.byteLength(header)));
    this.fd = openSync(this.tmp, 'w');
    this.pos = this.buf.write(header, 0, 'utf8');
  }

  /** Rows written so far. */
  get rowCount(): number {
    return this.nRows;
  }

  /** Bytes of the file so far (written and buffered). */
  get bytes(): number {
    return this.written + this.pos;
  }

  /** Appends rows [from, to) of flat columns (one array per CSV column). */
  rows(cols: readonly ArrayLike<number>[], from: number, to: number): void {
    this.check();
    const nc = this.columns.length;
    if (cols.length !== nc) this.fail(`a batch of ${cols.length} columns for ${nc} (${this.columns.join(',')})`);
    if (this.discard) {
      this.nRows += Math.max(0, to - from);
      return;
    }
    const room = nc * MAX_FIELD + 1;
    const limit = this.buf.length - room;
    for (let r = from; r < to; r++) {
      if (this.pos > limit) this.flush();
      for (let c = 0; c < nc; c++) {
        if (c > 0) this.buf[this.pos++] = COMMA;
        this.number(cols[c][r]);
      }
      this.buf[this.pos++] = NEWLINE;
    }
    this.nRows += Math.max(0, to - from);
  }

  /** Appends one row given as its values. */
  row(values: ArrayLike<number>): void {
    this.check();
    const nc = this.columns.length;
    if (values.length !== nc) this.fail(`a row of ${values.length} values for ${nc} columns`);
    if (this.discard) {
      this.nRows++;
      return;
    }
    if (this.pos > this.buf.length - (nc * MAX_FIELD + 1)) this.flush();
    for (let c = 0; c < nc; c++) {
      if (c > 0) this.buf[this.pos++] = COMMA;
      this.number(values[c]);
    }
    this.buf[this.pos++] = NEWLINE;
    this.nRows++;
  }

  /** Appends every row of a table with the same columns. */
  table(t: ColumnTable, from = 0): void {
    this.rows(t.rawColumns(), from, t.rows);
  }

  /** Writes what is buffered, closes and renames the file into place. */
  finish(): void {
    this.check();
    if (this.discard) {
      this.state = 'finished';
      return;
    }
    try {
      this.flush();
      closeSync(this.fd);
      this.fd = -1;
      renameSync(this.tmp, this.path);
      this.state = 'finished';
    } catch (err) {
      this.abort();
      throw err;
    }
  }

  /** Closes and removes the temporary file (no-op once finished). */
  abort(): void {
    if (this.state !== 'open') return;
    this.state = 'aborted';
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
    if (!this.discard) rmSync(this.tmp, { force: true });
  }

  get finished(): boolean {
    return this.state === 'finished';
  }

  private flush(): void {
    let off = 0;
    while (off < this.pos) off += writeSync(this.fd, this.buf, off, this.pos - off);
    this.written += this.pos;
    this.pos = 0;
  }

  /** formatNumber(x) into the buffer; whole numbers of int32 range digit by digit (no string). */
  private number(x: number): void {
    const b = this.buf;
    if (x === (x | 0)) {
      // -0 lands here too and is written "0", as formatNumber writes it.
      let v = x;
      if (v < 0) {
        b[this.pos++] = MINUS;
        v = -v;
      }
      let digits = 1;
      for (let k = v; k >= 10; k = Math.floor(k / 10)) digits++;
      let p = this.pos + digits - 1;
      do {
        b[p--] = ZERO + (v % 10);
        v = Math.floor(v / 10);
      } while (v > 0);
      this.pos += digits;
      return;
    }
    this.pos += b.write(formatNumber(x), this.pos, 'latin1');
  }

  private check(): void {
    if (this.state !== 'open') this.fail(`stream already ${this.state}`);
  }

  private fail(what: string): never {
    throw new Error(`${basename(this.path)}: ${what}`);
  }
}

/**
 * The CSV streams of one run, opened in its output folder: finish() renames
 * them all into place; abort() removes every one not finished (call it in a
 * finally so a run that throws leaves no temporary file or open descriptor).
 * With `discard`, every stream checks and counts its rows but writes nothing.
 */
export class CsvStreams {
  private readonly open: CsvStream[] = [];
  constructor(
    readonly outDir: string,
    readonly discard = false,
  ) {}

  csv(file: string, columns: readonly string[]): CsvStream {
    const s = new CsvStream(join(this.outDir, file), columns, undefined, this.discard);
    this.open.push(s);
    return s;
  }

  finish(): void {
    for (const s of this.open) if (!s.finished) s.finish();
  }

  abort(): void {
    for (const s of this.open) s.abort();
  }
}
