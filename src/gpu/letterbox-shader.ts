import type { LetterboxPlan } from '../detect/letterbox.ts';

/**
 * The letterbox as a compute pass: one invocation per input-tensor pixel,
 * reading the frame texture and writing NCHW float32 straight into the buffer
 * ORT takes as its input. Bilinear with pixel centres at +0.5 and edges
 * clamped, which is what a 2D canvas draws with imageSmoothingQuality 'low'
 * (and OpenCV INTER_LINEAR upstream), so the golden parity of the canvas path
 * holds. The weights are computed here in f32 from textureLoad, not by a
 * hardware sampler, whose 8-bit sub-texel weights would add up to ~1/255.
 */
export const LETTERBOX_WGSL = /* wgsl */ `
struct Params {
  src_size: vec2<u32>,
  input_size: vec2<u32>,
  draw_origin: vec2<i32>,
  draw_size: vec2<u32>,
  pad: f32,
  _p0: f32,
  _p1: f32,
  _p2: f32,
};

@group(0) @binding(0) var frame: texture_2d<f32>;
@group(0) @binding(1) var<storage, read_write> tensor: array<f32>;
@group(0) @binding(2) var<uniform> params: Params;

fn texel(x: i32, y: i32) -> vec3<f32> {
  let last = vec2<i32>(params.src_size) - vec2<i32>(1, 1);
  let p = clamp(vec2<i32>(x, y), vec2<i32>(0, 0), last);
  return textureLoad(frame, p, 0).rgb;
}

@compute @workgroup_size(16, 16)
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  let w = params.input_size.x;
  let h = params.input_size.y;
  if (id.x >= w || id.y >= h) {
    return;
  }
  let d = vec2<i32>(id.xy) - params.draw_origin;
  var rgb = vec3<f32>(params.pad, params.pad, params.pad);
  if (d.x >= 0 && d.y >= 0 && u32(d.x) < params.draw_size.x && u32(d.y) < params.draw_size.y) {
    let scale = vec2<f32>(params.src_size) / vec2<f32>(params.draw_size);
    let s = (vec2<f32>(d) + vec2<f32>(0.5, 0.5)) * scale - vec2<f32>(0.5, 0.5);
    let f = floor(s);
    let t = s - f;
    let x0 = i32(f.x);
    let y0 = i32(f.y);
    let top = mix(texel(x0, y0), texel(x0 + 1, y0), t.x);
    let bottom = mix(texel(x0, y0 + 1), texel(x0 + 1, y0 + 1), t.x);
    rgb = mix(top, bottom, t.y);
  }
  let plane = w * h;
  let i = id.y * w + id.x;
  tensor[i] = rgb.r;
  tensor[i + plane] = rgb.g;
  tensor[i + 2u * plane] = rgb.b;
}
`;

/** Bytes of the Params uniform above (std140-like: 4 × vec2 + 4 scalars). */
export const LETTERBOX_PARAMS_BYTES = 48;

/** The uniform block for one frame: where the plan puts the image, and the pad value as 0..1. */
export function letterboxParams(
  srcWidth: number,
  srcHeight: number,
  plan: LetterboxPlan,
  padValue: number,
): ArrayBuffer {
  const buf = new ArrayBuffer(LETTERBOX_PARAMS_BYTES);
  const u = new Uint32Array(buf);
  const i = new Int32Array(buf);
  const f = new Float32Array(buf);
  u[0] = srcWidth;
  u[1] = srcHeight;
  u[2] = plan.inputWidth;
  u[3] = plan.inputHeight;
  i[4] = plan.drawX;
  i[5] = plan.drawY;
  u[6] = plan.drawWidth;
  u[7] = plan.drawHeight;
  f[8] = padValue / 255;
  return buf;
}

export const LETTERBOX_WORKGROUP = 16;
