import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sha256Hex, sha256Js } from './sha256.ts';
import { describeShared, SHARED_MODELS } from '../test-support/shared.ts';

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

describe('sha256Js (fallback without WebCrypto)', () => {
  const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  it('matches the FIPS test vectors and WebCrypto on block-boundary lengths', async () => {
    expect(hex(sha256Js(new TextEncoder().encode('abc')))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(hex(sha256Js(new Uint8Array()))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    for (const n of [55, 56, 63, 64, 65, 1000]) {
      const data = Uint8Array.from({ length: n }, (_, i) => (i * 31) & 255);
      expect(hex(sha256Js(data)), `length ${n}`).toBe(await sha256Hex(data));
    }
  });
});
