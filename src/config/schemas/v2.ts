/**
 * Schema v2: the sectioned config (model / preprocess / postprocess / labels),
 * whose output layout is always yolov5. Optional keys have no schema default;
 * the builder fills them and records each one so the report says what the
 * file did not. v3 and v4 share this shape and builder (sectionedSchema, buildSectioned).
 */
import * as v from 'valibot';
import { type BuildContext, defineSchemaVersion } from '../registry.ts';
import {
  FORMAT_SINCE,
  MAX_INPUT_SIDE,
  MAX_STRIDE,
  OUTPUT_FORMATS,
  type OutputFormat,
  type RuntimeConfig,
} from '../runtime-config.ts';
import { describeValue } from '../describe.ts';
import {
  boolean,
  bundleFile,
  fraction,
  inputSide,
  integer,
  labelList,
  nearestMultiples,
  strictMapping,
  text,
} from './fields.ts';

export const DEFAULT_STRIDE = 32;

const input = v.pipe(
  strictMapping(
    {
      name: text('the input tensor name'),
      size: v.optional(
        v.strictTuple([inputSide(), inputSide()], (i) =>
          Array.isArray(i.input)
            ? `expected [width, height] (two numbers), got ${i.input.length} items`
            : `expected [width, height], got ${describeValue(i.input)}`,
        ),
      ),
      dynamic: v.optional(strictMapping({ max_side: inputSide() }, '{ max_side: N }')),
    },
    'the model input: name and size or dynamic',
  ),
  v.check(
    (i) => (i.size === undefined) !== (i.dynamic === undefined),
    (issue) => {
      const i = issue.input as { size?: unknown };
      return i.size !== undefined
        ? 'set exactly one of size or dynamic, found both; remove one'
        : 'needs size: [width, height] or dynamic: { max_side: N }, found neither';
    },
  ),
);

/**
 * The output layouts a sectioned version accepts. A newer layout named in an
 * older version is refused with the version that knows it, not a bare "expected one of".
 */
function outputFormat(formats: readonly OutputFormat[]) {
  return v.picklist(formats, (i) => {
    const known = OUTPUT_FORMATS.find((f) => f === i.input);
    if (known && !formats.includes(known)) {
      const since = FORMAT_SINCE[known];
      return `${known} needs \`schema_version: ${since}\` (this version knows only ${formats.join(', ')}); set schema_version: ${since}`;
    }
    return `expected one of: ${formats.join(', ')}, got ${describeValue(i.input)}`;
  });
}

/**
 * The sectioned document (model / preprocess / postprocess / labels) of v2
 * and later; versions differ only in their number and the output layouts
 * they know, so they share this shape and its builder.
 */
export function sectionedSchema(version: number, formats: readonly OutputFormat[]) {
  const model = strictMapping(
    {
      file: bundleFile(),
      input,
      output: strictMapping(
        { name: text('the output tensor name'), format: outputFormat(formats) },
        'the model output: name and format',
      ),
      stride: v.optional(integer(1, MAX_STRIDE)),
    },
    'the model section: file, input, output',
  );
  const document = strictMapping(
    {
      schema_version: v.literal(
        version,
        (i) => `expected ${version} for a v${version} config, got ${describeValue(i.input)}`,
      ),
      name: text('a display name'),
      model,
      preprocess: v.optional(strictMapping({ pad_value: v.optional(integer(0, 255)) }, 'preprocess options')),
      postprocess: v.optional(
        strictMapping(
          {
            confidence: v.optional(fraction({ maxInclusive: false })),
            iou: v.optional(fraction({ maxInclusive: true })),
            max_detections: v.optional(integer(1, 1000)),
            class_agnostic: v.optional(boolean()),
          },
          'postprocess options',
        ),
      ),
      labels: labelList('labels'),
    },
    `a v${version} config`,
  );
  return v.pipe(document, strideRule<v.InferOutput<typeof document>>());
}

export type SectionedDoc = v.InferOutput<ReturnType<typeof sectionedSchema>>;

/** The one builder of sectioned documents; `version` is recorded in the RuntimeConfig. */
export function buildSectioned(doc: SectionedDoc, ctx: BuildContext, version: number): RuntimeConfig {
  const { size, dynamic } = doc.model.input;
  const shape = size
    ? ({ kind: 'static', width: size[0], height: size[1] } as const)
    : ({ kind: 'dynamic', maxSide: required(dynamic, 'model.input.dynamic').max_side } as const);
  const post = doc.postprocess ?? {};
  return {
    id: ctx.id,
    name: doc.name,
    schemaVersion: version,
    modelFile: doc.model.file,
    inputName: doc.model.input.name,
    outputName: doc.model.output.name,
    outputFormat: doc.model.output.format,
    input: shape,
    stride: ctx.withDefault('model.stride', doc.model.stride, DEFAULT_STRIDE),
    padValue: ctx.withDefault('preprocess.pad_value', doc.preprocess?.pad_value, 114),
    confidence: ctx.withDefault('postprocess.confidence', post.confidence, 0.25),
    iou: ctx.withDefault('postprocess.iou', post.iou, 0.45),
    maxDetections: ctx.withDefault('postprocess.max_detections', post.max_detections, 300),
    classAgnostic: ctx.withDefault('postprocess.class_agnostic', post.class_agnostic, false),
    labels: [...doc.labels],
  };
}

type Segment = string | number;

/**
 * Sizes must be stride multiples. This is a cross-field rule, so it runs as a
 * raw check on the untyped document: it still reports while other keys have
 * errors, and it skips values that already failed their own type check.
 */
function strideRule<T>() {
  return v.rawCheck<T>(({ dataset, addIssue }) => {
    // Typed as the output, but may be a partial, invalid value here: inspect it as unknown.
    const root: unknown = dataset.value;
    const m = get(root, ['model']);
    const rawStride = get(m, ['stride']);
    if (rawStride !== undefined && !isPositiveInt(rawStride)) return;
    const stride = rawStride ?? DEFAULT_STRIDE;
    const strideText = rawStride === undefined ? `stride ${stride} (the default)` : `model.stride ${stride}`;
    const check = (path: Segment[], what: string) => {
      const n = get(root, path);
      // A side over the limit already has its own issue; "nearest multiple" of 1e300 helps nobody.
      if (!isPositiveInt(n) || n > MAX_INPUT_SIDE || n % stride === 0) return;
      addIssue({
        input: n,
        message: `${what} must be a multiple of ${strideText}, got ${n}; nearest: ${nearestMultiples(n, stride).join(' or ')}`,
        path: pathItems(root, path),
      });
    };
    check(['model', 'input', 'size', 0], 'width');
    check(['model', 'input', 'size', 1], 'height');
    check(['model', 'input', 'dynamic', 'max_side'], 'max_side');
  });
}

export const v2Schema = sectionedSchema(2, ['yolov5']);

export const v2 = defineSchemaVersion({
  version: 2,
  legacy: false,
  schema: v2Schema,
  modelFilePath: 'model.file',
  build: (doc, ctx) => buildSectioned(doc, ctx, 2),
});

// The schema's size/dynamic check guarantees this; a failure here is a bug, not a config error.
function required<T>(value: T | undefined, path: string): T {
  if (value === undefined) throw new Error(`sectioned builder: ${path} missing after validation`);
  return value;
}

function isPositiveInt(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n > 0;
}

function get(value: unknown, path: readonly Segment[]): unknown {
  let cur = value;
  for (const key of path) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string | number, unknown>)[key];
  }
  return cur;
}

/** Valibot issue path items for a path inside the root value, as addIssue expects. */
function pathItems(root: unknown, path: readonly Segment[]): [v.IssuePathItem, ...v.IssuePathItem[]] {
  const items: v.IssuePathItem[] = [];
  let cur = root;
  for (const key of path) {
    const next = get(cur, [key]);
    items.push(
      typeof key === 'number'
        ? { type: 'array', origin: 'value', input: cur as unknown[], key, value: next }
        : { type: 'object', origin: 'value', input: cur as Record<string, unknown>, key, value: next },
    );
    cur = next;
  }
  return items as [v.IssuePathItem, ...v.IssuePathItem[]];
}
