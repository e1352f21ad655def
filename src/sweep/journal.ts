/**
 * The sweep's journal: one JSON line per finished point, appended (and
 * flushed to disk) as each point finishes, never rewritten. A crash can cut
 * off at most the line being written; that tail is dropped when the journal
 * is opened again. Later lines for a key replace earlier ones, except that a
 * finished (ok) point is final: a point is never recorded twice as done.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, truncateSync, writeSync } from 'node:fs';
import type { PointResult } from './types.ts';

export const JOURNAL_FILE = 'journal.jsonl';

export class Journal {
  readonly records = new Map<string, PointResult>();
  private fd: number | null = null;

  constructor(readonly path: string) {
    if (!existsSync(path)) return;
    const text = readFileSync(path, 'utf8');
    const end = text.lastIndexOf('\n') + 1;
    // Everything after the last newline is a line cut off by a crash.
    if (end < text.length) truncateSync(path, Buffer.byteLength(text.slice(0, end)));
    for (const line of text.slice(0, end).split('\n')) {
      if (line === '') continue;
      let r: PointResult;
      try {
        r = JSON.parse(line) as PointResult;
      } catch {
        continue;
      }
      if (typeof r.key === 'string') this.keep(r);
    }
  }

  private keep(r: PointResult): boolean {
    if (this.records.get(r.key)?.status === 'ok') return false;
    this.records.set(r.key, r);
    return true;
  }

  isDone(key: string): boolean {
    return this.records.get(key)?.status === 'ok';
  }

  /** Appends a result unless its key is already done; returns whether it was recorded. */
  append(r: PointResult): boolean {
    if (!this.keep(r)) return false;
    if (this.fd === null) this.fd = openSync(this.path, 'a');
    writeSync(this.fd, JSON.stringify(r) + '\n');
    fsyncSync(this.fd);
    return true;
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
