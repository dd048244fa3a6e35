/**
 * A linear XML tokenizer for the few things the app reads in SVG text:
 * the prolog before the root element and start tags with their attributes.
 * Every character is looked at a bounded number of times (terminators are
 * found with indexOf from the current position), so hostile text costs time
 * in proportion to its length: no regex, no backtracking.
 */

export interface Attr {
  name: string;
  /** Null for a bare name (not XML, but HTML-ish files have them). */
  value: string | null;
  /** [start, end) of the whole `name="value"` in the text. */
  start: number;
  end: number;
}

export interface StartTag {
  name: string;
  attrs: Attr[];
  /** Index just after the closing `>` (or the text's length when there is none). */
  end: number;
}

/** XML white space: space, tab, LF, CR. */
const isSpaceCode = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

export function skipSpace(text: string, from: number): number {
  let i = from;
  while (isSpaceCode(text.charCodeAt(i))) i++;
  return i;
}

/** A name character that may start an element name (XML names are wider; anything else is not a tag). */
export function startsName(c: string | undefined): boolean {
  return c !== undefined && (/[A-Za-z_:]/.test(c) || c.charCodeAt(0) > 0x7f);
}

/** Ends a name: white space, `>`, `/`, `=`, a quote or `<`. */
const endsName = (c: number) =>
  isSpaceCode(c) || c === 0x3e || c === 0x2f || c === 0x3d || c === 0x22 || c === 0x27 || c === 0x3c;

function readName(text: string, from: number): number {
  let i = from;
  while (i < text.length && !endsName(text.charCodeAt(i))) i++;
  return i;
}

/** Reads the start tag whose `<` is at `at`. */
export function scanStartTag(text: string, at: number): StartTag {
  let i = readName(text, at + 1);
  const name = text.slice(at + 1, i);
  const attrs: Attr[] = [];
  for (;;) {
    i = skipSpace(text, i);
    const c = text[i];
    if (c === undefined) return { name, attrs, end: text.length };
    if (c === '>') return { name, attrs, end: i + 1 };
    if (c === '<') return { name, attrs, end: i }; // malformed: the next tag starts here
    if (c === '/') {
      i++;
      continue;
    }
    const start = i;
    const nameEnd = readName(text, i);
    if (nameEnd === i) {
      i++; // a stray `=` or quote: skip it so the scan always moves on
      continue;
    }
    const attrName = text.slice(i, nameEnd);
    i = skipSpace(text, nameEnd);
    if (text[i] !== '=') {
      attrs.push({ name: attrName, value: null, start, end: nameEnd });
      continue;
    }
    i = skipSpace(text, i + 1);
    const q = text[i];
    let value: string;
    if (q === '"' || q === "'") {
      const close = text.indexOf(q, i + 1);
      const stop = close < 0 ? text.length : close;
      value = text.slice(i + 1, stop);
      i = close < 0 ? text.length : close + 1;
    } else {
      const stop = readName(text, i);
      value = text.slice(i, stop);
      i = stop;
    }
    attrs.push({ name: attrName, value, start, end: i });
  }
}

/** Index after the `>` that closes the DOCTYPE at `at`, past quoted strings, comments and its internal subset. */
export function endOfDoctype(text: string, at: number): number {
  let subset = false;
  let i = at + 2;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"' || c === "'") {
      const close = text.indexOf(c, i + 1);
      if (close < 0) return text.length;
      i = close + 1;
      continue;
    }
    if (subset && text.startsWith('<!--', i)) {
      const close = text.indexOf('-->', i + 4);
      if (close < 0) return text.length;
      i = close + 3;
      continue;
    }
    if (c === '[') subset = true;
    else if (c === ']') subset = false;
    else if (c === '>' && !subset) return i + 1;
    i++;
  }
  return text.length;
}

/** Index after the end of a comment, CDATA section or processing instruction at `at`, or -1 when `at` holds none. */
export function endOfMarkupDeclaration(text: string, at: number): number {
  const next = text.charCodeAt(at + 1);
  if (next !== 0x21 && next !== 0x3f) return -1; // neither "<!" nor "<?"
  const skipTo = (close: string, from: number) => {
    const k = text.indexOf(close, from);
    return k < 0 ? text.length : k + close.length;
  };
  if (next === 0x3f) return skipTo('?>', at + 2);
  if (text.startsWith('<!--', at)) return skipTo('-->', at + 4);
  if (text.startsWith('<![CDATA[', at)) return skipTo(']]>', at + 9);
  return endOfDoctype(text, at);
}

/**
 * The root element's start tag, found by walking the prolog (XML
 * declaration, comments, processing instructions, DOCTYPE) structurally, so
 * an `<svg` inside a comment or the DOCTYPE is never taken for the root.
 * Null when the text holds something else before its first element.
 */
export function rootStartTag(text: string): StartTag | null {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    i = skipSpace(text, i);
    if (text[i] !== '<') return null;
    const end = endOfMarkupDeclaration(text, i);
    if (end >= 0) {
      i = end;
      continue;
    }
    return startsName(text[i + 1]) ? scanStartTag(text, i) : null;
  }
}

/** `svg` for both `svg` and a prefixed `svg:svg`. */
export function localName(name: string): string {
  const colon = name.lastIndexOf(':');
  return (colon < 0 ? name : name.slice(colon + 1)).toLowerCase();
}
