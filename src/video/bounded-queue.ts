/**
 * A small FIFO between a producer (the decoder) and a consumer (the
 * analysis): `push` waits while it is full, `take` while it is empty. It
 * owns what it holds: items left in it when it is cancelled are disposed
 * (video frames closed), so a cancelled run frees its frames at once.
 */
export class BoundedQueue<T> {
  private readonly items: T[] = [];
  private closed = false;
  private cancelled = false;
  private wakeTaker: (() => void) | null = null;
  private wakePusher: (() => void) | null = null;

  constructor(
    readonly capacity: number,
    private readonly dispose: (item: T) => void = () => undefined,
  ) {
    if (!(Number.isInteger(capacity) && capacity >= 1)) {
      throw new RangeError(`queue capacity ${capacity} must be a whole number from 1`);
    }
  }

  get size(): number {
    return this.items.length;
  }

  /**
   * Adds an item once there is room. Resolves false (and disposes the item)
   * when the queue was cancelled meanwhile; pushing after `close` is a bug.
   */
  async push(item: T): Promise<boolean> {
    if (this.closed && !this.cancelled) throw new Error('push after close: the producer said it was done');
    while (!this.cancelled && this.items.length >= this.capacity) {
      await new Promise<void>((resolve) => {
        this.wakePusher = resolve;
      });
    }
    if (this.cancelled) {
      this.dispose(item);
      return false;
    }
    this.items.push(item);
    this.wake('taker');
    return true;
  }

  /** The next item, or null once the producer closed the queue and it is empty, or it was cancelled. */
  async take(): Promise<T | null> {
    while (!this.cancelled && this.items.length === 0 && !this.closed) {
      await new Promise<void>((resolve) => {
        this.wakeTaker = resolve;
      });
    }
    if (this.cancelled) return null;
    const item = this.items.shift();
    this.wake('pusher');
    return item ?? null;
  }

  /** The producer has no more items; `take` drains what is left, then returns null. */
  close(): void {
    this.closed = true;
    this.wake('taker');
  }

  /** Disposes every item held and wakes both sides: pushes resolve false, takes null. */
  cancel(): void {
    this.cancelled = true;
    this.closed = true;
    for (const item of this.items.splice(0)) this.dispose(item);
    this.wake('taker');
    this.wake('pusher');
  }

  private wake(side: 'taker' | 'pusher'): void {
    const w = side === 'taker' ? this.wakeTaker : this.wakePusher;
    if (side === 'taker') this.wakeTaker = null;
    else this.wakePusher = null;
    w?.();
  }
}
