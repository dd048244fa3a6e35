import type { FrameSource } from './protocol.ts';

/** Width and height as drawn: a VideoFrame's display size (its coded size may carry padding). */
export function sourceSize(source: FrameSource): { width: number; height: number } {
  return 'displayWidth' in source
    ? { width: source.displayWidth, height: source.displayHeight }
    : { width: source.width, height: source.height };
}
