import { describe, expect, it } from 'vitest';
import { cameraConstraints } from './camera.ts';

describe('cameraConstraints', () => {
  it('prefers the rear camera at 720p when none is chosen, without insisting', () => {
    const c = cameraConstraints(null);
    expect(c.audio).toBe(false);
    expect(c.video).toEqual({ width: { ideal: 1280 }, height: { ideal: 720 }, facingMode: { ideal: 'environment' } });
  });
  it('asks for exactly the chosen camera and drops facingMode', () => {
    const c = cameraConstraints('abc');
    expect(c.video).toEqual({ width: { ideal: 1280 }, height: { ideal: 720 }, deviceId: { exact: 'abc' } });
  });
});
