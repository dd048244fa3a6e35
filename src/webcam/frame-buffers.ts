/**
 * Two reused canvases for the main thread's copy of each frame. One holds
 * the frame whose boxes are on screen (what a snapshot saves); the other
 * receives the next capture. The scheduler keeps at most one frame in the
 * worker, so two are enough and nothing is allocated per frame.
 */
export class FrameBuffers {
  private readonly slots: [OffscreenCanvas, OffscreenCanvas] = [new OffscreenCanvas(1, 1), new OffscreenCanvas(1, 1)];
  private shownIndex: 0 | 1 | null = null;

  /** Draws the video's current frame into the free slot and returns its index. */
  capture(video: HTMLVideoElement, width: number, height: number): 0 | 1 {
    const index = this.shownIndex === 0 ? 1 : 0;
    const canvas = this.slots[index];
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
    }
    const ctx = canvas.getContext('2d', { alpha: false });
    if (!ctx) throw new Error('this browser cannot draw video frames to a canvas');
    ctx.drawImage(video, 0, 0, width, height);
    return index;
  }

  canvas(index: 0 | 1): OffscreenCanvas {
    return this.slots[index];
  }

  /** The captured frame got its boxes: it becomes the one on screen. */
  show(index: 0 | 1): void {
    this.shownIndex = index;
  }

  /** Shrinks both canvases so a stopped loop holds no frame memory. */
  release(): void {
    this.shownIndex = null;
    for (const c of this.slots) {
      c.width = 1;
      c.height = 1;
    }
  }
}
