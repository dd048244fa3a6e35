import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { sha256Hex } from './sha256.ts';
import { describeShared, SHARED_MODELS } from '../test-support/shared';

describeShared('sha256Hex', () => {
  it('hashes known vectors and matches the shared SHA256SUMS', async () => {
    expect(await sha256Hex(new TextEncoder().encode('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    const model = readFileSync(`${SHARED_MODELS}/yolov5n-320.onnx`);
    const t0 = performance.now();
    const hex = await sha256Hex(new Uint8Array(model));
    console.log(`sha256Hex(7.6 MB): ${(performance.now() - t0).toFixed(1)} ms`);
    expect(hex).toBe('10172458f8f3a675718ef67400f84a7f8ab44442248559f0206d3d7bb88af0a3');
    expect(await sha256Hex(new Uint8Array([1, 2, 3]).buffer)).toHaveLength(64);
  });
});
