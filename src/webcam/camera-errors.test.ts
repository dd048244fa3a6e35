import { describe, expect, it } from 'vitest';
import { CAMERA_MESSAGES, cameraErrorMessage, cameraUnavailable } from './camera-errors.ts';

const dom = (name: string, message = 'x') => Object.assign(new Error(message), { name });

describe('cameraErrorMessage', () => {
  it.each(['NotAllowedError', 'SecurityError', 'PermissionDeniedError'])('%s means permission denied', (n) => {
    expect(cameraErrorMessage(dom(n))).toBe(CAMERA_MESSAGES.denied);
  });
  it.each(['NotFoundError', 'OverconstrainedError', 'DevicesNotFoundError'])('%s means no (matching) camera', (n) => {
    expect(cameraErrorMessage(dom(n))).toBe(CAMERA_MESSAGES.notFound);
  });
  it.each(['NotReadableError', 'AbortError', 'TrackStartError'])('%s means the camera is busy', (n) => {
    expect(cameraErrorMessage(dom(n))).toBe(CAMERA_MESSAGES.busy);
  });
  it('reads name off plain objects (OverconstrainedError is not always a DOMException)', () => {
    expect(cameraErrorMessage({ name: 'OverconstrainedError', constraint: 'deviceId' })).toBe(CAMERA_MESSAGES.notFound);
  });
  it('names unknown errors and still says images work', () => {
    const m = cameraErrorMessage(dom('WeirdError', 'the driver fell over'));
    expect(m).toContain('WeirdError: the driver fell over');
    expect(m).toContain('Images and video files still work');
    expect(cameraErrorMessage('boom')).toContain('boom');
    expect(cameraErrorMessage(undefined)).toContain('could not start');
  });
  it('every message tells the user images still work', () => {
    for (const m of Object.values(CAMERA_MESSAGES)) expect(m).toContain('Images and video files still work');
  });
});

describe('cameraUnavailable', () => {
  it('refuses an insecure page first, whatever else', () => {
    expect(cameraUnavailable({ isSecureContext: false, hasMediaDevices: true })).toBe(CAMERA_MESSAGES.insecure);
    expect(cameraUnavailable({ isSecureContext: false, hasMediaDevices: false })).toBe(CAMERA_MESSAGES.insecure);
  });
  it('refuses a browser without mediaDevices', () => {
    expect(cameraUnavailable({ isSecureContext: true, hasMediaDevices: false })).toBe(CAMERA_MESSAGES.unsupported);
  });
  it('allows a secure page with mediaDevices', () => {
    expect(cameraUnavailable({ isSecureContext: true, hasMediaDevices: true })).toBeNull();
  });
});
