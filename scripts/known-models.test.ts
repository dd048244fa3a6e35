import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { KNOWN_MODELS, verifyModelBytes } from './known-models.ts';
import { describeShared, SHARED_MODELS } from '../src/test-support/shared.ts';

const load = (f: string) => new Uint8Array(readFileSync(`${SHARED_MODELS}/${f}`));

describeShared('known models', () => {
  it.each(KNOWN_MODELS.map((m) => m.file))('accepts the real %s', (file) => {
    expect(verifyModelBytes(file, load(file)).ok).toBe(true);
  });

  it('rejects the 320 model saved as -640, naming expected and found', () => {
    const r = verifyModelBytes('yolov5n-640.onnx', load('yolov5n-320.onnx'));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toContain(
        'expected input "images" float32 [1,3,640,640], found input "images" float32 [1,3,320,320]',
      );
      expect(r.reason).toContain('[1,25200,85]');
    }
  });

  it('rejects the static model saved as -dynamic', () => {
    const r = verifyModelBytes('yolov5n-dynamic.onnx', load('yolov5n-640.onnx'));
    expect(r).toMatchObject({ ok: false, reason: expect.stringContaining('[sym,3,sym,sym]') });
  });

  it('rejects unreadable bytes with the reader reason', () => {
    expect(verifyModelBytes('yolov5n-640.onnx', load('yolov5n-640.onnx').subarray(0, 5000))).toEqual({
      ok: false,
      reason: 'truncated at byte 5000',
    });
  });

  it('accepts any readable ONNX under an unknown name', () => {
    expect(verifyModelBytes('custom.onnx', load('yolov5n-320.onnx')).ok).toBe(true);
  });
});
