/**
 * Frames per second and time left of a long run. The rate is measured over
 * the last few seconds (a sliding window), so it follows a change of speed
 * (a tab in the background, a pause) instead of averaging it away.
 */
export interface ProgressReading {
  done: number;
  total: number;
  /** Frames per second over the window; 0 until two frames are done. */
  fps: number;
  /** Seconds left at that rate; null while the rate is unknown. */
  etaSeconds: number | null;
}

export class ProgressMeter {
  private samples: { t: number; done: number }[] = [];

  constructor(private readonly windowMs = 3000) {}

  /** Records `done` frames at time `now` (ms) and returns the reading. */
  update(done: number, total: number, now: number): ProgressReading {
    this.samples.push({ t: now, done });
    while (this.samples.length > 2 && now - this.samples[1]!.t > this.windowMs) this.samples.shift();
    return this.reading(total);
  }

  /** After a pause the rate is measured afresh: time paused is not time spent. */
  restart(): void {
    this.samples = [];
  }

  reading(total: number): ProgressReading {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    const done = last?.done ?? 0;
    if (!first || !last || last.t <= first.t || last.done <= first.done) {
      return { done, total, fps: 0, etaSeconds: done >= total && total > 0 ? 0 : null };
    }
    const fps = ((last.done - first.done) * 1000) / (last.t - first.t);
    return { done, total, fps, etaSeconds: Math.max(0, total - done) / fps };
  }
}

/** "1:05", "12 s", "" for unknown: how the panel writes time left. */
export function formatEta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '';
  const s = Math.ceil(seconds);
  if (s < 60) return `${s} s`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}
