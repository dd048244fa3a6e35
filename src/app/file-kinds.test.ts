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

describe('planDrop: images', () => {
  it('one image is that image', () => {
    const bus = file('bus.jpg', 'image/jpeg');
    expect(planDrop([bus])).toEqual({ kind: 'image', files: [bus], message: '' });
  });

  it('several images are a batch, every one of them', () => {
    const files = [file('bus.jpg', 'image/jpeg'), file('zidane.jpg'), file('c.png')];
    expect(planDrop(files)).toEqual({ kind: 'batch', files, message: '' });
  });

  it('images with files of unknown kind are a batch too: their content decides, the rest is skipped', () => {
    expect(planDrop([file('bus.jpg'), file('notes.txt'), file('IMG_0001')]).kind).toBe('batch');
  });

  it('images mixed with a model or a video are refused', () => {
    expect(planDrop([file('bus.jpg'), file('clip.webm')]).kind).toBe('refuse');
    expect(planDrop([file('bus.jpg'), file('best.onnx')]).kind).toBe('refuse');
  });

  it('several videos: the first plays, the rest are named as ignored', () => {
    const plan = planDrop([file('a.webm'), file('b.mp4')]);
    expect(plan.kind).toBe('video');
    expect(plan.message).toBe('Playing a.webm only; ignored 1 more: b.mp4.');
  });
});
