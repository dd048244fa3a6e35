/**
 * Words for every way the camera can fail. Pure, so each browser error name
 * maps to one tested sentence; every message says images still work, since
 * the rest of the app does not need the camera.
 */
export interface CameraEnv {
  isSecureContext: boolean;
  /** `navigator.mediaDevices?.getUserMedia` exists. */
  hasMediaDevices: boolean;
}

const STILL_WORKS = 'Images and video files still work.';

export const CAMERA_MESSAGES = {
  insecure: `The camera needs a secure page (https:// or localhost), and this page is not one. ${STILL_WORKS}`,
  unsupported: `This browser offers no camera access (navigator.mediaDevices is missing). ${STILL_WORKS}`,
  denied: `Camera permission was denied. Allow the camera for this site (the camera icon in the address bar, or site settings) and press Start camera again. ${STILL_WORKS}`,
  notFound: `No camera was found, or none matches the one chosen. Connect a camera or pick another. ${STILL_WORKS}`,
  busy: `The camera is busy or could not start: another app or tab may be using it. Close that and press Start camera again. ${STILL_WORKS}`,
} as const;

/** Non-null when the camera cannot even be asked for; checked before getUserMedia. */
export function cameraUnavailable(env: CameraEnv): string | null {
  if (!env.isSecureContext) return CAMERA_MESSAGES.insecure;
  if (!env.hasMediaDevices) return CAMERA_MESSAGES.unsupported;
  return null;
}

function errorName(e: unknown): string {
  // OverconstrainedError is not a DOMException in every browser, so read `name` off anything.
  if (typeof e === 'object' && e !== null && 'name' in e && typeof e.name === 'string') return e.name;
  return '';
}

export function cameraErrorMessage(e: unknown): string {
  switch (errorName(e)) {
    case 'NotAllowedError':
    case 'SecurityError':
    case 'PermissionDeniedError': // pre-standard Chrome name
      return CAMERA_MESSAGES.denied;
    case 'NotFoundError':
    case 'OverconstrainedError':
    case 'DevicesNotFoundError':
    case 'ConstraintNotSatisfiedError':
      return CAMERA_MESSAGES.notFound;
    case 'NotReadableError':
    case 'AbortError':
    case 'TrackStartError':
      return CAMERA_MESSAGES.busy;
    default: {
      const name = errorName(e);
      const detail =
        e instanceof Error || (typeof e === 'object' && e !== null && 'message' in e)
          ? String((e as { message: unknown }).message)
          : String(e);
      return `The camera could not start (${[name, detail].filter(Boolean).join(': ')}). ${STILL_WORKS}`;
    }
  }
}
