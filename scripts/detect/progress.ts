/**
 * The progress line of `npm run detect` (on stderr): images done of total,
 * images per second, time left. On a terminal one line is rewritten in
 * place; elsewhere (a log file, CI) a plain line is written every few
 * seconds, so a long run neither floods its log nor goes silent.
 */

/** "4.2 s", "45 s", "3 min 20 s", "2 h 05 min". */
export function duration(seconds: number): string {
  if (seconds < 9.95) return `${Math.max(0, seconds).toFixed(1)} s`;
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

export function progressLine(done: number, total: number, elapsedMs: number): string {
  const head = `${done}/${total} images`;
  if (done === 0 || elapsedMs <= 0) return head;
  const rate = done / (elapsedMs / 1000);
  const left = done < total ? `, ${duration((total - done) / rate)} left` : '';
  return `${head}, ${rate.toFixed(rate < 10 ? 1 : 0)} images/s${left}`;
}

export interface ProgressSink {
  write(text: string): void;
  readonly isTTY?: boolean;
}

export class Progress {
  private shown = '';
  private lastAt = Number.NEGATIVE_INFINITY;
  private readonly start: number;

  constructor(
    private readonly out: ProgressSink,
    private readonly total: number,
    private readonly now: () => number = () => performance.now(),
    /** Plain lines at most this often (ms). */
    private readonly plainEveryMs = 5000,
  ) {
    this.start = now();
  }

  update(done: number): void {
    const t = this.now();
    const final = done === this.total;
    if (this.out.isTTY) {
      if (!final && t - this.lastAt < 100) return;
      this.lastAt = t;
      this.shown = progressLine(done, this.total, t - this.start);
      this.out.write(`\r\x1b[K${this.shown}`);
      if (final) this.finish();
    } else if (final || t - this.lastAt >= this.plainEveryMs) {
      this.lastAt = t;
      this.out.write(`${progressLine(done, this.total, t - this.start)}\n`);
    }
  }

  /** A message line (a skipped or failed file): on a terminal the progress line is cleared, then redrawn under it. */
  note(line: string): void {
    if (this.out.isTTY && this.shown) this.out.write(`\r\x1b[K${line}\n${this.shown}`);
    else this.out.write(`${line}\n`);
  }

  /** Ends the line in place, so what follows starts on a fresh one. */
  finish(): void {
    if (this.out.isTTY && this.shown) this.out.write('\n');
    this.shown = '';
  }
}
