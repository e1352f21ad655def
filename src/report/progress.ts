/**
 * Progress for long runs, on stderr so stdout stays clean for data. On a
 * terminal a bar redraws in place; otherwise a line is printed every 10 %.
 */
export interface Progress {
  /** Starts (or restarts) a task with a label. */
  start(label: string): void;
  /** fraction in [0, 1]; detail is a short status ("epoch 3/10, acc 91 %"). */
  update(fraction: number, detail?: string): void;
  done(detail?: string): void;
}

export const silentProgress: Progress = { start() {}, update() {}, done() {} };

export function consoleProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  const tty = Boolean(stream.isTTY);
  let label = '';
  let started = 0;
  let lastDecile = -1;
  let lastDraw = 0;
  return {
    start(l) {
      label = l;
      started = Date.now();
      lastDecile = -1;
      lastDraw = 0;
    },
    update(fraction, detail = '') {
      const f = Math.min(1, Math.max(0, fraction));
      if (tty) {
        const now = Date.now();
        if (now - lastDraw < 100 && f < 1) return;
        lastDraw = now;
        const width = 24;
        const filled = Math.round(f * width);
        const bar = '#'.repeat(filled) + '.'.repeat(width - filled);
        stream.write(`\r${label} [${bar}] ${(f * 100).toFixed(0).padStart(3)} % ${detail}`.slice(0, 120).padEnd(80));
      } else {
        // Logs get a line per 10 %, and none for tasks that finish within a second.
        if (Date.now() - started < 1000) return;
        const decile = Math.floor(f * 10);
        if (decile > lastDecile) {
          lastDecile = decile;
          stream.write(`${label}: ${decile * 10} %${detail ? ' ' + detail : ''}\n`);
        }
      }
    },
    done(detail = '') {
      const secs = ((Date.now() - started) / 1000).toFixed(1);
      stream.write(`${tty ? '\r' : ''}${label}: done in ${secs} s${detail ? ' ' + detail : ''}`.padEnd(tty ? 80 : 0) + '\n');
    },
  };
}
