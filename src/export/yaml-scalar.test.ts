import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { yamlQuoted, yamlScalar } from './yaml-scalar.ts';

// Names that a naive writer gets wrong: YAML 1.1 booleans and null, numbers, indicators, quotes, line breaks, unicode.
const TRICKY = [
  'person',
  'traffic light',
  'yes',
  'No',
  'ON',
  'off',
  'y',
  'n',
  'true',
  'null',
  '~',
  '',
  '1',
  '3.14',
  '1e3',
  '0x1F',
  '.inf',
  '.nan',
  'a: b',
  'a #b',
  '# c',
  '- dash',
  '? q',
  '@at',
  '`tick',
  '*star',
  '&anchor',
  '!tag',
  '%pct',
  '[x]',
  '{y}',
  '|',
  '>',
  "it's",
  'say "hi"',
  'back\\slash',
  ' leading',
  'trailing ',
  'tab\there',
  'line\nbreak',
  'cr\rhere',
  'nel\u0085here',
  'ls\u2028here',
  'bom\ufeffhere',
  'ünïcödé',
  '日本語',
  'emoji 🚌',
  'Ünicode start',
];

describe('yamlScalar', () => {
  it('writes plain only what is plainly a string', () => {
    expect(yamlScalar('person')).toBe('person');
    expect(yamlScalar('traffic light')).toBe('traffic light');
    expect(yamlScalar('hair-drier_2.0')).toBe('hair-drier_2.0');
    expect(yamlScalar('yes')).toBe('"yes"');
    expect(yamlScalar('Off')).toBe('"Off"');
    expect(yamlScalar('1')).toBe('"1"');
    expect(yamlScalar('a: b')).toBe('"a: b"');
    expect(yamlScalar('say "hi"')).toBe('"say \\"hi\\""');
    expect(yamlScalar('line\nbreak')).toBe('"line\\u000abreak"');
    expect(yamlScalar('ünï')).toBe('"ünï"');
  });

  it('reads back as the same string in YAML 1.2 and YAML 1.1 (where yes/no/on/off are booleans)', () => {
    const doc = `names:\n${TRICKY.map((t) => `  - ${yamlScalar(t)}`).join('\n')}\n`;
    expect(parse(doc).names).toEqual(TRICKY);
    expect(parse(doc, { version: '1.1' }).names).toEqual(TRICKY);
  });

  it('reads back as the same string in PyYAML (what Ultralytics loads data.yaml with)', () => {
    const doc = `names:\n${TRICKY.map((t) => `  - ${yamlScalar(t)}`).join('\n')}\n`;
    const r = spawnSync(
      'python3',
      ['-c', 'import sys, json, yaml; print(json.dumps(yaml.safe_load(sys.stdin.read())["names"]))'],
      { input: doc, encoding: 'utf8' },
    );
    if (r.status !== 0 && /No module named|ENOENT/.test(`${r.stderr}${r.error}`)) return; // no python3 or PyYAML here
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual(TRICKY);
  });

  it('yamlQuoted keeps any string on one line, so it is safe inside a comment', () => {
    for (const t of TRICKY) expect(yamlQuoted(t)).not.toMatch(/[\n\r\u0085\u2028\u2029]/);
  });
});
