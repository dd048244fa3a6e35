import { localName, rootStartTag, type StartTag } from './svg-tokens.ts';

/**
 * The text encoding an XML file declares by its first bytes (XML 1.0
 * appendix F): a byte-order mark, or UTF-16 `<` without one. Everything
 * else is read as UTF-8, as browsers do for image/svg+xml without a charset.
 */
function encodingOf(b: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' {
  if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0x3c && b[1] === 0x00)) return 'utf-16le';
  if ((b[0] === 0xfe && b[1] === 0xff) || (b[0] === 0x00 && b[1] === 0x3c)) return 'utf-16be';
  return 'utf-8';
}

/** True when the first character after a BOM and white space is `<`: only then is the whole file decoded as text. */
function mayBeMarkup(b: Uint8Array): boolean {
  const enc = encodingOf(b);
  const step = enc === 'utf-8' ? 1 : 2;
  let i =
    enc === 'utf-8'
      ? b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf
        ? 3
        : 0
      : b[0] === 0x3c || b[1] === 0x3c
        ? 0
        : 2;
  const at = (k: number) => (enc === 'utf-16be' ? b[k + 1] : b[k]);
  const high = (k: number) => (enc === 'utf-8' ? 0 : enc === 'utf-16be' ? b[k] : b[k + 1]);
  while (i < b.length && high(i) === 0 && (at(i) === 0x20 || at(i) === 0x0a || at(i) === 0x0d || at(i) === 0x09))
    i += step;
  return at(i) === 0x3c && high(i) === 0;
}

export function decodeMarkup(b: Uint8Array): string | null {
  if (!mayBeMarkup(b)) return null;
  return new TextDecoder(encodingOf(b)).decode(b);
}

/** The root `<svg>` start tag of SVG text, or null when the text's root element is anything else. */
export function svgRoot(text: string): StartTag | null {
  const root = rootStartTag(text);
  return root && localName(root.name) === 'svg' ? root : null;
}
