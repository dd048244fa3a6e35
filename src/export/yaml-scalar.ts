/**
 * A string as a YAML scalar that YAML 1.1 readers (PyYAML, which Ultralytics
 * uses) and YAML 1.2 readers both read back as the same string. Plain when
 * it is letters, digits, spaces, `_`, `.` and `-` starting with a letter and
 * is not a word YAML 1.1 reads as a boolean or null (`yes`, `no`, `on`,
 * `off`, `y`, `n`, `true`, `false`, `null`); double-quoted otherwise, with
 * every character YAML would not print (control characters, line and
 * paragraph separators, BOM) escaped.
 */
export function yamlScalar(s: string): string {
  if (/^[A-Za-z][A-Za-z0-9 _.-]*$/.test(s) && !s.endsWith(' ') && !YAML11_WORDS.has(s.toLowerCase())) return s;
  return yamlQuoted(s);
}

/** Always double-quoted, on one line whatever the string holds (also safe inside a comment). */
export function yamlQuoted(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (needsEscape(c)) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

const YAML11_WORDS = new Set(['y', 'n', 'yes', 'no', 'on', 'off', 'true', 'false', 'null']);

function needsEscape(c: number): boolean {
  return (
    c < 0x20 ||
    (c >= 0x7f && c <= 0x9f) || // DEL and C1 controls (0x85 is a line break in YAML 1.1)
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0xfeff ||
    c === 0xfffe ||
    c === 0xffff ||
    (c >= 0xd800 && c <= 0xdfff) // a lone surrogate (a pair arrives as one code point)
  );
}
