import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, quoteValue, readSavedSettings } from './saved-settings.ts';

const saved = (state: unknown, version = 1) => JSON.stringify({ state, version });

describe('readSavedSettings', () => {
  it('reads good settings as they are, with no note', () => {
    const state = {
      backend: 'wasm',
      threads: 2,
      modelId: 'yolov5n-320',
      sliders: { bundleId: 'yolov5n', conf: 0.4, iou: 1 },
    };
    expect(readSavedSettings(saved(state))).toEqual({ settings: state, notes: [] });
  });

  it('nothing saved: the defaults, no note', () => {
    expect(readSavedSettings(null)).toEqual({ settings: DEFAULT_SETTINGS, notes: [] });
  });

  it('fields saved by an older version that lacked them take their defaults silently', () => {
    expect(readSavedSettings(saved({ backend: 'webgpu' }))).toEqual({
      settings: { ...DEFAULT_SETTINGS, backend: 'webgpu' },
      notes: [],
    });
  });

  it('each bad field falls back to its default, keeps the good ones, and one note names each', () => {
    const read = readSavedSettings(
      saved({
        backend: 'quantum',
        threads: 2.5,
        modelId: 'yolov5n-320',
        sliders: { bundleId: 'yolov5n', conf: 7, iou: 0.5 },
      }),
    );
    expect(read.settings).toEqual({ backend: 'auto', threads: null, modelId: 'yolov5n-320', sliders: null });
    expect(read.notes).toHaveLength(1);
    expect(read.notes[0]).toContain('backend was "quantum", not auto, webgpu or wasm; using auto');
    expect(read.notes[0]).toContain('threads was 2.5, not a whole number 1–64 (or automatic); using automatic');
    expect(read.notes[0]).toContain('sliders was {"bundleId":"yolov5n","conf":7,"iou":0.5…, not a bundle');
    expect(read.notes[0]).not.toContain('modelId');
  });

  it.each([
    ['threads', 0],
    ['threads', 65],
    ['threads', '4'],
    ['backend', null],
    ['backend', 42],
    ['modelId', ''],
    ['modelId', 7],
    ['modelId', 'x'.repeat(201)],
    ['sliders', { bundleId: 'a', conf: 0, iou: 0.5 }],
    ['sliders', { bundleId: 'a', conf: 0.5, iou: 1.5 }],
    ['sliders', { bundleId: 'a', conf: '0.5', iou: 0.5 }],
    ['sliders', { bundleId: 'a', conf: 0.5 }],
    ['sliders', { bundleId: 'a', conf: 0.5, iou: 0.5, extra: true }],
    ['sliders', [0.5, 0.5]],
  ])('%s = %j is refused', (key, value) => {
    const read = readSavedSettings(saved({ [key]: value }));
    expect(read.settings).toEqual(DEFAULT_SETTINGS);
    expect(read.notes[0]).toContain(`${key} was `);
  });

  it('text that is not JSON, or JSON of another shape, gives the defaults and says so', () => {
    expect(readSavedSettings('{"state": {"backend": "wa')).toEqual({
      settings: DEFAULT_SETTINGS,
      notes: ['The saved settings could not be read (not JSON), so the defaults are used.'],
    });
    for (const raw of ['42', 'null', '[]', '"auto"', '{"backend":"wasm"}', '{"state":[1]}']) {
      const read = readSavedSettings(raw);
      expect(read.settings).toEqual(DEFAULT_SETTINGS);
      expect(read.notes[0]).toMatch(/not in the form this app saves/);
    }
  });

  it('quotes a bad value short and inert: long values cut, control and bidi characters escaped', () => {
    const read = readSavedSettings(saved({ backend: `wasm\u202e${'A'.repeat(1_000_000)}` }));
    expect(read.notes[0]!.length).toBeLessThan(300);
    expect(read.notes[0]).toContain('\\u202e');
    expect(read.notes[0]).not.toContain('\u202e');
    expect(quoteValue('a\nb')).toBe('"a\\nb"');
    expect(quoteValue(undefined)).toBe('undefined');
  });
});
