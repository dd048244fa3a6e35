/**
 * Throughput and time left for a batch run, from the moments images finished.
 * The rate is taken over a sliding window of recent images, so it follows a
 * change of pace (a folder of small images after large ones) within a few
 * images, and a pause does not count: the window restarts on resume.
 */
export class RateWindow {
  private readonly times: number[] = [];

  constructor(private readonly size = 20) {
    if (!(size >= 2)) throw new Error('a rate needs a window of at least 2 images');
  }

  /** One image finished at `ms` (a monotonic clock, e.g. performance.now()). */
  add(ms: number): void {
    this.times.push(ms);
    if (this.times.length > this.size) this.times.shift();
  }

  /** Forget the window (after a pause, whose wait is no part of the pace). */
  reset(): void {
    this.times.length = 0;
  }

  /** Images per second over the window; null until two images have finished. */
  rate(): number | null {
    return ratePerSecond(this.times);
  }
}

/** Images per second from ascending finish times in ms: intervals between them, so the first image's wait is not counted. */
export function ratePerSecond(times: readonly number[]): number | null {
  if (times.length < 2) return null;
  const span = times[times.length - 1]! - times[0]!;
  return span > 0 ? ((times.length - 1) * 1000) / span : null;
}

/** Seconds until `remaining` images are done at `rate` images/s; null when the rate is not known yet. */
export function secondsLeft(remaining: number, rate: number | null): number | null {
  if (remaining <= 0) return 0;
  if (rate === null || !(rate > 0) || !Number.isFinite(rate)) return null;
  return remaining / rate;
}

/** "45 s", "3 min 05 s", "2 h 07 min": precise enough to plan by, short enough to read at a glance. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}
