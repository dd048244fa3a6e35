/**
 * Valibot building blocks shared by the schema versions. Each carries its own
 * messages so every issue states what was expected and what was found, and
 * none has a default: builders fill defaults so they can report each one.
 */
import * as v from 'valibot';
import { describeValue, quoteText, unquoteHint } from '../describe.ts';
import { MAX_CLASSES, MAX_INPUT_SIDE } from '../runtime-config.ts';
import { suggestKey } from '../suggest.ts';
import { urlInsideFolder } from '../../util/bundle-url.ts';
import { displayText } from '../../util/text.ts';

/**
 * A mapping that rejects unknown keys, suggesting the nearest allowed key.
 * A loose object plus our own key check (rather than strictObject) so every
 * unknown key is reported, not just the first, and the message can name the
 * key. The check reads the keys of the input itself: valibot's object schemas
 * drop `__proto__`, `constructor` and `prototype` from their output, and those
 * must be refused like any other unknown key, not vanish.
 * scripts/schema.ts restores `additionalProperties: false` in JSON Schema.
 */
export function strictMapping<const E extends v.ObjectEntries>(entries: E, what: string) {
  const allowed = Object.keys(entries);
  const loose = v.looseObject(entries, (issue) =>
    issue.input === undefined && issue.path
      ? 'required key is missing'
      : `expected a mapping (${what}), got ${describeValue(issue.input)}`,
  );
  const run: (typeof loose)['~run'] = (dataset, config) => {
    const input: unknown = dataset.value;
    const out = loose['~run'](dataset, config);
    if (typeof input !== 'object' || input === null || Array.isArray(input)) return out;
    const record = input as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (allowed.includes(key)) continue;
      const issue: v.BaseIssue<unknown> = {
        kind: 'validation',
        type: 'known_keys',
        input: key,
        // issues.ts reads `expected: never` as "an unknown key" (positioned at the key).
        expected: 'never',
        received: quoteText(key),
        message: unknownKeyMessage(key, allowed),
        requirement: allowed,
        path: [{ type: 'object', origin: 'key', input: record, key, value: record[key] }],
      };
      const issues = out.issues as v.BaseIssue<unknown>[] | undefined;
      if (issues) issues.push(issue);
      else (out as { issues?: v.BaseIssue<unknown>[] }).issues = [issue];
    }
    return out;
  };
  const schema = { ...loose, '~run': run };
  // Standard Schema consumers must get the same key check (valibot returns the dataset as the result).
  const validate = (value: unknown) => run({ value }, v.getGlobalConfig());
  schema['~standard'] = { ...loose['~standard'], validate: validate as (typeof loose)['~standard']['validate'] };
  return schema;
}

function unknownKeyMessage(key: string, allowed: readonly string[]): string {
  const list = `(allowed here: ${allowed.join(', ')})`;
  if (key === '<<') return `YAML merge keys ("<<: *anchor") are not supported in configs; write the keys out ${list}`;
  const guess = suggestKey(key, allowed);
  return `unknown key ${quoteText(key)}${guess ? `; did you mean ${guess}?` : ''} ${list}`;
}

/** A number in an open/half-open interval such as 0 < x < 1; strings are refused, never parsed. */
export function fraction(opts: { maxInclusive: boolean }) {
  const range = opts.maxInclusive ? '0 < x ≤ 1' : '0 < x < 1';
  const bad = (i: { input: unknown }) => `must be ${range}, got ${describeValue(i.input)}`;
  return v.pipe(
    v.number((i) => `expected a number ${range}, got ${describeValue(i.input)}${unquoteHint(i.input, 'number')}`),
    v.gtValue(0, bad),
    opts.maxInclusive ? v.maxValue(1, bad) : v.ltValue(1, bad),
  );
}

/** An integer min..max (max optional). */
export function integer(min: number, max?: number) {
  const range = max === undefined ? `an integer ≥ ${min}` : `an integer ${min}..${max}`;
  const bad = (i: { input: unknown }) => `must be ${range}, got ${describeValue(i.input)}`;
  const base = v.pipe(
    v.number((i) => `expected ${range}, got ${describeValue(i.input)}${unquoteHint(i.input, 'number')}`),
    v.integer(bad),
    v.minValue(min, bad),
  );
  return max === undefined ? base : v.pipe(base, v.maxValue(max, bad));
}

/**
 * One side of the model input in pixels: at most MAX_INPUT_SIDE, so a config
 * cannot make the worker allocate a tensor of any size it likes.
 */
export function inputSide() {
  const range = `an integer 1..${MAX_INPUT_SIDE}`;
  const bad = (i: { input: unknown }) => `must be ${range}, got ${describeValue(i.input)}`;
  return v.pipe(
    v.number((i) => `expected ${range}, got ${describeValue(i.input)}${unquoteHint(i.input, 'number')}`),
    v.integer(bad),
    v.minValue(1, bad),
    v.maxValue(MAX_INPUT_SIDE, tooLarge),
  );
}

function tooLarge(i: { input: unknown }): string {
  return `each input side is at most ${MAX_INPUT_SIDE} px, got ${describeValue(i.input)}; YOLO models are exported at 320 to 1280, use that size`;
}

/** A positive integer that must be a multiple of a fixed stride (v1's input_size), at most MAX_INPUT_SIDE. */
export function strideMultiple(stride: number) {
  const range = `a positive integer multiple of ${stride}`;
  const bad = (i: { input: unknown }) => {
    const n = Number(i.input);
    const near = Number.isFinite(n) && n > 0 ? `; nearest: ${nearestMultiples(n, stride).join(' or ')}` : '';
    return `must be ${range}, got ${describeValue(i.input)}${near}`;
  };
  return v.pipe(
    v.number((i) => `expected ${range}, got ${describeValue(i.input)}${unquoteHint(i.input, 'number')}`),
    v.integer(bad),
    v.minValue(stride, bad),
    v.maxValue(MAX_INPUT_SIDE, tooLarge),
    v.multipleOf(stride, bad),
  );
}

/** The stride multiples around n, for "nearest: 640 or 672" hints. */
export function nearestMultiples(n: number, stride: number): number[] {
  const lo = Math.floor(n / stride) * stride;
  return lo >= stride ? [lo, lo + stride] : [stride];
}

export function boolean() {
  return v.boolean((i) => `expected true or false, got ${describeValue(i.input)}${unquoteHint(i.input, 'boolean')}`);
}

/** A string with at least one visible character. */
export function text(what: string) {
  return v.pipe(
    v.string((i) => `expected ${what} (a string), got ${describeValue(i.input)}`),
    v.regex(/\S/, `must not be empty; give ${what}`),
  );
}

/** A stand-in bundle folder: the rules are about where the name resolves, not about this host. */
const PROBE_FOLDER = 'https://bundle.invalid/models/bundle/';

/**
 * Why a path would leave the bundle folder, or undefined if it stays inside.
 * A config may come from anywhere (a dropped file), so it must never make the
 * app fetch a URL or a file outside its bundle. The rules apply to the text as
 * written and after decoding percent-escapes (a server decodes `%2e%2e%2f`
 * to `../`), and the name must also resolve, as a URL, inside the folder.
 */
export function unsafePathReason(p: string): string | undefined {
  if (p.trim() === '') return 'is empty';
  const raw = textReason(p);
  if (raw) return raw;
  let decoded: string;
  try {
    decoded = decodeURIComponent(p);
  } catch {
    return 'contains a malformed percent-escape (a "%" not followed by two hex digits)';
  }
  if (decoded !== p) {
    const why = textReason(decoded);
    if (why) return `${why} after decoding its percent-escapes (${quoteText(decoded, 40)})`;
    if (/%[0-9a-f]{2}/i.test(decoded)) return 'is percent-encoded twice';
  }
  if (/[?#]/.test(p)) return 'contains "?" or "#", which a URL would not keep in a file name';
  if (!urlInsideFolder(PROBE_FOLDER, p)) return 'resolves, as a URL, to a place outside the bundle folder';
  return undefined;
}

/** displayText escapes exactly the control and bidi characters: any change means one is there. */
function hasControlCharacter(p: string): boolean {
  return displayText(p) !== p;
}

function textReason(p: string): string | undefined {
  // Control characters (and bidi controls) would hide what the path really is, on screen and in a URL.
  if (hasControlCharacter(p)) return 'contains a control character';
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(p);
  if (scheme)
    return `has a URL scheme ${quoteText(`${scheme[1]}:`, 20)}; only plain paths inside the bundle are allowed`;
  if (p.startsWith('/') || p.startsWith('\\')) return 'is absolute (starts with a slash)';
  if (p.includes('\\')) return 'contains a backslash; use / between folders';
  const segments = p.split('/');
  if (segments.includes('..')) return 'contains a ".." segment, which would leave the bundle folder';
  if (segments.some((s) => s === '')) return 'contains an empty segment ("//" or a trailing "/")';
  return undefined;
}

/** A relative file path inside the bundle folder. */
export function bundleFile() {
  return v.pipe(
    v.string((i) => `expected a file name inside the bundle (a string), got ${describeValue(i.input)}`),
    v.rawCheck(({ dataset, addIssue }) => {
      if (!dataset.typed) return;
      const why = unsafePathReason(dataset.value);
      if (why) {
        addIssue({
          message: `must be a relative path inside the bundle folder, e.g. model.onnx; ${quoteText(dataset.value)} ${why}`,
        });
      }
    }),
  );
}

/** A non-empty list of unique, non-empty class names, at most MAX_CLASSES of them. */
export function labelList(key: string) {
  return v.pipe(
    uniqueList(text('a class name'), key, 'class names', 'labels'),
    v.maxLength(
      MAX_CLASSES,
      (i) =>
        `lists ${Array.isArray(i.input) ? i.input.length : '?'} class names; this app supports 1 to ${MAX_CLASSES} classes`,
    ),
  );
}

/**
 * A non-empty list whose items must be unique; a duplicate is reported at its
 * own index (`labels[3]`) so the user can find it.
 */
export function uniqueList<S extends v.GenericSchema<unknown, string>>(
  item: S,
  key: string,
  plural: string,
  noun: string,
) {
  return v.pipe(
    v.array(item, (i) => `expected a list of ${plural}, got ${describeValue(i.input)}`),
    v.minLength(1, `must list at least one of the ${plural}, got an empty list`),
    v.rawCheck(({ dataset, addIssue }) => {
      if (!dataset.typed) return;
      const list = dataset.value as string[];
      const seen = new Map<string, number>();
      list.forEach((entry, index) => {
        const first = seen.get(entry);
        if (first === undefined) {
          seen.set(entry, index);
          return;
        }
        addIssue({
          input: entry,
          message: `duplicate ${JSON.stringify(entry)} (already ${key}[${first}]); ${noun} must be unique`,
          path: [{ type: 'array', origin: 'value', input: list, key: index, value: entry }],
        });
      });
    }),
  );
}
