/**
 * The words for output shapes this app does not decode, or cannot tell
 * apart, shared by the config generator (a model dropped alone) and the model
 * check (a model with a config). Each names the model, the tensor and its
 * shape, says what the shape looks like, and what to do.
 */
import { FORMAT_SINCE, type OutputFormat } from '../config/runtime-config.ts';
import { type OnnxDim, quoteName } from './onnx-info.ts';
import { formatShape, type OutputLayout, type Reading, type Undecodable } from './output-layout.ts';

/** How a user writes a config for a model (README section, and the drop). */
export function writeConfig(model: string): string {
  return `write a config.yaml for it (README, "Add your own model") and drop it together with ${model}`;
}

/** `model.output.format: yolov8-transposed (schema_version: 4)`: the value and the version that can name it. */
export function formatSetting(kind: OutputFormat): string {
  const since = FORMAT_SINCE[kind];
  return `model.output.format: ${kind}${since > 1 ? ` (schema_version: ${since})` : ''}`;
}

const SEE = '[1, 4 + classes, anchors] (yolov8) or [1, anchors, 5 + classes] (yolov5)';

/** The refusal for an NMS-free output, shared by the model check and the config generator. */
export function nmsFreeMessage(outputName: string, shape: readonly OnnxDim[] | null, model: string): string {
  return `${outputName} of ${model} is ${formatShape(shape)}, final boxes of an NMS-free (end-to-end) export (x1, y1, x2, y2, score, class), which this app does not decode; export without built-in NMS so ${outputName} is ${SEE}`;
}

/** The refusal for DETR-style query boxes, e.g. RT-DETR's [1, 300, 84]. */
export function detrMessage(
  outputName: string,
  shape: readonly OnnxDim[] | null,
  model: string,
  layout: { queries: number; classes: number },
): string {
  return `${outputName} of ${model} is ${formatShape(shape)}, ${layout.queries} query boxes × (4 + ${layout.classes} classes): an RT-DETR/DETR-style export, not decoded by this app; use a YOLO detection export, whose output is ${SEE}`;
}

/** A refusal whatever a config says, or null for shapes a config may describe. */
export function undecodableMessage(
  layout: Undecodable,
  outputName: string,
  shape: readonly OnnxDim[] | null,
  model: string,
): string | null {
  if (layout.kind === 'nms-free') return nmsFreeMessage(outputName, shape, model);
  if (layout.kind === 'detr') return detrMessage(outputName, shape, model, layout);
  return null;
}

/** `yolov5 (5 + 80 classes)`. */
export function readingName(r: Reading): string {
  return `${r.kind} (${r.kind === 'yolov5' ? 5 : 4} + ${r.classes} classes)`;
}

/** What the shape allows: the readings' shared reason (it names them), or each reading and its reason. */
function readsAs(readings: readonly Reading[]): string {
  const why = readings[0]!.why;
  if (readings.every((r) => r.why === why)) return why;
  return `it reads as ${readings.map((r) => `${readingName(r)}, as ${r.why}`).join(', or as ')}`;
}

/** `model.output.format: yolov5 and 80 labels, or model.output.format: yolov8-transposed (…) and 81 labels`. */
function choices(readings: readonly Reading[]): string {
  return readings.map((r) => `${formatSetting(r.kind)} and ${r.classes} labels`).join(', or ');
}

/**
 * Why a model dropped alone cannot have a config written for it from its
 * shape and names metadata, and what to do. `hasNames`: the model has usable names metadata.
 */
export function undecidedMessage(
  layout: Exclude<OutputLayout, Reading>,
  output: { name: string; shape: readonly OnnxDim[] | null },
  model: string,
  hasNames: boolean,
): string {
  const { name, shape } = output;
  const tensor = `output ${quoteName(name)} of ${model}`;
  switch (layout.kind) {
    case 'nms-free':
    case 'detr':
      return undecodableMessage(layout, name, shape, model)!;
    case 'unknown':
      return `cannot tell the layout of ${tensor}, ${formatShape(shape)}: ${layout.why}; ${writeConfig(model)}, naming its layout (model.output.format: yolov5, yolov8 or yolov8-transposed) and its labels`;
    case 'ambiguous': {
      const which = hasNames
        ? `its names metadata's ${layout.readings[0]!.classes} classes fit ${layout.readings.length === 2 ? 'both' : 'each'}`
        : `${model} has no names metadata to tell which`;
      return `${tensor} is ${formatShape(shape)}: ${readsAs(layout.readings)}; ${which}; ${writeConfig(model)}, with ${choices(layout.readings)}, whichever the model is`;
    }
    case 'names-mismatch': {
      const [best] = layout.readings;
      const decided = layout.readings.filter((r) => r.support === 'shape').length === 1 && best!.support === 'shape';
      const reads = decided
        ? `is the ${best!.kind} layout with ${best!.classes} classes (${best!.why}, each ${best!.kind === 'yolov5' ? 5 : 4} + ${best!.classes} values)`
        : `fits neither: ${readsAs(layout.readings)}`;
      const fix = decided
        ? `with ${formatSetting(best!.kind)} and ${best!.classes} labels in class order`
        : `with ${choices(layout.readings)}, whichever the model is`;
      const alt = layout.alternative;
      const also = alt
        ? `; if ${model} is an anchor-free export with YOLOv5-style rows (objectness; YOLOv6, YOLOX), its ${layout.names} names fit ${formatSetting(alt.kind)} instead`
        : '';
      return `names metadata of ${model} lists ${layout.names} classes, but its output ${quoteName(name)} ${formatShape(shape)} ${reads}: the model disagrees with its own metadata; ${writeConfig(model)}, ${fix}${also}`;
    }
  }
}
