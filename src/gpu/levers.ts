/**
 * The WebGPU levers, each of which can be switched off to compare it with the
 * naive path: GPU preprocessing (`pre`), GPU-resident output with candidate
 * compaction (`out`), graph capture (`graph`). Product settings: the deployed
 * build reads them from `?gpu=` too.
 */
export interface GpuLevers {
  preprocess: boolean;
  output: boolean;
  graphCapture: boolean;
}

export const ALL_LEVERS: GpuLevers = { preprocess: true, output: true, graphCapture: true };
export const NO_LEVERS: GpuLevers = { preprocess: false, output: false, graphCapture: false };
/** Without ?gpu=: every lever (graph capture applies to static-shape models only). */
export const DEFAULT_LEVERS: GpuLevers = ALL_LEVERS;

const TOKENS: Record<string, keyof GpuLevers> = { pre: 'preprocess', out: 'output', graph: 'graphCapture' };

/**
 * `?gpu=pre,out,graph` names the levers that are on; `none` turns all off;
 * absent means the default (DEFAULT_LEVERS). An unknown token is left out with a note, as `?backend=` does.
 */
export function parseGpuParam(value: string | null): { levers: GpuLevers; problems: string[] } {
  if (value === null) return { levers: { ...DEFAULT_LEVERS }, problems: [] };
  const tokens = value
    .split(',')
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean);
  const levers = { ...NO_LEVERS };
  const unknown: string[] = [];
  for (const t of tokens) {
    if (t === 'none') continue;
    const key = TOKENS[t];
    if (key) levers[key] = true;
    else unknown.push(t);
  }
  const problems = unknown.length
    ? [
        `?gpu=${value}: ${unknown.map((u) => `"${u}"`).join(', ')} ${unknown.length === 1 ? 'is not a lever' : 'are not levers'} (use pre, out, graph or none); ${describeLevers(levers)}.`,
      ]
    : [];
  return { levers, problems };
}

/** `?gpu=` value for a lever set (the inverse of parseGpuParam). */
export function gpuParam(levers: GpuLevers): string {
  const on = (Object.keys(TOKENS) as (keyof typeof TOKENS)[]).filter((t) => levers[TOKENS[t]!]);
  return on.length ? on.join(',') : 'none';
}

export function describeLevers(levers: GpuLevers): string {
  const on = [
    levers.preprocess ? 'GPU preprocessing' : '',
    levers.output ? 'GPU output' : '',
    levers.graphCapture ? 'graph capture' : '',
  ].filter(Boolean);
  return on.length ? `WebGPU levers on: ${on.join(', ')}` : 'all WebGPU levers off';
}

/** Short label for tables: "all", "none", or the levers that are off ("no pre"). */
export function leverLabel(levers: GpuLevers): string {
  const off = (Object.keys(TOKENS) as (keyof typeof TOKENS)[]).filter((t) => !levers[TOKENS[t]!]);
  if (off.length === 0) return 'all levers';
  if (off.length === 3) return 'naive';
  return `no ${off.join(', no ')}`;
}
