/**
 * Checks that a model file fits the bundle config that points at it, before a
 * session is created, so a mismatch reads "config says X, model has Y; fix Z"
 * instead of an onnxruntime shape error or silently wrong boxes.
 */
import type { ConfigIssue, RuntimeConfig } from '../config/runtime-config.ts';
import { MAX_CLASSES } from '../config/runtime-config.ts';
import { type OnnxDim, type OnnxInfo, type OnnxTensorInfo, quoteName } from './onnx-info.ts';
import { describeLayout, formatShape, inferOutputLayout, nmsFreeMessage, type OutputLayout } from './output-layout.ts';

export interface CompatibilityResult {
  errors: ConfigIssue[];
  warnings: string[];
}

/** YOLOv5 rows are cx, cy, w, h, objectness, then one score per class. */
const BOX_FIELDS = 5;

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
  const layout = inferOutputLayout(shape, input?.shape ?? null);
  const labels = config.labels.length;
  if (layout.kind === 'nms-free') {
    errors.push({ path: 'model.output.format', message: nmsFreeMessage(output.name, shape, model) });
    return;
  }
  if (layout.kind === 'unknown') {
    // Both dims symbolic: the config's layout is taken as written; names metadata may still give the count.
    if (info.names === null) {
      warnings.push(
        `${model}: output ${quoteName(output.name)} ${formatShape(shape)} has a symbolic ${config.outputFormat === 'yolov8' ? 'class dimension' : 'last dimension'} and no names metadata; the ${labels} configured labels are checked against the first inference`,
      );
    }
    return;
  }
  if (layout.kind !== config.outputFormat) {
    errors.push({ path: 'model.output.format', message: formatMismatch(config, layout, output.name, shape, model) });
    return;
  }
  const { classes } = layout;
  if (classes > MAX_CLASSES) {
    errors.push({
      path: 'labels',
      message: `${model} outputs ${classes} classes (${describeLayout(layout)}); this app supports 1 to ${MAX_CLASSES} classes`,
    });
  } else if (classes !== labels) {
    const where =
      layout.kind === 'yolov5'
        ? `${output.name} last dimension ${classes + BOX_FIELDS} = ${BOX_FIELDS} + ${classes}`
        : `${output.name} dimension 1 is ${classes + 4} = 4 + ${classes}`;
    errors.push({
      path: 'labels',
      message: `config lists ${labels} labels, model outputs ${classes} classes (${where}) in ${model}; make labels list exactly ${classes} names in class order`,
    });
  }
}

/** The layout named in the config is not the model's: name both, and the fix this config's version allows. */
function formatMismatch(
  config: RuntimeConfig,
  layout: OutputLayout,
  outputName: string,
  shape: OnnxDim[],
  model: string,
): string {
  const found = `${outputName} is ${formatShape(shape)} (${describeLayout(layout)})`;
  if (config.schemaVersion === 1)
    return `a v1 config describes YOLOv5 output only, but ${found} in ${model}; write a schema v3 config with model.output.format: ${layout.kind} (\`npm run validate -- --init ${model}\` writes one)`;
  const fix =
    layout.kind === 'yolov8' && config.schemaVersion < 3
      ? `set model.output.format: yolov8 and schema_version: 3`
      : `set model.output.format: ${layout.kind}`;
  return `config says ${config.outputFormat}, but ${found}; ${fix}`;
}

function checkMetadata(
  info: OnnxInfo,
  config: RuntimeConfig,
  model: string,
  errors: ConfigIssue[],
  warnings: string[],
): void {
  if (info.stride !== null && info.stride !== config.stride) {
    errors.push({
      path: 'model.stride',
      message: `config says stride ${config.stride}, ${model} metadata says stride ${info.stride}; set model.stride: ${info.stride}`,
    });
  } else if (info.stride === null && info.metadata['stride'] !== undefined) {
    warnings.push(
      `${model}: stride metadata ${quoteName(info.metadata['stride'] ?? '')} is not a number; using config stride ${config.stride}`,
    );
  }

  if (info.metadata['names'] === undefined) return;
  const names = info.names;
  if (names === null) {
    warnings.push(`${model}: names metadata could not be parsed; labels are not compared with the model's class names`);
    return;
  }
  const labels = config.labels;
  if (names.length !== labels.length) {
    // Skip when the output-dim check already reported the same mismatch.
    if (errors.some((e) => e.path === 'labels')) return;
    errors.push({
      path: 'labels',
      message: `config lists ${labels.length} labels, ${model} names metadata lists ${names.length} classes (${preview(names)}); make labels match the model's ${names.length} classes`,
    });
    return;
  }
  const diffs: string[] = [];
  let count = 0;
  for (let i = 0; i < names.length; i++) {
    if (names[i] === labels[i]) continue;
    count++;
    if (diffs.length < 3)
      diffs.push(`labels[${i}]: config ${JSON.stringify(labels[i])}, model ${JSON.stringify(names[i])}`);
  }
  if (count > 0) {
    warnings.push(
      `${count} label${count === 1 ? '' : 's'} differ from ${model} names metadata (${diffs.join('; ')}${count > diffs.length ? '; …' : ''}); boxes will show the config's labels`,
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
