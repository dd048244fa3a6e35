/**
 * Frames per second and latency, smoothed over about `tauMs`. Exponential
 * averages weighted by elapsed time (not by event count) make the window
 * about one second at any frame rate: at 3 fps a plain 1 s count would jump
 * between 2, 3 and 4.
 */
export class RateMeter {
  private last: number | null = null;
  private events = 0;
  private interval = 0;
  private latency = 0;

  constructor(
    private readonly tauMs = 1000,
    /** No result for this long means the loop stalled: report 0 fps, not the old rate. */
    private readonly staleMs = 2000,
  ) {}

  record(now: number, latencyMs: number): void {
    if (this.last === null) {
      this.last = now;
      this.latency = latencyMs;
      this.events = 1;
      return;
    }
    const dt = Math.max(0, now - this.last);
    const a = 1 - Math.exp(-dt / this.tauMs);
    this.interval = this.events === 1 ? dt : this.interval + a * (dt - this.interval);
    this.latency += a * (latencyMs - this.latency);
    this.last = now;
    this.events++;
  }

  fps(now: number): number {
    if (this.last === null || this.events < 2 || this.interval <= 0) return 0;
    if (now - this.last > Math.max(this.staleMs, 2 * this.interval)) return 0;
    return 1000 / this.interval;
  }

  latencyMs(): number {
    return this.events > 0 ? this.latency : 0;
  }

  reset(): void {
    this.last = null;
    this.events = 0;
    this.interval = 0;
    this.latency = 0;
  }
}
