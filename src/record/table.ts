/**
 * A column table of numbers that grows by doubling: the in-memory recorder.
 * Appending a row allocates nothing until a column must grow.
 */
export class ColumnTable {
  readonly columns: readonly string[];
  private data: Float64Array[];
  private n = 0;

  constructor(columns: readonly string[], initialRows = 1024) {
    if (new Set(columns).size !== columns.length) throw new Error(`table: duplicate column names in ${columns.join(',')}`);
    this.columns = columns;
    this.data = columns.map(() => new Float64Array(Math.max(1, initialRows)));
  }

  get rows(): number {
    return this.n;
  }

  /** Reserves a row and returns its index; fill it with `set`. */
  addRow(): number {
    if (this.n === this.data[0].length) {
      this.data = this.data.map((c) => {
        const b = new Float64Array(c.length * 2);
        b.set(c);
        return b;
      });
    }
    return this.n++;
  }

  /** Forgets every row, keeping the capacity (a batch buffer refilled after each hand-over). */
  clear(): void {
    this.n = 0;
  }

  /** The backing array of column `col` (rows [0, rows) are valid); for handing batches over without a copy. */
  raw(col: number): Float64Array {
    return this.data[col];
  }

  /** Every backing column, in order (see raw). */
  rawColumns(): readonly Float64Array[] {
    return this.data;
  }

  set(row: number, col: number, value: number): void {
    this.data[col][row] = value;
  }

  get(row: number, col: number): number {
    return this.data[col][row];
  }

  /** A copy of one column, trimmed to the row count. */
  column(name: string): Float64Array {
    const i = this.columns.indexOf(name);
    if (i < 0) throw new Error(`table: no column "${name}" (have ${this.columns.join(', ')})`);
    return this.data[i].slice(0, this.n);
  }

  colIndex(name: string): number {
    const i = this.columns.indexOf(name);
    if (i < 0) throw new Error(`table: no column "${name}" (have ${this.columns.join(', ')})`);
    return i;
  }

  /**
   * The CSV of toCSV() in pieces of about `chunkChars` characters, so a large
   * table is written without ever holding its whole text.
   */
  *csvChunks(chunkChars = 1 << 20): Generator<string> {
    let buf = this.columns.join(',') + '\n';
    const cols = this.data;
    for (let r = 0; r < this.n; r++) {
      for (let c = 0; c < cols.length; c++) {
        if (c > 0) buf += ',';
        buf += formatNumber(cols[c][r]);
      }
      buf += '\n';
      if (buf.length >= chunkChars) {
        yield buf;
        buf = '';
      }
    }
    if (buf.length > 0) yield buf;
  }

  /** CSV with a header line; numbers in shortest round-trip form (deterministic). */
  toCSV(): string {
    const lines: string[] = [this.columns.join(',')];
    const cols = this.data;
    for (let r = 0; r < this.n; r++) {
      let line = '';
      for (let c = 0; c < cols.length; c++) {
        if (c > 0) line += ',';
        line += formatNumber(cols[c][r]);
      }
      lines.push(line);
    }
    return lines.join('\n') + '\n';
  }
}

/** Shortest string that reads back to the same double; integers without ".0". */
export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Inf';
  if (x === -Infinity) return '-Inf';
  if (Object.is(x, -0)) return '0';
  return String(x);
}
