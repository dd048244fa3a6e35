/**
 * Writes a config for a model dropped without one, from what the ONNX file
 * says about itself: Ultralytics metadata (names, stride, imgsz, task) and
 * the input and output shapes. The result is YAML text (schema v3, or v4 for
 * the transposed YOLOv8 layout, which only v4 can name), loaded through the
 * same schema, builder and model check as a hand-written config. What cannot
 * be inferred is said in a warning, and what would be a guess is refused; a
 * name in the metadata that cannot be a label gets a placeholder, never a refusal.
 */
import { loadConfigText } from '../config/load-config.ts';
import { FORMAT_SINCE, MAX_CLASSES, MAX_STRIDE } from '../config/runtime-config.ts';
import { labelsFromNames } from './class-names.ts';
import { undecidedMessage, writeConfig } from './layout-messages.ts';
import { OnnxReadError, type OnnxInfo, type OnnxTensorInfo, quoteName, readOnnxInfo } from './onnx-info.ts';
import { describeLayout, formatShape, inferOutputLayout, isReading, outputReadings } from './output-layout.ts';
import { namesCount, parseImgszMetadata } from './ultralytics-metadata.ts';

/** One value of the generated config and where it came from, for the load report. */
export interface ConfigSource {
  key: string;
  value: string;
  from: string;
}

export type GeneratedConfig =
  | { ok: true; yaml: string; sources: ConfigSource[]; warnings: string[] }
  | { ok: false; problems: string[] };

/** Input side used when a dynamic model says nothing about its training size (Ultralytics' default imgsz). */
export const DEFAULT_MAX_SIDE = 640;

/** The file name the app offers the generated config under, and the first report line. */
export const GENERATED_CONFIG_NAME = 'config.yaml';
export const GENERATED_NOTE = "config generated from the model's metadata";

export function configFromModelBytes(bytes: Uint8Array, modelName: string): GeneratedConfig {
  let info: OnnxInfo;
  try {
    info = readOnnxInfo(bytes);
  } catch (e) {
    const reason = e instanceof OnnxReadError ? e.reason : String(e);
    return { ok: false, problems: [`${modelName} is not a valid ONNX model (${reason})`] };
  }
  return configFromModel(info, modelName);
}

export function configFromModel(info: OnnxInfo, modelName: string): GeneratedConfig {
  const refuse = (...problems: string[]): GeneratedConfig => ({ ok: false, problems });
  const write = writeConfig(modelName);
  const sources: ConfigSource[] = [];
  const warnings: string[] = [];

  const task = info.metadata['task']?.trim();
  if (task !== undefined && task !== 'detect') {
    return refuse(
      `${modelName} is ${taskName(task)} model (task metadata); this app runs detect models only: export a detection model (task=detect)`,
    );
  }

  if (info.inputs.length !== 1) {
    return refuse(
      `${modelName} has ${info.inputs.length} inputs (${tensorNames(info.inputs)}); a YOLO detection export has one image input: ${write}`,
    );
  }
  const input = info.inputs[0]!;
  const inShape = input.shape;
  if (inShape?.length !== 4 || (typeof inShape[1] === 'number' && inShape[1] !== 3)) {
    return refuse(
      `input "${input.name}" of ${modelName} is ${formatShape(inShape)}, not an image batch [1, 3, height, width]; use a YOLO detection export`,
    );
  }

  if (info.outputs.length !== 1) {
    return refuse(
      `${modelName} has ${info.outputs.length} outputs (${tensorNames(info.outputs)}); a YOLO detection export has one (segmentation exports have two): if one of them is the detection output, ${write}`,
    );
  }
  const output = info.outputs[0]!;
  // An empty names dict counts no classes: it is treated as no names.
  const names = info.namesByClass?.size ? info.namesByClass : null;
  const layout = inferOutputLayout(output.shape, inShape, names ? namesCount(names) : null);
  if (!isReading(layout)) return refuse(undecidedMessage(layout, output, modelName, names !== null));
  const { classes } = layout;
  if (classes > MAX_CLASSES) {
    return refuse(
      `${modelName} outputs ${classes} classes (${describeLayout(layout)}); this app supports 1 to ${MAX_CLASSES} classes`,
    );
  }

  const shapeText = `${output.name} ${formatShape(output.shape)}`;
  sources.push({
    key: 'task',
    value: 'detect',
    from:
      task === undefined ? `the shape of ${shapeText}: inferred, as there is no task metadata` : 'the task metadata',
  });

  const name = modelName.replace(/\.onnx$/i, '') || modelName;
  sources.push({ key: 'name', value: name, from: 'the file name' });
  sources.push({ key: 'model.input.name', value: input.name, from: "the model's input" });

  const h = inShape[2];
  const w = inShape[3];
  const imgsz = parseImgszMetadata(info.metadata['imgsz']);
  let inputLine: string;
  const inputKey = typeof h === 'number' && typeof w === 'number' ? 'model.input.size' : 'model.input.dynamic';
  if (typeof h === 'number' && typeof w === 'number') {
    inputLine = `size: [${w}, ${h}]`;
    sources.push({ key: 'model.input.size', value: `[${w}, ${h}]`, from: `the input shape ${formatShape(inShape)}` });
    if (imgsz && (imgsz.width !== w || imgsz.height !== h)) {
      warnings.push(
        `${modelName}: imgsz metadata says ${imgsz.width}x${imgsz.height}, but the input is fixed at ${w}x${h}; using the input's size`,
      );
    }
  } else if (imgsz) {
    const side = Math.max(imgsz.width, imgsz.height);
    inputLine = `dynamic: { max_side: ${side} }`;
    sources.push({
      key: 'model.input.dynamic.max_side',
      value: String(side),
      from: `the imgsz metadata ${info.metadata['imgsz']!.trim()} (the input ${formatShape(inShape)} is dynamic)`,
    });
  } else {
    inputLine = `dynamic: { max_side: ${DEFAULT_MAX_SIDE} }`;
    sources.push({
      key: 'model.input.dynamic.max_side',
      value: String(DEFAULT_MAX_SIDE),
      from: `a default, as the input ${formatShape(inShape)} is dynamic and there is no imgsz metadata`,
    });
    warnings.push(
      `${modelName} has a dynamic input and no imgsz metadata, so images are letterboxed to at most ${DEFAULT_MAX_SIDE} pixels (dynamic: { max_side: ${DEFAULT_MAX_SIDE} }); if it was trained at another size, download config.yaml, set model.input.dynamic.max_side and drop it together with the model`,
    );
  }

  sources.push({
    key: 'model.output.format',
    value: layout.kind,
    from: `the shape of ${shapeText} (${describeLayout(layout)})`,
  });

  const stride = info.stride !== null && info.stride <= MAX_STRIDE ? info.stride : null;
  if (stride !== null) sources.push({ key: 'model.stride', value: String(stride), from: 'the stride metadata' });
  else sources.push({ key: 'model.stride', value: '32', from: 'the default (no usable stride metadata)' });
  if (info.stride !== null && stride === null) {
    warnings.push(
      `${modelName}: stride metadata ${info.stride} is past the ${MAX_STRIDE} a config may name, so stride 32 is used`,
    );
  }

  let labels: string[];
  let placeholders: number[] = [];
  if (names !== null) {
    // inferOutputLayout took the layout whose class count the names have: they agree here.
    const named = labelsFromNames(names, classes, modelName);
    labels = named.labels;
    placeholders = named.placeholders;
    const some = placeholders.length ? `, ${placeholders.length} of them placeholders` : '';
    sources.push({ key: 'labels', value: `${classes} names (${preview(labels)})${some}`, from: 'the names metadata' });
    if (named.warning) warnings.push(named.warning);
  } else {
    labels = Array.from({ length: classes }, (_, i) => `class ${i}`);
    const why =
      info.metadata['names'] === undefined
        ? 'has no names metadata'
        : info.namesByClass?.size === 0
          ? 'has empty names metadata'
          : 'has names metadata this app cannot read';
    sources.push({
      key: 'labels',
      value: `${classes} placeholders (${preview(labels)})`,
      from: `the class count in ${shapeText}`,
    });
    warnings.push(
      `${modelName} ${why}, so its ${classes} classes are labelled class 0 … class ${classes - 1}; to name them, download config.yaml, replace labels with your class names in class order, and drop it together with the model`,
    );
    // The shape also fits a layout only a config may name (YOLOv5-style rows at one per grid cell): say so, not guess silently.
    const other = outputReadings(output.shape, inShape);
    const alt = Array.isArray(other) ? other.find((r) => r.kind !== layout.kind && r.support === 'config') : undefined;
    if (alt) {
      warnings.push(
        `${modelName}: ${shapeText} is read as the ${layout.kind} layout (${layout.why}); if it is an anchor-free export with YOLOv5-style rows (objectness; YOLOv6, YOLOX), download config.yaml, set model.output.format: yolov5 with ${alt.classes} labels and drop it together with the model`,
      );
    }
  }

  // The oldest version that can name the layout, so older apps read configs that need nothing newer.
  const version = Math.max(3, FORMAT_SINCE[layout.kind]);
  const labelNote = placeholders.length
    ? `; placeholders for ${placeholders.length === 1 ? 'class' : 'classes'} ${placeholders.slice(0, 10).join(', ')}${placeholders.length > 10 ? ', …' : ''}: rename them`
    : '';
  const yaml = [
    `# yaml-language-server: $schema=../../schema/config.v${version}.json`,
    `# Generated by the app from ${comment(modelName)}: its metadata and tensor shapes.`,
    `# Keep it beside the model; npm run validate checks it (README, "Add your own model").`,
    `schema_version: ${version}`,
    `name: ${scalar(name)} # from the file name`,
    'model:',
    `  file: ${scalar(bundleFileName(modelName))}`,
    '  input:',
    `    name: ${scalar(input.name)}`,
    `    ${inputLine} # from ${comment(sourceOf(sources, inputKey))}`,
    '  output:',
    `    name: ${scalar(output.name)}`,
    `    format: ${layout.kind} # from ${comment(`${shapeText}: ${describeLayout(layout)}`)}`,
    ...(stride !== null ? [`  stride: ${stride} # from the stride metadata`] : []),
    `# ${classes} labels, in class order, from ${comment(sourceOf(sources, 'labels'))}${labelNote}`,
    'labels: [',
    ...wrap(labels.map(scalar)),
    ']',
    '',
  ].join('\n');
  // Every value above comes from the file; one the schema still refuses (an input side that is not a
  // multiple of the stride, an empty tensor name) is said here about the model, not as a config's issue.
  const loaded = loadConfigText(yaml, { id: 'custom' });
  if (!loaded.ok) {
    const issues = loaded.issues.slice(0, 3).map((i) => `${i.path}: ${i.message}`);
    return refuse(
      `${modelName} cannot be described by a config of this app: ${issues.join('; ')}${loaded.issues.length > 3 ? '; …' : ''}; use a YOLO detection export`,
    );
  }
  return { ok: true, yaml, sources, warnings };
}

/** `an obb model`, `a "segment"` … with the task as the file spells it, quoted when it is not a plain word. */
function taskName(task: string): string {
  const word = /^[A-Za-z][\w-]{0,30}$/.test(task) ? task : quoteName(task, 40);
  return `${/^"?[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;
}

/** Report lines: the note, then each value and where it came from. */
export function sourceLines(sources: readonly ConfigSource[]): string[] {
  return [GENERATED_NOTE, ...sources.map((s) => `${s.key}: ${s.value}, from ${s.from}`)];
}

function sourceOf(sources: readonly ConfigSource[], keyPrefix: string): string {
  return sources.find((s) => s.key.startsWith(keyPrefix))?.from ?? '';
}

/** Flow-sequence items on lines of about 100 characters, as the shipped configs write labels. */
function wrap(items: readonly string[]): string[] {
  const lines: string[][] = [[]];
  let width = 0;
  for (const item of items) {
    if (width > 0 && width + item.length > 100) {
      lines.push([]);
      width = 0;
    }
    lines[lines.length - 1]!.push(item);
    width += item.length + 2;
  }
  return lines.map((l, i) => `  ${l.join(', ')}${i < lines.length - 1 ? ',' : ''}`);
}

function tensorNames(list: readonly OnnxTensorInfo[]): string {
  return list.length ? list.map((t) => t.name).join(', ') : 'none';
}

function preview(labels: readonly string[]): string {
  return labels.length <= 4 ? labels.join(', ') : `${labels.slice(0, 3).join(', ')}, …, ${labels[labels.length - 1]}`;
}

const RESERVED = /^(true|false|null|yes|no|on|off|y|n|~)$/i;

/**
 * A YAML scalar for an outside string: plain when it is unambiguously a
 * word-like string, else double-quoted (JSON's escapes are valid YAML ones).
 */
export function scalar(s: string): string {
  return /^[A-Za-z_][A-Za-z0-9_. -]*$/.test(s) && !/[ .]$/.test(s) && !RESERVED.test(s) ? s : JSON.stringify(s);
}

/**
 * The dropped file's name as `model.file`: characters a bundle path may not
 * hold (control and bidi characters, slashes, backslashes, and "%", "?", "#",
 * ":", which a URL would read as escapes, a query, a fragment or a scheme)
 * become "_". The dropped file is used whatever this says; it documents it.
 */
function bundleFileName(name: string): string {
  let out = '';
  for (const ch of name) {
    const c = ch.codePointAt(0)!;
    const control =
      c <= 0x1f ||
      (c >= 0x7f && c <= 0x9f) ||
      c === 0x061c ||
      c === 0x200e ||
      c === 0x200f ||
      c === 0x2028 ||
      c === 0x2029;
    const bidi = (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
    out += control || bidi || '\\/%?#:'.includes(ch) ? '_' : ch;
  }
  return out;
}

/** Comment text from outside strings (file names, dim names) cannot end the comment line. */
function comment(s: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');
}
