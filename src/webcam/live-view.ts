/**
 * The <video> and its overlay canvas, made once outside React: the loop needs
 * them before and regardless of any render, and React re-mounting them would
 * drop the stream. WebcamPanel only moves `root` into its container.
 */
export interface LiveView {
  root: HTMLDivElement;
  video: HTMLVideoElement;
  overlay: HTMLCanvasElement;
}

let view: LiveView | null = null;

export function liveView(): LiveView {
  if (view) return view;
  const root = document.createElement('div');
  root.className = 'live-view';
  const video = document.createElement('video');
  video.dataset.testid = 'webcam-video';
  video.muted = true; // autoplay needs muted; a dropped video's sound is not wanted either
  video.playsInline = true; // iOS would otherwise go full screen
  video.autoplay = true;
  const overlay = document.createElement('canvas');
  overlay.dataset.testid = 'webcam-overlay';
  overlay.setAttribute('aria-hidden', 'true');
  root.append(video, overlay);
  view = { root, video, overlay };
  return view;
}
