/**
 * Config files as bytes → text. Configs are UTF-8 (a byte-order mark is
 * fine, and so are CRLF line ends, which YAML reads as line breaks). Anything
 * else is refused with a message saying which encoding it looks like, rather
 * than decoded with replacement characters into a config that says something
 * the file did not.
 */
import type { ConfigIssue } from './runtime-config.ts';

export type DecodeResult = { ok: true; text: string } | { ok: false; issues: ConfigIssue[] };

const SAVE_AS = 'save it as UTF-8 (in most editors: "Save with encoding" → UTF-8)';

export function decodeConfigBytes(bytes: Uint8Array): DecodeResult {
  const bom = byteOrderMark(bytes);
  if (bom) return refuse(`config is ${bom} text (it starts with a ${bom} byte-order mark); ${SAVE_AS}`);
  // UTF-16 without a mark is valid UTF-8 byte for byte, but its ASCII letters come with NUL bytes.
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const wide = looksUtf16(bytes);
    return refuse(
      wide
        ? `config looks like UTF-16 text (every other byte is 0); ${SAVE_AS}`
        : `config contains a NUL byte at byte ${nul}; it is not a text file, or not UTF-8: ${SAVE_AS}`,
    );
  }
  try {
    // fatal: a byte sequence that is not UTF-8 is an error, never U+FFFD; the BOM is dropped.
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const at = firstInvalidUtf8(bytes);
    return refuse(
      `config is not valid UTF-8 (first bad byte at offset ${at}, perhaps Latin-1 or Windows-1252); ${SAVE_AS}`,
    );
  }
}

function byteOrderMark(b: Uint8Array): string | null {
  if (b[0] === 0x00 && b[1] === 0x00 && b[2] === 0xfe && b[3] === 0xff) return 'UTF-32';
  if (b[0] === 0xff && b[1] === 0xfe && b[2] === 0x00 && b[3] === 0x00) return 'UTF-32';
  if ((b[0] === 0xfe && b[1] === 0xff) || (b[0] === 0xff && b[1] === 0xfe)) return 'UTF-16';
  return null;
}

function looksUtf16(b: Uint8Array): boolean {
  const n = Math.min(b.length, 512) & ~1;
  if (n < 2) return false;
  let zeros = 0;
  for (let i = 0; i < n; i++) if (b[i] === 0) zeros++;
  return zeros >= n / 4;
}

/** Offset of the first byte that breaks UTF-8, for the message (the decoder does not say). */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    const len = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (len === 0) return i;
    for (let k = 1; k < len; k++) if (i + k >= b.length || (b[i + k]! & 0xc0) !== 0x80) return i;
    i += len;
  }
  return i;
}

function refuse(message: string): DecodeResult {
  return { ok: false, issues: [{ path: '', message, line: 1, col: 1 }] };
}
