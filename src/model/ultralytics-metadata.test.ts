import { describe, expect, it } from 'vitest';
import { namesCount, parseImgszMetadata, parseNamesEntries, parseNamesMetadata } from './ultralytics-metadata.ts';

describe('parseNamesMetadata', () => {
  it('parses the Ultralytics dict literal', () => {
    expect(parseNamesMetadata("{0: 'person', 1: 'bicycle'}")).toEqual(['person', 'bicycle']);
  });
  it('handles both quote styles and escapes', () => {
    expect(parseNamesMetadata(`{0: "it's", 1: 'say \\'hi\\'', 2: "a\\"b", 3: 'back\\\\slash'}`)).toEqual([
      "it's",
      "say 'hi'",
      'a"b',
      'back\\slash',
    ]);
  });
  it('orders by key and tolerates a trailing comma and whitespace', () => {
    expect(parseNamesMetadata(" {1: 'b',\n 0: 'a', } ")).toEqual(['a', 'b']);
  });
  it('accepts a list literal', () => {
    expect(parseNamesMetadata('[\'a\', "b"]')).toEqual(['a', 'b']);
  });
  it.each([
    '',
    'person,bicycle',
    "{0: 'a', 2: 'c'}",
    "{0: 'a', 0: 'b'}",
    "{0: 'a'",
    "{0: 'a'} x",
    "{'a': 0}",
    '{0: a}',
  ])('returns null for %j', (s) => expect(parseNamesMetadata(s)).toBeNull());
});

describe('parseNamesEntries', () => {
  it('keeps the ids it has, gaps included, so a missing name shifts no class', () => {
    const e = parseNamesEntries("{0: 'a', 2: 'c', 5: ''}")!;
    expect([...e.entries()]).toEqual([
      [0, 'a'],
      [2, 'c'],
      [5, ''],
    ]);
    expect(namesCount(e)).toBe(6);
    expect(namesCount(parseNamesEntries('{}')!)).toBe(0);
    expect([...parseNamesEntries("['a', 'a']")!.values()]).toEqual(['a', 'a']);
  });
  it.each(["{0: 'a', 0: 'b'}", "{-1: 'a'}", "{100001: 'a'}", 'person', "{0: 'a'"])('returns null for %j', (s) =>
    expect(parseNamesEntries(s)).toBeNull(),
  );
});

describe('parseImgszMetadata', () => {
  it('reads str(list) as [height, width], and a single size', () => {
    expect(parseImgszMetadata('[640, 640]')).toEqual({ width: 640, height: 640 });
    expect(parseImgszMetadata('[384, 640]')).toEqual({ width: 640, height: 384 });
    expect(parseImgszMetadata('(480, 640)')).toEqual({ width: 640, height: 480 });
    expect(parseImgszMetadata(' 320 ')).toEqual({ width: 320, height: 320 });
  });
  it.each([undefined, '', '[640]', '[0, 640]', '[640, 640, 3]', '[a, b]', '640.5', '[-1, 640]'])(
    'returns null for %j',
    (s) => expect(parseImgszMetadata(s)).toBeNull(),
  );
});
