/**
 * Bad video files made from a good WebM (street.webm), for the refusal tests
 * (unit and e2e): each is what a user may really drop. Byte edits on the
 * WebM's EBML structure, found by its element IDs.
 */

/** Bytes that are no video at all, to be given a video's name (`.webm`). */
export function notAVideo(): Uint8Array {
  return new TextEncoder().encode('This is a text file renamed to .webm, not a video.\n'.repeat(40));
}

/** The first `fraction` of the file: an interrupted download or copy. */
export function truncatedCopy(webm: Uint8Array, fraction = 0.6): Uint8Array {
  return webm.slice(0, Math.floor(webm.length * fraction));
}

const CLUSTER = [0x1f, 0x43, 0xb6, 0x75];
const SEGMENT = [0x18, 0x53, 0x80, 0x67];
/** Duration (0x4489), 8-byte float. */
const DURATION = [0x44, 0x89, 0x88];
/** Video (0xE0) element whose first child is PixelWidth (0xB0) with a 2-byte value, then PixelHeight (0xBA). */
const VIDEO_SIZE = [0xb0, 0x82];

function find(bytes: Uint8Array, pattern: readonly number[], from = 0): number {
  outer: for (let i = from; i <= bytes.length - pattern.length; i++) {
    for (let k = 0; k < pattern.length; k++) if (bytes[i + k] !== pattern[k]) continue outer;
    return i;
  }
  throw new Error(
    `pattern ${pattern.map((b) => b.toString(16)).join(' ')} not found: not the WebM these fixtures expect`,
  );
}

/**
 * The header alone, as a complete file: EBML header, Segment of unknown size,
 * SeekHead, Info with a duration of 0 and the video track, but no Cluster,
 * so no frame. A recording stopped before its first frame looks like this.
 */
export function zeroFrameCopy(webm: Uint8Array): Uint8Array {
  const out = webm.slice(0, find(webm, CLUSTER));
  const seg = find(out, SEGMENT) + 4;
  out.set([0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], seg); // size unknown: ends with the file
  const dur = find(out, DURATION) + 3;
  new DataView(out.buffer, out.byteOffset + dur, 8).setFloat64(0, 0);
  return out;
}

/** The same file declaring another frame size (PixelWidth/PixelHeight, each ≤ 65535): an 8K video's header. */
export function withDeclaredSize(webm: Uint8Array, width: number, height: number): Uint8Array {
  const out = webm.slice();
  const at = find(out, [0xe0, 0x8b, ...VIDEO_SIZE]) + 2;
  const v = new DataView(out.buffer, out.byteOffset);
  v.setUint16(at + 2, width);
  if (out[at + 4] !== 0xba || out[at + 5] !== 0x82) throw new Error('PixelHeight does not follow PixelWidth');
  v.setUint16(at + 6, height);
  return out;
}
