import { describe, expect, it } from 'vitest';
import { planDrop } from './file-kinds.ts';

const file = (name: string, type = '') => new File([new Uint8Array(1)], name, { type });

describe('planDrop', () => {
  it('an .onnx alone is a custom bundle (its config is written from its metadata)', () => {
    const onnx = file('best.onnx');
    expect(planDrop([onnx])).toEqual({ kind: 'bundle', files: [onnx], message: '' });
  });

  it('a .yaml and an .onnx together are a custom bundle', () => {
    expect(planDrop([file('config.yaml'), file('best.ONNX')]).kind).toBe('bundle');
  });

  it('a model mixed with an image is refused, saying what may be dropped', () => {
    const plan = planDrop([file('best.onnx'), file('bus.jpg', 'image/jpeg')]);
    expect(plan.kind).toBe('refuse');
    expect(plan.message).toMatch('an .onnx model alone, or a .yaml config and its .onnx together');
  });
});
