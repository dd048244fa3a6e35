/**
 * Turns config text into plain data safely, and maps paths back to
 * line:column. A config can be any file a user drops on the page, so size,
 * alias expansion and nesting depth are bounded before anything reads it.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document } from 'yaml';
import type { ConfigIssue } from './runtime-config.ts';
import type { PathSegment } from './paths.ts';
import { errorText } from '../util/errors.ts';

/** A model config is a few KiB; anything this big is the wrong file or an attack. */
export const MAX_CONFIG_BYTES = 256 * 1024;
/** Passed to yaml's toJS: bounds alias expansion ("billion laughs"). */
export const MAX_ALIAS_COUNT = 100;
/** Deepest nesting accepted; real configs use 4 levels. */
export const MAX_DEPTH = 32;

export interface YamlSource {
  doc: Document.Parsed;
  lines: LineCounter;
  /** The document as plain JS; always a mapping (checked). */
  data: Record<string, unknown>;
}

export type ParseOutcome = { ok: true; source: YamlSource } | { ok: false; issues: ConfigIssue[] };

export interface Position {
  line: number;
  col: number;
}

const START: Position = { line: 1, col: 1 };

export function parseYamlSource(text: string): ParseOutcome {
  const bytes = new TextEncoder().encode(text).byteLength;
  if (bytes > MAX_CONFIG_BYTES) {
    return fail(
      `config is ${kib(bytes)} KiB (${bytes} bytes), over the ${kib(MAX_CONFIG_BYTES)} KiB limit; a model config is a few KiB, is this the right file?`,
    );
  }
  const lines = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true, strict: true });
  } catch (e) {
    // The parser recurses; absurd nesting can exhaust the stack before we can measure depth.
    return fail(`config could not be parsed (${errorText(e)}); is it nested too deeply?`);
  }
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((err) => {
        const at = err.linePos?.[0];
        const firstLine = err.message.split('\n')[0] ?? err.message;
        const message = firstLine.replace(/ at line \d+, column \d+:?$/, '');
        return { path: '', message: `invalid YAML: ${message}`, line: at?.line ?? 1, col: at?.col ?? 1 };
      }),
    };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    if (e instanceof ReferenceError && /alias/i.test(e.message)) {
      return fail(
        `YAML aliases expand too much (more than ${MAX_ALIAS_COUNT} alias expansions): this looks like an alias bomb ("billion laughs"); a config does not need nested anchors, write the values out`,
        firstAliasPosition(doc, lines),
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
  if (depthOf(data, 0) > MAX_DEPTH) return fail(`config is nested deeper than ${MAX_DEPTH} levels`);
  return { ok: true, source: { doc, lines, data: data as Record<string, unknown> } };
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
      const pair = node.items.find((p) => keyText(p.key) === String(seg));
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

function keyText(key: unknown): string {
  return isScalar(key) ? String(key.value) : String(key);
}

function startOf(node: unknown, lines: LineCounter, fallback: Position = START): Position {
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  if (!range) return fallback;
  const p = lines.linePos(range[0]);
  return p.line >= 1 ? { line: p.line, col: p.col } : fallback;
}

function firstAliasPosition(doc: Document.Parsed, lines: LineCounter): Position {
  let pos = START;
  visit(doc, {
    Alias(_key, node) {
      if (isAlias(node)) pos = startOf(node, lines);
      return visit.BREAK;
    },
  });
  return pos;
}

function depthOf(value: unknown, depth: number): number {
  if (depth > MAX_DEPTH || typeof value !== 'object' || value === null) return depth;
  let max = depth;
  for (const child of Object.values(value)) max = Math.max(max, depthOf(child, depth + 1));
  return max;
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
