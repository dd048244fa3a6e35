/**
 * Readers for the `metadata_props` that Ultralytics exports write into an ONNX
 * model: `stride` as str(int), `names` as a Python literal (`str(dict)`).
 */

export function parseStrideMetadata(value: string | undefined): number | null {
  if (value === undefined) return null;
  // Exporters write str(int) or str(float) ("32", "32.0"); anything else is unusable.
  const n = Number(value.trim());
  return Number.isInteger(n) && n > 0 ? n : null;
}

/**
 * Parses the `imgsz` metadata, which Ultralytics writes as `str(list)` of
 * [height, width] (`[640, 640]`), or a single size. Null when unusable.
 */
export function parseImgszMetadata(value: string | undefined): { width: number; height: number } | null {
  if (value === undefined) return null;
  const s = value.trim();
  const pos = (t: string) => {
    const n = Number(t.trim());
    return Number.isInteger(n) && n > 0 ? n : null;
  };
  const one = pos(s);
  if (one !== null) return { width: one, height: one };
  const m = /^[[(]\s*([^,\])]+)\s*,\s*([^,\])]+?)\s*,?\s*[\])]$/.exec(s);
  if (!m) return null;
  const height = pos(m[1]!);
  const width = pos(m[2]!);
  return height !== null && width !== null ? { width, height } : null;
}

/** Class ids a names dict may use; past this a key is not a class id (MAX_CLASSES is far below). */
export const MAX_NAME_KEY = 100_000;

/**
 * Parses the `names` metadata, which Ultralytics writes as `str(dict)`:
 * `{0: 'person', 1: 'bicycle', …}`. A list literal `['person', …]` is accepted
 * too. Returns the name of each class id the text has, gaps allowed (a
 * class without a name gets a placeholder label, not a shifted id), or null
 * when the text is not that shape: not a dict or list literal, a key repeated,
 * negative or above MAX_NAME_KEY.
 */
export function parseNamesEntries(value: string): Map<number, string> | null {
  const p = new PyLiteral(value);
  try {
    p.ws();
    if (p.peek() === '[') {
      const list = p.list();
      return list && new Map(list.map((name, i) => [i, name]));
    }
    if (p.peek() !== '{') return null;
    const byKey = p.dict();
    p.ws();
    if (!p.done()) return null;
    for (const key of byKey.keys()) if (key < 0 || key > MAX_NAME_KEY) return null;
    return byKey;
  } catch {
    return null;
  }
}

/** How many classes a names dict covers: its largest key + 1 (0 for an empty one). */
export function namesCount(entries: ReadonlyMap<number, string>): number {
  let max = -1;
  for (const key of entries.keys()) if (key > max) max = key;
  return max + 1;
}

/**
 * The `names` metadata as labels in class order, or null when it is not
 * parsable or its keys are not exactly 0..n-1 (a gap would shift every class id).
 */
export function parseNamesMetadata(value: string): string[] | null {
  const entries = parseNamesEntries(value);
  if (!entries) return null;
  const labels: string[] = [];
  for (let i = 0; i < entries.size; i++) {
    const label = entries.get(i);
    if (label === undefined) return null;
    labels.push(label);
  }
  return labels;
}

class PyLiteral {
  private i = 0;
  constructor(private readonly s: string) {}

  done(): boolean {
    return this.i >= this.s.length;
  }
  peek(): string {
    return this.s[this.i] ?? '';
  }
  ws(): void {
    while (/\s/.test(this.peek())) this.i++;
  }
  expect(c: string): void {
    this.ws();
    if (this.s[this.i] !== c) throw new Error(`expected ${c}`);
    this.i++;
  }

  dict(): Map<number, string> {
    const out = new Map<number, string>();
    this.expect('{');
    this.ws();
    if (this.peek() === '}') {
      this.i++;
      return out;
    }
    for (;;) {
      const key = this.int();
      this.expect(':');
      const v = this.str();
      if (out.has(key)) throw new Error('duplicate key');
      out.set(key, v);
      this.ws();
      const c = this.s[this.i++];
      if (c === '}') return out;
      if (c !== ',') throw new Error('expected , or }');
      this.ws();
      if (this.peek() === '}') {
        this.i++;
        return out;
      }
    }
  }

  list(): string[] | null {
    const out: string[] = [];
    this.expect('[');
    this.ws();
    if (this.peek() === ']') this.i++;
    else {
      for (;;) {
        out.push(this.str());
        this.ws();
        const c = this.s[this.i++];
        if (c === ']') break;
        if (c !== ',') return null;
        this.ws();
        if (this.peek() === ']') {
          this.i++;
          break;
        }
      }
    }
    this.ws();
    return this.done() ? out : null;
  }

  int(): number {
    this.ws();
    const m = /^-?\d+/.exec(this.s.slice(this.i, this.i + 20));
    if (!m) throw new Error('expected integer key');
    this.i += m[0].length;
    return Number(m[0]);
  }

  str(): string {
    this.ws();
    const q = this.s[this.i];
    if (q !== "'" && q !== '"') throw new Error('expected string');
    this.i++;
    let out = '';
    for (;;) {
      const c = this.s[this.i++];
      if (c === undefined) throw new Error('unterminated string');
      if (c === q) return out;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = this.s[this.i++];
      if (e === undefined) throw new Error('unterminated escape');
      out += ESCAPES[e] ?? this.unicodeEscape(e);
    }
  }

  private unicodeEscape(e: string): string {
    const len = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
    // Python keeps an unknown escape literally, backslash included.
    if (len === 0) return `\\${e}`;
    const hex = this.s.slice(this.i, this.i + len);
    if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) throw new Error('bad escape');
    this.i += len;
    return String.fromCodePoint(parseInt(hex, 16));
  }
}

const ESCAPES: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  n: '\n',
  t: '\t',
  r: '\r',
  '0': '\0',
};
