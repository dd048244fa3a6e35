import type { OutputShape } from './output-layout.ts';

/**
 * Candidate compaction on the GPU: one invocation per prediction scores it as
 * the CPU decoder does (detect/candidates.ts: objectness × best class for
 * YOLOv5, best class for the YOLOv8 layout and its transpose; the first class wins ties), and
 * every prediction above the floor takes a slot from an atomic counter in a
 * small buffer. Slots past the capacity are not written; the count still
 * grows, so `count > capacity` is the overflow flag the driver checks.
 * Output rows are packed as the CPU's (x1, y1, x2, y2, score, classId), in
 * whatever order the atomics hand out.
 *
 * Rows holding NaN or ±Infinity are dropped and counted as the CPU decoder
 * counts them (a YOLOv5 row whose objectness is non-finite, or that passes the
 * objectness floor with any non-finite value; a YOLOv8 anchor, in either
 * orientation, with any). The layouts differ only in where element k of
 * prediction r sits (`at`) and whether element 4 is an objectness. WGSL
 * lets compilers assume floats are finite, so the test is on the bits: an
 * all-ones exponent.
 */
export const COMPACT_WGSL = /* wgsl */ `
struct Params {
  rows: u32,
  classes: u32,
  layout_kind: u32,
  capacity: u32,
  min_score: f32,
  _p0: f32,
  _p1: f32,
  _p2: f32,
};

struct Compacted {
  count: atomic<u32>,
  non_finite: atomic<u32>,
  _h2: u32,
  _h3: u32,
  rows: array<f32>,
};

@group(0) @binding(0) var<storage, read> prediction: array<f32>;
@group(0) @binding(1) var<storage, read_write> compacted: Compacted;
@group(0) @binding(2) var<uniform> params: Params;

// Element k (0 = cx … 4 = first class / objectness) of prediction r.
// layout_kind 0: yolov5 rows of 5 + C; 1: yolov8 channels; 2: yolov8 transposed, rows of 4 + C.
fn at(r: u32, k: u32) -> f32 {
  if (params.layout_kind == 0u) {
    return prediction[r * (params.classes + 5u) + k];
  }
  if (params.layout_kind == 2u) {
    return prediction[r * (params.classes + 4u) + k];
  }
  return prediction[k * params.rows + r];
}

fn bad(x: f32) -> bool {
  return (bitcast<u32>(x) & 0x7f800000u) == 0x7f800000u;
}

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  let r = id.x;
  if (r >= params.rows) {
    return;
  }
  var first = 4u;
  var gain = 1.0;
  if (params.layout_kind == 0u) {
    gain = at(r, 4u);
    if (bad(gain)) {
      atomicAdd(&compacted.non_finite, 1u);
      return;
    }
    // Class scores are <= 1, so a row whose objectness misses the floor cannot pass.
    if (!(gain > params.min_score)) {
      return;
    }
    first = 5u;
  }
  var broken = bad(at(r, 0u)) || bad(at(r, 1u)) || bad(at(r, 2u)) || bad(at(r, 3u));
  var best = 0u;
  var best_score = at(r, first);
  broken = broken || bad(best_score);
  for (var c = 1u; c < params.classes; c++) {
    let s = at(r, first + c);
    broken = broken || bad(s);
    if (s > best_score) {
      best_score = s;
      best = c;
    }
  }
  if (broken) {
    atomicAdd(&compacted.non_finite, 1u);
    return;
  }
  let score = gain * best_score;
  if (!(score > params.min_score)) {
    return;
  }
  let slot = atomicAdd(&compacted.count, 1u);
  if (slot >= params.capacity) {
    return;
  }
  let cx = at(r, 0u);
  let cy = at(r, 1u);
  let hw = at(r, 2u) / 2.0;
  let hh = at(r, 3u) / 2.0;
  let o = slot * 6u;
  compacted.rows[o] = cx - hw;
  compacted.rows[o + 1u] = cy - hh;
  compacted.rows[o + 2u] = cx + hw;
  compacted.rows[o + 3u] = cy + hh;
  compacted.rows[o + 4u] = score;
  compacted.rows[o + 5u] = f32(best);
}
`;

export const COMPACT_WORKGROUP = 64;
/** The counter and padding before the rows. */
export const COMPACT_HEADER_BYTES = 16;
export const COMPACT_PARAMS_BYTES = 32;
/** Floats per compacted row; equals CANDIDATE_STRIDE. */
export const COMPACT_ROW_FLOATS = 6;

/**
 * Default capacity: 2048 rows = 48 KiB + 16 B read back per frame. At the
 * candidate floor 0.01, yolov5n finds about 400 on bus.jpg and zidane.jpg at
 * 640 and at 320 (onnxruntime-node), so a frame needs five times that to overflow.
 */
export const DEFAULT_CAPACITY = 2048;

/** The shader's `layout_kind` of each layout. */
const LAYOUT_KIND: Record<OutputShape['layout'], number> = { yolov5: 0, yolov8: 1, 'yolov8-transposed': 2 };

export function compactParams(shape: OutputShape, minScore: number, capacity: number): ArrayBuffer {
  const buf = new ArrayBuffer(COMPACT_PARAMS_BYTES);
  const u = new Uint32Array(buf);
  const f = new Float32Array(buf);
  u[0] = shape.rows;
  u[1] = shape.classes;
  u[2] = LAYOUT_KIND[shape.layout];
  u[3] = capacity;
  f[4] = minScore;
  return buf;
}

export function compactBytes(capacity: number): number {
  return COMPACT_HEADER_BYTES + capacity * COMPACT_ROW_FLOATS * 4;
}

export interface Compacted {
  /** Packed candidate rows, as detect/candidates.ts packs them; empty on overflow. */
  data: Float32Array;
  count: number;
  /** More predictions cleared the floor than the buffer holds: decode this frame on the CPU instead. */
  overflow: boolean;
  /** How many cleared the floor (also past the capacity). */
  found: number;
  /** Rows dropped because they held NaN or ±Infinity (counted as detect/candidates.ts counts them). */
  nonFinite: number;
}

/** Reads the mapped bytes of the compaction buffer. */
export function readCompacted(bytes: ArrayBuffer, capacity: number): Compacted {
  const [found, nonFinite] = new Uint32Array(bytes, 0, 2) as unknown as [number, number];
  if (found > capacity) return { data: new Float32Array(0), count: 0, overflow: true, found, nonFinite };
  const data = new Float32Array(bytes, COMPACT_HEADER_BYTES, found * COMPACT_ROW_FLOATS).slice();
  return { data, count: found, overflow: false, found, nonFinite };
}
