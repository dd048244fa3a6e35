/**
 * Minimal protobuf wire-format reader. Only what the ONNX header reader needs:
 * iterate fields of one message without copying length-delimited payloads, so
 * multi-megabyte initializer blobs are skipped in O(1).
 */

export class ProtobufError extends Error {
  constructor(
    message: string,
    /** Absolute byte offset where the problem was found. */
    readonly offset: number,
    readonly kind: 'truncated' | 'malformed',
  ) {
    super(message);
    this.name = 'ProtobufError';
  }
}

export const WIRE_VARINT = 0;
export const WIRE_I64 = 1;
export const WIRE_LEN = 2;
export const WIRE_I32 = 5;

/** One field of a message. For LEN fields `start..end` is the payload; for varints `value` holds the number. */
export interface ProtoField {
  field: number;
  wireType: number;
  /**
   * Varint value, exact up to 2^53. Larger values (and negative int64s, which
   * are encoded as 2^64 − n) come out above Number.MAX_SAFE_INTEGER, which is
   * how a reader tells a number it cannot trust.
   */
  value: number;
  start: number;
  end: number;
}

/** Reads a varint at `pos`; returns [value, nextPos]. `limit` bounds the enclosing message. */
export function readVarint(bytes: Uint8Array, pos: number, limit: number): [number, number] {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 10; i++) {
    if (pos >= limit) throw new ProtobufError(`truncated at byte ${pos}`, pos, 'truncated');
    const b = bytes[pos++]!;
    // Multiplication instead of shifts: JS bit ops are 32-bit, ir_version/dims may not be.
    value += (b & 0x7f) * scale;
    if ((b & 0x80) === 0) {
      // The tenth byte carries bit 63 only: more would not fit the 64 bits protobuf allows.
      if (i === 9 && b > 1)
        throw new ProtobufError(`varint wider than 64 bits at byte ${pos - 1}`, pos - 1, 'malformed');
      return [value, pos];
    }
    scale *= 128;
  }
  throw new ProtobufError(`varint longer than 10 bytes at byte ${pos}`, pos, 'malformed');
}

/**
 * Iterates the fields of the message occupying `start..end`. Throws on
 * truncation or impossible wire types, which is how non-protobuf input
 * (JPEG, text) is usually caught.
 */
export function* fields(bytes: Uint8Array, start = 0, end = bytes.length): Generator<ProtoField> {
  let pos = start;
  while (pos < end) {
    const tagPos = pos;
    const [tag, afterTag] = readVarint(bytes, pos, end);
    const field = Math.floor(tag / 8);
    const wireType = tag % 8;
    if (field === 0) throw new ProtobufError(`field number 0 at byte ${tagPos}`, tagPos, 'malformed');
    pos = afterTag;
    switch (wireType) {
      case WIRE_VARINT: {
        const [value, next] = readVarint(bytes, pos, end);
        yield { field, wireType, value, start: pos, end: next };
        pos = next;
        break;
      }
      case WIRE_I64:
      case WIRE_I32: {
        const size = wireType === WIRE_I64 ? 8 : 4;
        if (pos + size > end) throw truncatedAt(pos + size, end, bytes.length);
        yield { field, wireType, value: 0, start: pos, end: pos + size };
        pos += size;
        break;
      }
      case WIRE_LEN: {
        const [len, payloadStart] = readVarint(bytes, pos, end);
        const payloadEnd = payloadStart + len;
        if (payloadEnd > end) throw truncatedAt(payloadEnd, end, bytes.length);
        yield { field, wireType, value: len, start: payloadStart, end: payloadEnd };
        pos = payloadEnd;
        break;
      }
      default:
        // Groups (3, 4) are deprecated and never used by ONNX; 6, 7 do not exist.
        throw new ProtobufError(`unsupported wire type ${wireType} at byte ${tagPos}`, tagPos, 'malformed');
    }
  }
}

/**
 * A length that overruns the whole buffer means the file was cut; one that
 * only overruns the enclosing message means the bytes are not this message.
 */
function truncatedAt(needed: number, limit: number, total: number): ProtobufError {
  if (limit >= total) return new ProtobufError(`truncated at byte ${total}`, total, 'truncated');
  return new ProtobufError(
    `length overruns its message (needs byte ${needed}, message ends at ${limit})`,
    limit,
    'malformed',
  );
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

export function readString(bytes: Uint8Array, f: ProtoField): string {
  return utf8.decode(bytes.subarray(f.start, f.end));
}
