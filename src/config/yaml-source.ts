/**
 * Turns config text into plain data safely, and maps paths back to
 * line:column. A config can be any file a user drops on the page, so size,
 * alias expansion and nesting depth are bounded before anything reads it, and
 * every step is linear in the text: duplicate keys are found and issues are
 * located through one key index per mapping, built in a single pass.
 */
import { isAlias, isCollection, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document } from 'yaml';
import type { ConfigIssue } from './runtime-config.ts';
import { formatPath, type PathSegment } from './paths.ts';
import { errorText } from '../util/errors.ts';
import { quoteText } from './describe.ts';

/** A model config is a few KiB; anything this big is the wrong file or an attack. */
export const MAX_CONFIG_BYTES = 256 * 1024;
/** Passed to yaml's toJS: bounds alias expansion ("billion laughs"), merge keys (`<<: *a`) included. */
export const MAX_ALIAS_COUNT = 100;
/** Deepest nesting accepted; real configs use 4 levels. */
export const MAX_DEPTH = 32;

type KeyIndex = Map<string, { key: unknown; value: unknown }>;

export interface YamlSource {
  doc: Document.Parsed;
  lines: LineCounter;
  /** The document as plain JS; always a mapping (checked). */
  data: Record<string, unknown>;
  /** Each mapping node's pairs by key text, so a path resolves in O(depth). */
  keys: WeakMap<object, KeyIndex>;
}

export type ParseOutcome = { ok: true; source: YamlSource } | { ok: false; issues: ConfigIssue[] };

export interface Position {
  line: number;
  col: number;
}

const START: Position = { line: 1, col: 1 };

/** The refusal of a config of `bytes` bytes, or null when it is within MAX_CONFIG_BYTES. */
export function configSizeIssue(bytes: number): ConfigIssue | null {
  if (bytes <= MAX_CONFIG_BYTES) return null;
  return {
    path: '',
    message: `config is ${kib(bytes)} KiB (${bytes} bytes), over the ${kib(MAX_CONFIG_BYTES)} KiB limit; a model config is a few KiB, is this the right file?`,
    line: 1,
    col: 1,
  };
}

export function parseYamlSource(text: string): ParseOutcome {
  const tooBig = configSizeIssue(utf8Length(text));
  if (tooBig) return { ok: false, issues: [tooBig] };
  const lines = new LineCounter();
  let doc: Document.Parsed;
  try {
    // uniqueKeys is off: yaml compares each key with every earlier one (quadratic); indexKeys does it in one pass.
    doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: false, strict: true });
  } catch (e) {
    // The parser recurses; absurd nesting can exhaust the stack before we can measure depth.
    return fail(`config could not be parsed (${errorText(e)}); is it nested too deeply?`);
  }
  if (doc.errors.length > 0) {
    const issues = doc.errors.map((err) => {
      const at = err.linePos?.[0];
      const firstLine = err.message.split('\n')[0] ?? err.message;
      const message = firstLine.replace(/ at line \d+, column \d+:?$/, '');
      return { path: '', message: `invalid YAML: ${message}`, line: at?.line ?? 1, col: at?.col ?? 1 };
    });
    const tab = indentingTab(text, lines);
    return { ok: false, issues: tab ? [tab, ...issues] : issues };
  }
  const indexed = indexKeys(doc, lines);
  if (!indexed.ok) return indexed;
  const { keys } = indexed;
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    if (e instanceof ReferenceError && /alias/i.test(e.message)) {
      const first = firstAlias(doc, lines);
      return fail(
        `YAML aliases expand too much (more than ${MAX_ALIAS_COUNT} alias expansions, counting aliases such as ${first.name} and merge keys "<<: *anchor"): this looks like an alias bomb ("billion laughs"); a config does not need nested anchors, write the values out`,
        first.at,
      );
    }
    return fail(`config could not be read (${errorText(e)})`);
  }
  const root = doc.contents;
  if (data === null || data === undefined) {
    return fail('config is empty; it must be a YAML mapping (key: value)', startOf(root, lines));
  }
  if (typeof data !== 'object' || Array.isArray(data)) {
    return fail(`config must be a YAML mapping (key: value), got ${kindOf(data)}`, startOf(root, lines));
  }
  const source: YamlSource = { doc, lines, data: data as Record<string, unknown>, keys };
  const walked = walkValues(source);
  if (walked) return { ok: false, issues: walked };
  return { ok: true, source };
}

/**
 * Position of the node at `path`; for a path that does not exist, the
 * deepest existing ancestor (so a missing key points at its parent mapping).
 * With `atKey`, points at the key of the last segment rather than its value
 * (an unknown key is a problem with the key).
 */
export function locate(source: YamlSource, path: readonly PathSegment[], opts: { atKey?: boolean } = {}): Position {
  let node: unknown = source.doc.contents;
  let pos = startOf(node, source.lines);
  for (const [i, seg] of path.entries()) {
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = source.keys.get(node)?.get(String(seg));
      if (!pair) break;
      const keyPos = startOf(pair.key, source.lines);
      node = pair.value;
      pos = last && opts.atKey ? keyPos : startOf(node, source.lines, keyPos);
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg];
      if (item === undefined) break;
      node = item;
      pos = startOf(node, source.lines, pos);
    } else {
      break;
    }
  }
  return pos;
}

/**
 * One pass over every mapping: refuses duplicate keys (JS objects would keep
 * the last silently) and keys that are lists or mappings (they would become
 * "[object Object]"), and returns the key index `locate` uses.
 */
function indexKeys(
  doc: Document.Parsed,
  lines: LineCounter,
): { ok: true; keys: WeakMap<object, KeyIndex> } | { ok: false; issues: ConfigIssue[] } {
  const keys = new WeakMap<object, KeyIndex>();
  const issues: ConfigIssue[] = [];
  visit(doc, {
    Map(_key, map) {
      const index: KeyIndex = new Map();
      for (const pair of map.items) {
        if (isCollection(pair.key)) {
          issues.push({
            path: '',
            message: 'invalid YAML: a key must be plain text, found a list or mapping used as a key',
            ...startOf(pair.key, lines),
          });
          continue;
        }
        // yaml's own rule compares values, so `1` and "1" differ; as JS object keys they would collide.
        const text = keyText(pair.key);
        const first = index.get(text);
        if (first) {
          const was = startOf(first.key, lines);
          issues.push({
            path: '',
            message: `invalid YAML: duplicate key ${quoteText(text)} (first at line ${was.line}); map keys must be unique`,
            ...startOf(pair.key, lines),
          });
          continue;
        }
        index.set(text, pair);
      }
      keys.set(map, index);
    },
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, keys };
}

/**
 * Depth and number checks over the plain data, with paths for the messages:
 * `.nan` and `.inf` are YAML numbers but no setting of a model means them.
 * Shared subtrees (aliases) are bounded by MAX_ALIAS_COUNT.
 */
function walkValues(source: YamlSource): ConfigIssue[] | null {
  const issues: ConfigIssue[] = [];
  const path: PathSegment[] = [];
  const visitValue = (value: unknown): boolean => {
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) {
        const at = locate(source, path);
        issues.push({
          path: formatPath(path),
          message: `${Number.isNaN(value) ? '.nan' : value > 0 ? '.inf' : '-.inf'} is not a usable number here; write a finite number`,
          ...at,
        });
      }
      return true;
    }
    if (typeof value !== 'object' || value === null) return true;
    if (path.length >= MAX_DEPTH) return false;
    const entries: [PathSegment, unknown][] = Array.isArray(value)
      ? value.map((v, i) => [i, v])
      : Object.entries(value as Record<string, unknown>);
    for (const [k, v] of entries) {
      path.push(k);
      const ok = visitValue(v);
      path.pop();
      if (!ok) return false;
    }
    return true;
  };
  if (!visitValue(source.data)) {
    return [{ path: '', message: `config is nested deeper than ${MAX_DEPTH} levels`, line: 1, col: 1 }];
  }
  return issues.length > 0 ? issues : null;
}

/**
 * YAML indents with spaces only; a tab there makes the parser report
 * something unrelated further on, so the tab itself is named first.
 */
function indentingTab(text: string, lines: LineCounter): ConfigIssue | null {
  let lineStart = 0;
  while (lineStart < text.length) {
    let i = lineStart;
    while (text[i] === ' ' || text[i] === '\t') {
      if (text[i] === '\t') {
        const p = lines.linePos(i);
        return {
          path: '',
          message:
            'invalid YAML: a tab is used for indentation; YAML indents with spaces only, replace the tab with spaces',
          line: p.line,
          col: p.col,
        };
      }
      i++;
    }
    const next = text.indexOf('\n', i);
    if (next < 0) break;
    lineStart = next + 1;
  }
  return null;
}

function keyText(key: unknown): string {
  return isScalar(key) ? String(key.value) : String(key);
}

function startOf(node: unknown, lines: LineCounter, fallback: Position = START): Position {
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  if (!range) return fallback;
  const p = lines.linePos(range[0]);
  return p.line >= 1 ? { line: p.line, col: p.col } : fallback;
}

function firstAlias(doc: Document.Parsed, lines: LineCounter): { name: string; at: Position } {
  let found = { name: 'an alias', at: START };
  visit(doc, {
    Alias(_key, node) {
      if (isAlias(node)) found = { name: `*${quoteText(node.source, 40).slice(1, -1)}`, at: startOf(node, lines) };
      return visit.BREAK;
    },
  });
  return found;
}

function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return 'a boolean';
  return typeof value;
}

function kib(bytes: number): string {
  return (bytes / 1024).toFixed(bytes % 1024 === 0 ? 0 : 1);
}

function fail(message: string, at: Position = START): ParseOutcome {
  return { ok: false, issues: [{ path: '', message, line: at.line, col: at.col }] };
}
