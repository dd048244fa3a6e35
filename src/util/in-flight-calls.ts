/**
 * The calls in flight to something that can stop (a worker): `run` settles
 * with the call, or rejects with the stop reason if it stops first, so no
 * call waits forever on a dead worker.
 *
 * Why not `Promise.race([call, stopped])`: every race attaches a reaction to
 * the long-lived `stopped` promise, and the reaction stays until that promise
 * settles. A worker serving the camera kept a promise and two closures per
 * frame for its whole life, and Chromium 150 also kept each frame's result.
 * Here a settled call leaves nothing behind.
 */
export class InFlightCalls {
  private readonly rejecters = new Set<(reason: unknown) => void>();
  private reason: Error | null = null;

  /** Calls still waiting; zero whenever every call has settled. */
  get size(): number {
    return this.rejecters.size;
  }

  run<T>(call: Promise<T>): Promise<T> {
    if (this.reason) {
      call.catch(() => undefined);
      return Promise.reject(this.reason);
    }
    return new Promise<T>((resolve, reject) => {
      this.rejecters.add(reject);
      call.then(
        (value) => {
          this.rejecters.delete(reject);
          resolve(value);
        },
        (error: unknown) => {
          this.rejecters.delete(reject);
          reject(error);
        },
      );
    });
  }

  /** Rejects every call in flight, and every later one, with `reason`. */
  stop(reason: Error): void {
    if (this.reason) return;
    this.reason = reason;
    for (const reject of this.rejecters) reject(reason);
    this.rejecters.clear();
  }
}
