/** Bounds-checked big- and little-endian reads: a header field past the end reads as undefined, never as 0. */
export function be16(b: Uint8Array, i: number): number | undefined {
  return i >= 0 && i + 2 <= b.length ? (b[i]! << 8) | b[i + 1]! : undefined;
}

export function be32(b: Uint8Array, i: number): number | undefined {
  return i >= 0 && i + 4 <= b.length
    ? ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0
    : undefined;
}

export function le16(b: Uint8Array, i: number): number | undefined {
  return i >= 0 && i + 2 <= b.length ? b[i]! | (b[i + 1]! << 8) : undefined;
}

export function le24(b: Uint8Array, i: number): number | undefined {
  return i >= 0 && i + 3 <= b.length ? b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) : undefined;
}

export function le32(b: Uint8Array, i: number): number | undefined {
  return i >= 0 && i + 4 <= b.length
    ? (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0
    : undefined;
}

/** Signed 32-bit little-endian (BMP heights are negative for top-down bitmaps). */
export function le32s(b: Uint8Array, i: number): number | undefined {
  const v = le32(b, i);
  return v === undefined ? undefined : v | 0;
}

/** Bytes [from, to) as Latin-1 text; shorter when the data ends first. */
export function ascii(b: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to && i < b.length; i++) s += String.fromCharCode(b[i]!);
  return s;
}

export function startsWith(b: Uint8Array, at: number, sig: readonly number[]): boolean {
  if (at + sig.length > b.length) return false;
  for (let k = 0; k < sig.length; k++) if (b[at + k] !== sig[k]) return false;
  return true;
}
