/**
 * Valibot building blocks shared by the schema versions. Each carries its own
 * messages so every issue states what was expected and what was found, and
 * none has a default: builders fill defaults so they can report each one.
 */
import * as v from 'valibot';
import { describeValue, unquoteHint } from '../describe.ts';
import { MAX_CLASSES } from '../runtime-config.ts';
import { suggestKey } from '../suggest.ts';

/**
 * A mapping that rejects unknown keys, suggesting the nearest allowed key.
 * A loose object plus our own key check (rather than strictObject) so every
 * unknown key is reported, not just the first, and the message can name the
 * key. scripts/schema.ts restores `additionalProperties: false` in JSON Schema.
 */
export function strictMapping<const E extends v.ObjectEntries>(entries: E, what: string) {
  const allowed = Object.keys(entries);
  return v.pipe(
    v.looseObject(entries, (issue) =>
      issue.input === undefined && issue.path
        ? 'required key is missing'
        : `expected a mapping (${what}), got ${describeValue(issue.input)}`,
    ),
    v.rawCheck(({ dataset, addIssue }) => {
      const value: unknown = dataset.value;
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
      const record = value as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        if (allowed.includes(key)) continue;
        const guess = suggestKey(key, allowed);
        addIssue({
          label: 'key',
          input: key,
          expected: 'never',
          message: `unknown key "${key}"${guess ? `; did you mean ${guess}?` : ''} (allowed here: ${allowed.join(', ')})`,
          path: [{ type: 'object', origin: 'key', input: record, key, value: record[key] }],
        });
      }
    }),
  );
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

/** A positive integer that must be a multiple of a fixed stride (v1's input_size). */
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

/**
 * Why a path would leave the bundle folder, or undefined if it stays inside.
 * A config may come from anywhere (a dropped file), so it must never make the
 * app fetch a URL or a file outside its bundle.
 */
export function unsafePathReason(p: string): string | undefined {
  if (p.trim() === '') return 'is empty';
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(p);
  if (scheme) return `has a URL scheme "${scheme[1]}:"; only plain paths inside the bundle are allowed`;
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
          message: `must be a relative path inside the bundle folder, e.g. model.onnx; ${JSON.stringify(dataset.value)} ${why}`,
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
