// Configs built to break the loader: prototype-named keys, non-finite numbers,
// merge keys, tabs, encodings, oversized inputs, escaping paths, and sizes
// that made the old loader quadratic. Each is built here, in the test.
import { describe, expect, it } from 'vitest';
import { type ConfigIssue, loadConfigBytes, loadConfigText, MAX_INPUT_SIDE } from './index.ts';
import { read } from './fixtures/cases.ts';
import { unsafePathReason } from './schemas/fields.ts';

const V2 = read('v2-full.yaml');
const V1 = read('v1-minimal.yaml');

const refuse = (text: string): ConfigIssue[] => {
  const result = loadConfigText(text, { id: 'x' });
  if (result.ok) throw new Error('expected refusal');
  return result.issues;
};
const refuseBytes = (bytes: Uint8Array): ConfigIssue[] => {
  const result = loadConfigBytes(bytes, { id: 'x' });
  if (result.ok) throw new Error('expected refusal');
  return result.issues;
};
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('prototype-named keys are unknown keys like any other', () => {
  it.each(['__proto__', 'constructor', 'prototype'])('%s at the top level and nested', (key) => {
    const top = refuse(`${key}: 1\n${V1}`);
    expect(top[0]).toMatchObject({ path: key, line: 1, col: 1 });
    expect(top[0]!.message).toContain(`unknown key "${key}"`);
    const nested = refuse(V2.replace('  stride: 32\n', `  stride: 32\n  ${key}: {file: evil.onnx}\n`));
    expect(nested).toHaveLength(1);
    expect(nested[0]).toMatchObject({ path: `model.${key}`, line: 12, col: 3 });
  });

  it('a __proto__ mapping never reaches the config through the prototype', () => {
    const text = `__proto__: {file: evil.onnx, input_size: 320}\n${V1}`;
    expect(refuse(text)[0]!.path).toBe('__proto__');
  });
});

describe('non-finite numbers are refused wherever they appear', () => {
  it.each([
    ['.nan', 'postprocess.confidence', V2.replace('confidence: 0.4', 'confidence: .nan')],
    ['.inf', 'postprocess.iou', V2.replace('iou: 0.5', 'iou: .inf')],
    ['-.inf', 'preprocess.pad_value', V2.replace('pad_value: 0', 'pad_value: -.Inf')],
    ['.nan', 'labels[1]', V2.replace('[person, bicycle, car]', '[person, .NaN, car]')],
    ['.inf', 'conf_threshold', `${V1}conf_threshold: .inf\n`],
  ])('%s at %s', (spelled, path, text) => {
    const issues = refuse(text);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe(path);
    expect(issues[0]!.message).toBe(`${spelled} is not a usable number here; write a finite number`);
    expect(issues[0]!.line).toBeGreaterThan(1);
  });
});

describe('input sides are bounded before anything is allocated', () => {
  it(`accepts ${MAX_INPUT_SIDE} and refuses one stride more, for size, max_side and v1 input_size`, () => {
    expect(loadConfigText(V2.replace('[640, 480]', `[${MAX_INPUT_SIDE}, 480]`), { id: 'x' }).ok).toBe(true);
    const cases: [string, string][] = [
      [V2.replace('[640, 480]', '[4128, 480]'), 'model.input.size[0]'],
      [V2.replace('[640, 480]', '[640, 32768]'), 'model.input.size[1]'],
      [V2.replace('size: [640, 480]', 'dynamic: { max_side: 32768 }'), 'model.input.dynamic.max_side'],
      [V1.replace('input_size: 640', 'input_size: 8192'), 'input_size'],
    ];
    for (const [text, path] of cases) {
      const issues = refuse(text);
      expect(issues.map((i) => i.path)).toEqual([path]);
      expect(issues[0]!.message).toMatch(/each input side is at most 4096 px, got \d+/);
    }
  });

  it('1e300 is an integer to JavaScript; it is refused as too large, not as a stride mismatch', () => {
    const issues = refuse(V2.replace('[640, 480]', '[1e300, 1e300]'));
    expect(issues.map((i) => i.path)).toEqual(['model.input.size[0]', 'model.input.size[1]']);
    expect(issues[0]!.message).toContain('at most 4096 px, got 1e+300');
  });
});

describe('YAML merge keys', () => {
  it('an alias bomb built from merge keys is stopped by the alias limit, and the message names aliases', () => {
    const lines = ['a: &a {x: 1, y: 2, z: 3, w: 4, v: 5, u: 6, t: 7, s: 8, r: 9}'];
    for (let i = 0; i < 8; i++) {
      const [prev, next] = [String.fromCharCode(97 + i), String.fromCharCode(98 + i)];
      lines.push(`${next}: &${next} {<<: [${Array(9).fill(`*${prev}`).join(', ')}], k${i}: 1}`);
    }
    const [issue] = refuse(lines.join('\n'));
    expect(issue!.message).toMatch(
      /aliases expand too much \(more than 100 alias expansions, counting aliases such as \*a and merge keys/,
    );
    expect(issue).toMatchObject({ line: 2, col: 13 });
  });

  it('a harmless merge key is refused by name, not applied', () => {
    const text = `${V1}defaults: &d {conf_threshold: 0.3}\n<<: *d\n`;
    const issues = refuse(text);
    expect(issues.map((i) => i.path)).toEqual(['defaults', '<<']);
    expect(issues[1]!.message).toContain('YAML merge keys ("<<: *anchor") are not supported');
  });
});

describe('tabs, BOM, CRLF and encodings', () => {
  it('tab indentation is reported at the tab, with line:col', () => {
    const text = V2.replace('  output:\n    name: output0', '  output:\n\t  name: output0');
    const [issue] = refuse(text);
    expect(issue).toMatchObject({ path: '', line: 9, col: 1 });
    expect(issue!.message).toContain('a tab is used for indentation');
  });

  it('a tab inside a block scalar is still found, at its column', () => {
    const [issue] = refuse('schema_version: 2\nname: |\n  line\n  \tmore\nlabels:\n\t- a\n');
    expect(issue).toMatchObject({ line: 4, col: 3 });
  });

  it('UTF-8 with a BOM and CRLF line ends loads exactly like the plain file', () => {
    const plain = loadConfigBytes(utf8(V2), { id: 'x' });
    const bomCrlf = loadConfigBytes(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8(V2.replace(/\n/g, '\r\n'))]), {
      id: 'x',
    });
    expect(plain.ok && bomCrlf.ok).toBe(true);
    if (plain.ok && bomCrlf.ok) expect(bomCrlf.config).toEqual(plain.config);
  });

  it('positions stay right with CRLF', () => {
    const issues = refuseBytes(utf8(V2.replace('confidence: 0.4', 'confidence: 4').replace(/\n/g, '\r\n')));
    expect(issues[0]).toMatchObject({ path: 'postprocess.confidence', line: 15, col: 15 });
  });

  it.each([
    ['UTF-16 LE with a BOM', [0xff, 0xfe], 'utf-16le', /config is UTF-16 text .*save it as UTF-8/],
    ['UTF-16 BE with a BOM', [0xfe, 0xff], 'utf-16be', /config is UTF-16 text .*save it as UTF-8/],
    ['UTF-16 LE without a BOM', [], 'utf-16le', /config looks like UTF-16 text .*save it as UTF-8/],
  ])('%s is refused, saying so', (_name, bom, encoding, message) => {
    const body = [...V1].flatMap((ch) => {
      const c = ch.charCodeAt(0);
      return encoding === 'utf-16le' ? [c & 0xff, c >> 8] : [c >> 8, c & 0xff];
    });
    const issues = refuseBytes(Uint8Array.from([...bom, ...body]));
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message).toMatch(message);
  });

  it('invalid UTF-8 (a Latin-1 é) is refused with the offset, never decoded with replacement characters', () => {
    const bytes = Uint8Array.from([...utf8('name: caf'), 0xe9, ...utf8('\n'), ...utf8(V1)]);
    const [issue] = refuseBytes(bytes);
    expect(issue!.message).toMatch(/config is not valid UTF-8 \(first bad byte at offset 9, perhaps Latin-1/);
  });

  it('a config over the size limit is refused from its byte count, before decoding', () => {
    const [issue] = refuseBytes(new Uint8Array(300 * 1024).fill(0xff));
    expect(issue!.message).toMatch(/config is 300 KiB \(307200 bytes\), over the 256 KiB limit/);
  });
});

describe('paths that would leave the bundle', () => {
  it.each([
    ['%2e%2e/yolov5n/m.onnx', /"\.\." segment.* after decoding its percent-escapes \("\.\.\/yolov5n\/m\.onnx"\)/],
    ['.%2E/m.onnx', /"\.\." segment.* after decoding its percent-escapes/],
    ['sub%2f..%2f..%2fm.onnx', /"\.\." segment.* after decoding its percent-escapes/],
    ['%252e%252e/m.onnx', /percent-encoded twice/],
    ['a%5c..%5cm.onnx', /backslash.* after decoding its percent-escapes/],
    ['sub\\m.onnx', /contains a backslash/],
    ['m\u0001.onnx', /contains a control character/],
    ['m%00.onnx', /control character after decoding its percent-escapes/],
    ['gpj.\u202eonnx', /contains a control character/],
    ['m%zz.onnx', /malformed percent-escape/],
    ['m.onnx?x=1', /"\?" or "#"/],
    ['h%74tps:m.onnx', /URL scheme "https:".* after decoding its percent-escapes/],
  ])('%s', (file, why) => {
    expect(unsafePathReason(file)).toMatch(why);
    const issues = refuse(V2.replace('file: model.onnx', `file: ${JSON.stringify(file)}`));
    expect(issues.map((i) => i.path)).toEqual(['model.file']);
    expect(issues[0]!.message).toMatch(why);
  });

  it.each(['model.onnx', 'weights/yolov5n.onnx', 'my%20model.onnx', './model.onnx'])('%s stays inside', (file) => {
    expect(unsafePathReason(file)).toBeUndefined();
  });

  it('v1 model_path gets the same rules', () => {
    const issues = refuse(V1.replace('model_path: yolov5n-640.onnx', 'model_path: "%2e%2e/%2e%2e/etc/passwd"'));
    expect(issues.map((i) => i.path)).toEqual(['model_path']);
  });
});

describe('inputs that made the loader quadratic (sizes only; speed is in npm run bench)', () => {
  const many = (n: number) => Array.from({ length: n }, (_, i) => `k${i}: 1`).join('\n');

  it('20 000 unknown keys: every one reported, each at its own line', () => {
    const issues = refuse(`${V1}${many(20_000)}\n`);
    expect(issues).toHaveLength(20_000);
    expect(issues[19_999]).toMatchObject({ path: 'k19999', line: 5 + 19_999, col: 1 });
  });

  it('a duplicate key after 20 000 others is found, naming the first occurrence', () => {
    const issues = refuse(`${V1}${many(20_000)}\nk7: 2\n`);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ line: 20_005, col: 1 });
    expect(issues[0]!.message).toBe('invalid YAML: duplicate key "k7" (first at line 12); map keys must be unique');
  });

  it('"1" and 1 are the same key once in a JS object, so they are duplicates', () => {
    expect(refuse(`${V1}1: a\n"1": b\n`)[0]!.message).toContain('duplicate key "1"');
  });

  it('a list used as a key is refused rather than turned into "[object Object]"', () => {
    expect(refuse(`${V1}? [a, b]\n: c\n`)[0]!.message).toContain('a key must be plain text');
  });

  it('a 100 000-character key is quoted short in its message', () => {
    const issues = refuse(`${V1}${'k'.repeat(100_000)}: 1\n`);
    expect(issues[0]!.message.length).toBeLessThan(300);
  });
});
