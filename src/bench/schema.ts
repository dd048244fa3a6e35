import * as v from 'valibot';

/**
 * bench/results.json: what `npm run bench` writes and the panel downloads.
 * People compare files from different machines, so keep fields stable and
 * only add optional ones.
 */
const ms = v.pipe(v.number(), v.finite(), v.minValue(0));
const Summary = v.object({ p50: ms, p95: ms });
const Backend = v.picklist(['webgpu', 'wasm']);
const Threads = v.pipe(v.number(), v.integer(), v.minValue(1));

export const BenchRunSchema = v.object({
  backend: Backend,
  threads: Threads,
  model: v.pipe(v.string(), v.minLength(1)),
  image: v.pipe(v.string(), v.minLength(1)),
  n: v.pipe(v.number(), v.integer(), v.minValue(1)),
  stages: v.object({
    decode: Summary,
    preprocess: Summary,
    /** Worker postprocess (candidate extraction) + main-thread NMS and mapping. */
    postprocess: Summary,
    inference: Summary,
    endToEnd: Summary,
    /** Parts of endToEnd, to see where the rest goes. */
    select: v.optional(Summary),
    draw: v.optional(Summary),
  }),
  /** ms; cold = uncached fetch + new worker + session, warm = cached fetch + new worker + session. */
  load: v.object({ cold: ms, warm: ms }),
  loadDetail: v.optional(
    v.object({
      cold: v.object({ fetch: ms, create: ms }),
      warm: v.object({ fetch: ms, create: ms }),
    }),
  ),
  warmup: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  inputWidth: v.optional(Threads),
  inputHeight: v.optional(Threads),
  imageWidth: v.optional(Threads),
  imageHeight: v.optional(Threads),
  /** Backend notes (fallbacks, single-thread notices) as the worker reported them. */
  note: v.optional(v.string()),
  /** Non-default session options this run used (lever measurements). */
  sessionOptions: v.optional(v.record(v.string(), v.unknown())),
  /** WebGPU only: the levers that ran, bytes read back from the GPU per frame (p50), frames whose candidates overflowed. */
  gpu: v.optional(v.object({ preprocess: v.boolean(), output: v.boolean(), graphCapture: v.boolean() })),
  readbackBytes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  overflows: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
});

export const NativeRunSchema = v.object({
  threads: Threads,
  model: v.pipe(v.string(), v.minLength(1)),
  /** Tensor shape as "1x3xHxW". */
  input: v.pipe(v.string(), v.regex(/^\d+x\d+x\d+x\d+$/)),
  inference: Summary,
  n: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  graphOptimizationLevel: v.optional(v.string()),
});

export const BenchResultsSchema = v.object({
  date: v.pipe(v.string(), v.isoTimestamp()),
  machine: v.object({
    cpus: v.pipe(v.number(), v.integer(), v.minValue(1)),
    cpuModel: v.string(),
    chromium: v.string(),
    node: v.string(),
    userAgent: v.optional(v.string()),
  }),
  runs: v.array(BenchRunSchema),
  native: v.array(NativeRunSchema),
  options: v.optional(v.record(v.string(), v.unknown())),
});

export type BenchRun = v.InferOutput<typeof BenchRunSchema>;
export type NativeRun = v.InferOutput<typeof NativeRunSchema>;
export type BenchResults = v.InferOutput<typeof BenchResultsSchema>;

export type Validation<T> = { ok: true; value: T } | { ok: false; issues: string[] };

function check<T>(schema: v.GenericSchema<unknown, T>, input: unknown): Validation<T> {
  const r = v.safeParse(schema, input);
  if (r.success) return { ok: true, value: r.output };
  return {
    ok: false,
    issues: r.issues.map((i) => {
      const path = v.getDotPath(i);
      return path ? `${path}: ${i.message}` : i.message;
    }),
  };
}

export function validateBenchResults(input: unknown): Validation<BenchResults> {
  return check(BenchResultsSchema, input);
}

/** The panel's download is a results file with no native part yet; it validates runs alone. */
export function validateBenchRuns(input: unknown): Validation<BenchRun[]> {
  return check(v.array(BenchRunSchema), input);
}
