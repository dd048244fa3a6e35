import type { CameraInfo } from '../store/webcam-store.ts';

/**
 * 1280x720 is plenty for a 640 model and cheap to copy each frame; `ideal`
 * (not `exact`) so a camera that cannot do it still opens. With no camera
 * chosen, prefer the rear one: on phones that is what people point at things.
 */
export function cameraConstraints(deviceId: string | null): MediaStreamConstraints {
  const size = { width: { ideal: 1280 }, height: { ideal: 720 } };
  return {
    audio: false,
    video: deviceId ? { ...size, deviceId: { exact: deviceId } } : { ...size, facingMode: { ideal: 'environment' } },
  };
}

export function openCamera(deviceId: string | null): Promise<MediaStream> {
  return navigator.mediaDevices.getUserMedia(cameraConstraints(deviceId));
}

/** Labels are empty until the user granted the camera once, so call this after opening it. */
export async function listCameras(): Promise<CameraInfo[]> {
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices
    .filter((d) => d.kind === 'videoinput')
    .map((d, i) => ({ deviceId: d.deviceId, label: d.label || `Camera ${i + 1}` }));
}

/** Ending every track is what turns the camera light off. */
export function stopStream(stream: MediaStream | null): void {
  for (const t of stream?.getTracks() ?? []) t.stop();
}
