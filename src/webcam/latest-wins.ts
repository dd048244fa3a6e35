/**
 * Runs one job at a time and never queues: while a job runs, a new offer
 * replaces the one waiting (the replaced one is handed to `drop`). So the
 * worker always gets the newest frame and a slow backend lowers the frame
 * rate instead of growing a backlog and the latency with it.
 */
export class LatestWinsScheduler<T> {
  private running = false;
  private pending: { item: T } | null = null;
  /** Offers replaced before they ran; for stats and tests. */
  dropped = 0;

  constructor(
    private readonly run: (item: T) => Promise<void>,
    private readonly drop: (item: T) => void = () => undefined,
    private readonly onError: (e: unknown) => void = () => undefined,
  ) {}

  offer(item: T): void {
    if (!this.running) {
      void this.drain(item);
      return;
    }
    if (this.pending) {
      this.dropped++;
      this.drop(this.pending.item);
    }
    this.pending = { item };
  }

  /** Drops the waiting job (if any); the running one finishes on its own. */
  clear(): void {
    if (this.pending) this.drop(this.pending.item);
    this.pending = null;
  }

  get busy(): boolean {
    return this.running;
  }

  get hasPending(): boolean {
    return this.pending !== null;
  }

  private async drain(first: T): Promise<void> {
    this.running = true;
    let next: { item: T } | null = { item: first };
    try {
      while (next) {
        try {
          await this.run(next.item);
        } catch (e) {
          this.onError(e);
        }
        next = this.pending;
        this.pending = null;
      }
    } finally {
      this.running = false;
    }
  }
}
