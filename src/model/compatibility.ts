/**
 * Checks that a model file fits the bundle config that points at it, before a
 * session is created, so a mismatch reads "config says X, model has Y; fix Z"
 * instead of an onnxruntime shape error or silently wrong boxes.
 */
import type { ConfigIssue, OutputFormat, RuntimeConfig } from '../config/runtime-config.ts';
import { FORMAT_SINCE, MAX_CLASSES, MAX_STRIDE } from '../config/runtime-config.ts';
import { undecodableMessage } from './layout-messages.ts';
import { type OnnxDim, type OnnxInfo, type OnnxTensorInfo, quoteName } from './onnx-info.ts';
import { describeLayout, formatShape, outputReadings, type Reading } from './output-layout.ts';
import { namesCount } from './ultralytics-metadata.ts';

export interface CompatibilityResult {
  errors: ConfigIssue[];
  warnings: string[];
}

/** How well the shape alone supports a reading, best first. */
const SUPPORT_RANK: Record<Reading['support'], number> = { shape: 0, names: 1, config: 2 };

/** Values before the class scores: cx, cy, w, h and YOLOv5's objectness. */
const BOX_FIELDS: Record<OutputFormat, number> = { yolov5: 5, yolov8: 4, 'yolov8-transposed': 4 };

export function checkModelAgainstConfig(info: OnnxInfo, config: RuntimeConfig, modelName: string): CompatibilityResult {
  const errors: ConfigIssue[] = [];
  const warnings: string[] = [];
  checkStorage(info, modelName, errors);
  checkTensorTypes(info, config, modelName, errors);
  checkInput(info, config, modelName, errors);
  checkOutput(info, config, modelName, errors, warnings);
  checkMetadata(info, config, modelName, errors, warnings);
  return { errors, warnings };
}

function checkInput(info: OnnxInfo, config: RuntimeConfig, model: string, errors: ConfigIssue[]): void {
  const input = info.inputs.find((i) => i.name === config.inputName);
  if (!input) {
    errors.push({
      path: 'model.input.name',
      message: `config says input ${quoteName(config.inputName)}, ${model} has ${nameList(info.inputs)}; set model.input.name to the model's input name`,
    });
    return;
  }
  const shape = input.shape;
  if (shape?.length !== 4 || (typeof shape[1] === 'number' && shape[1] !== 3)) {
    errors.push({
      path: 'model.input.name',
      message: `input ${quoteName(input.name)} of ${model} has shape ${fmtShape(shape)}, the app feeds [N,3,H,W] (RGB, NCHW); use a YOLOv5 detection export`,
    });
    return;
  }
  const h = shape[2] ?? null;
  const w = shape[3] ?? null;
  const fixed = typeof h === 'number' && typeof w === 'number';
  if (config.input.kind === 'static') {
    const { width, height } = config.input;
    // A symbolic dim accepts any size, so a static config is fine against it.
    const hBad = typeof h === 'number' && h !== height;
    const wBad = typeof w === 'number' && w !== width;
    if (hBad || wBad) {
      errors.push({
        path: 'model.input.size',
        message: `config says ${width}x${height}, model takes ${dimStr(w)}x${dimStr(h)} (${model}); update the config or use the matching model`,
      });
    }
  } else if (fixed) {
    errors.push({
      path: 'model.input.dynamic',
      message: `config says dynamic input, the model has a fixed ${w}x${h} input (${model}); use model.input.size: [${w}, ${h}] or a model exported with --dynamic`,
    });
  }
}

/** The file must hold its own weights: a dropped or fetched .onnx has no folder of side files. */
function checkStorage(info: OnnxInfo, model: string, errors: ConfigIssue[]): void {
  const { count, names } = info.externalData;
  if (count === 0) return;
  errors.push({
    path: 'model.file',
    message: `${model} keeps ${count} weight${count === 1 ? '' : 's'} in separate files (ONNX external data, e.g. ${names.map((n) => quoteName(n)).join(', ')}); the app loads one .onnx file: save the model with its weights inside (onnx.save(model, path, save_as_external_data=False); models under 2 GB fit)`,
  });
}

/**
 * The worker feeds one float32 image and reads float32 rows: a float16 tensor
 * would be read as garbage and a batch of N would be N images' boxes.
 */
function checkTensorTypes(info: OnnxInfo, config: RuntimeConfig, model: string, errors: ConfigIssue[]): void {
  const tensors = [
    { t: info.inputs.find((i) => i.name === config.inputName), kind: 'input', path: 'model.input.name' },
    { t: info.outputs.find((o) => o.name === config.outputName), kind: 'output', path: 'model.output.name' },
  ];
  for (const { t, kind, path } of tensors) {
    if (!t) continue; // a missing tensor is reported by its own check
    const what = `${kind} ${quoteName(t.name)} of ${model}`;
    if (t.elemType !== 'float32') {
      const fix =
        t.elemType === 'float16'
          ? 'export without `--half` (float16 models are not supported)'
          : 'export a float32 model (without `--half` or quantisation)';
      errors.push({ path, message: `${what} is ${t.elemType}, the app needs float32; ${fix}` });
    }
    const batch = t.shape?.[0];
    if (typeof batch === 'number' && batch !== 1) {
      errors.push({
        path,
        message: `${what} has batch dimension ${batch}, the app runs one image at a time (batch 1 or symbolic); export with --batch-size 1 or --dynamic`,
      });
    }
  }
}

function checkOutput(
  info: OnnxInfo,
  config: RuntimeConfig,
  model: string,
  errors: ConfigIssue[],
  warnings: string[],
): void {
  const output = info.outputs.find((o) => o.name === config.outputName);
  if (!output) {
    errors.push({
      path: 'model.output.name',
      message: `config says output ${quoteName(config.outputName)}, ${model} has ${nameList(info.outputs)}; set model.output.name to the model's output name`,
    });
    return;
  }
  const shape = output.shape;
  if (shape?.length !== 3) {
    errors.push({
      path: 'model.output.name',
      message: `output ${quoteName(output.name)} of ${model} has ${shape ? `rank ${shape.length} ${fmtShape(shape)}` : 'no declared shape'}, a detection output is rank 3 ([N, anchors, 5 + classes] or [N, 4 + classes, anchors]); export with the detection head (not a segmentation or classification model)`,
    });
    return;
  }
  const input = info.inputs.find((i) => i.name === config.inputName);
  const read = outputReadings(shape, input?.shape ?? null);
  const labels = config.labels.length;
  if (!Array.isArray(read)) {
    const refusal = undecodableMessage(read, output.name, shape, model);
    if (refusal) {
      errors.push({ path: 'model.output.format', message: refusal });
    } else if (read.kind === 'unknown' && (typeof shape[1] === 'number' || typeof shape[2] === 'number')) {
      errors.push({
        path: 'model.output.format',
        message: `cannot read output ${quoteName(output.name)} of ${model}, ${formatShape(shape)}, in any layout: ${read.why}; a YOLO detection output is [1, 4 + classes, anchors] (yolov8) or [1, anchors, 5 + classes] (yolov5)`,
      });
    } else if (!info.namesByClass?.size) {
      // Both dims symbolic: the config's layout is taken as written; names metadata may still give the count.
      warnings.push(
        `${model}: output ${quoteName(output.name)} ${formatShape(shape)} has a symbolic ${config.outputFormat === 'yolov8' ? 'class dimension' : 'last dimension'} and no names metadata; the ${labels} configured labels are checked against the first inference`,
      );
    }
    return;
  }
  // The config names the layout; the shape must allow it. Another layout whose class count is the
  // labels' is the likelier mistake than the label count when the shape supports it at least as well
  // as the config's, or the names metadata has that count: then it is what the message suggests.
  const mine = read.find((r) => r.kind === config.outputFormat);
  const names = info.namesByClass?.size ? namesCount(info.namesByClass) : null;
  const fitsLabels = read.find(
    (r) =>
      r.kind !== config.outputFormat &&
      r.classes === labels &&
      (!mine || SUPPORT_RANK[r.support] <= SUPPORT_RANK[mine.support] || names === labels),
  );
  if (!mine || (mine.classes !== labels && fitsLabels)) {
    const other = fitsLabels ?? read[0]!;
    // Naming the label count says why the other layout fits when the config's one would too.
    const message = formatMismatch(config, other, output.name, shape, model, mine !== undefined);
    errors.push({ path: 'model.output.format', message });
    return;
  }
  const { classes } = mine;
  if (classes > MAX_CLASSES) {
    errors.push({
      path: 'labels',
      message: `${model} outputs ${classes} classes (${describeLayout(mine)}); this app supports 1 to ${MAX_CLASSES} classes`,
    });
  } else if (classes !== labels) {
    const fields = BOX_FIELDS[mine.kind];
    const where =
      mine.kind === 'yolov8'
        ? `${output.name} dimension 1 is ${classes + fields} = ${fields} + ${classes}`
        : `${output.name} last dimension ${classes + fields} = ${fields} + ${classes}`;
    errors.push({
      path: 'labels',
      message: `config lists ${labels} labels, model outputs ${classes} classes (${where}) in ${model}; make labels list exactly ${classes} names in class order`,
    });
  } else if (mine.support === 'config') {
    const shapeSays = read.find((r) => r.support === 'shape');
    const instead = shapeSays ? `; the shape reads as ${describeLayout(shapeSays)}` : '';
    warnings.push(
      `${model}: output ${quoteName(output.name)} ${formatShape(shape)} is decoded in the ${mine.kind} layout because the config says so, though ${mine.why}${instead}; if the boxes look wrong, check model.output.format`,
    );
  }
}

/** The layout named in the config is not the model's: name both, and the fix this config's version allows. */
function formatMismatch(
  config: RuntimeConfig,
  layout: Reading,
  outputName: string,
  shape: OnnxDim[],
  model: string,
  byLabels: boolean,
): string {
  const found = `${outputName} is ${formatShape(shape)} (${describeLayout(layout)})`;
  if (config.schemaVersion === 1)
    return `a v1 config describes YOLOv5 output only, but ${found} in ${model}; write a schema v${Math.max(3, FORMAT_SINCE[layout.kind])} config with model.output.format: ${layout.kind} (\`npm run validate -- --init ${model}\` writes one)`;
  const since = FORMAT_SINCE[layout.kind];
  const fix =
    config.schemaVersion < since
      ? `set model.output.format: ${layout.kind} and schema_version: ${since}`
      : `set model.output.format: ${layout.kind}`;
  const labels = byLabels ? ` with ${config.labels.length} labels` : '';
  return `config says ${config.outputFormat}${labels}, but ${found}; ${fix}`;
}

function checkMetadata(
  info: OnnxInfo,
  config: RuntimeConfig,
  model: string,
  errors: ConfigIssue[],
  warnings: string[],
): void {
  if (info.stride !== null && info.stride <= MAX_STRIDE && info.stride !== config.stride) {
    errors.push({
      path: 'model.stride',
      message: `config says stride ${config.stride}, ${model} metadata says stride ${info.stride}; set model.stride: ${info.stride}`,
    });
  } else if (info.stride !== null && info.stride > MAX_STRIDE) {
    warnings.push(
      `${model}: stride metadata ${info.stride} is past the ${MAX_STRIDE} a config may name; using config stride ${config.stride}`,
    );
  } else if (info.stride === null && info.metadata['stride'] !== undefined) {
    warnings.push(
      `${model}: stride metadata ${quoteName(info.metadata['stride'] ?? '')} is not a number; using config stride ${config.stride}`,
    );
  }

  if (info.metadata['names'] === undefined) return;
  const names = info.namesByClass;
  if (names === null) {
    warnings.push(`${model}: names metadata could not be parsed; labels are not compared with the model's class names`);
    return;
  }
  if (names.size === 0) return;
  const labels = config.labels;
  const count = namesCount(names);
  if (count !== labels.length) {
    // Skip when the output-dim check already reported the same mismatch.
    if (errors.some((e) => e.path === 'labels' || e.path === 'model.output.format')) return;
    const listed = [...names.entries()].sort((a, b) => a[0] - b[0]).map(([, n]) => n);
    errors.push({
      path: 'labels',
      message: `config lists ${labels.length} labels, ${model} names metadata lists ${count} classes (${preview(listed)}); make labels match the model's ${count} classes`,
    });
    return;
  }
  // A name that is missing, empty or shared cannot be a label, so a config cannot match it: those are not compared.
  const seen = new Map<string, number>();
  for (const n of names.values()) seen.set(n, (seen.get(n) ?? 0) + 1);
  const diffs: string[] = [];
  let differ = 0;
  for (let i = 0; i < count; i++) {
    const name = names.get(i);
    if (name === undefined || !/\S/.test(name) || seen.get(name)! > 1 || name === labels[i]) continue;
    differ++;
    if (diffs.length < 3)
      diffs.push(`labels[${i}]: config ${JSON.stringify(labels[i])}, model ${JSON.stringify(name)}`);
  }
  if (differ > 0) {
    warnings.push(
      `${differ} label${differ === 1 ? ' differs' : 's differ'} from ${model} names metadata (${diffs.join('; ')}${differ > diffs.length ? '; …' : ''}); boxes will show the config's labels`,
    );
  }
}

/** The first few tensor names, quoted and cut short: a file may declare many, with long names. */
function nameList(list: OnnxTensorInfo[]): string {
  if (list.length === 0) return 'none';
  const shown = list.slice(0, 5).map((t) => quoteName(t.name));
  return list.length > shown.length ? `${shown.join(', ')} and ${list.length - shown.length} more` : shown.join(', ');
}

function dimStr(d: OnnxDim | undefined): string {
  if (d === null || d === undefined) return '?';
  return String(d);
}

function fmtShape(shape: OnnxDim[] | null): string {
  return shape ? `[${shape.map(dimStr).join(',')}]` : 'unknown';
}

function preview(names: string[]): string {
  const head = names.slice(0, 3).join(', ');
  return names.length > 3 ? `${head}, …, ${names[names.length - 1]}` : head;
}
