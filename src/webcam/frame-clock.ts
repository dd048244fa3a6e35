/**
 * Calls `onFrame` once per new video frame. requestVideoFrameCallback fires
 * only when a new frame is presented, so a 10 fps source is not processed
 * 60 times a second; without it, requestAnimationFrame is the fallback (the
 * latest-wins scheduler then absorbs the repeats).
 */
export function watchFrames(video: HTMLVideoElement, onFrame: () => void): () => void {
  let stopped = false;
  if ('requestVideoFrameCallback' in video) {
    let handle = 0;
    const next = () => {
      if (stopped) return;
      onFrame();
      handle = video.requestVideoFrameCallback(next);
    };
    handle = video.requestVideoFrameCallback(next);
    return () => {
      stopped = true;
      video.cancelVideoFrameCallback(handle);
    };
  }
  let raf = 0;
  let lastTime = -1;
  const poll = () => {
    if (stopped) return;
    const el = video as HTMLVideoElement;
    if (el.currentTime !== lastTime || el.srcObject) {
      lastTime = el.currentTime;
      onFrame();
    }
    raf = requestAnimationFrame(poll);
  };
  raf = requestAnimationFrame(poll);
  return () => {
    stopped = true;
    cancelAnimationFrame(raf);
  };
}
