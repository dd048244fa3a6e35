import { describe, expect, it } from 'vitest';
import { urlInsideFolder } from './bundle-url.ts';

const folder = 'https://app.example/sub/models/b/';

describe('urlInsideFolder', () => {
  it.each(['m.onnx', 'weights/m.onnx', './m.onnx', 'a%20b.onnx'])('keeps %s inside the folder', (file) => {
    expect(urlInsideFolder(folder, file)?.href.startsWith(folder)).toBe(true);
  });

  it.each([
    '../m.onnx',
    '%2e%2e/m.onnx',
    '.%2E/m.onnx',
    'a/../../m.onnx',
    '/m.onnx',
    '//evil.example/m.onnx',
    'https://evil.example/m.onnx',
    'javascript:alert(1)',
    'm.onnx?x=1',
    'm.onnx#x',
    '',
    '.',
  ])('refuses %s', (file) => {
    expect(urlInsideFolder(folder, file)).toBeNull();
  });
});
