/**
 * Schema v1: the legacy flat config the first releases shipped. It has no
 * name, tensor names or postprocess section; those are fixed facts of the
 * models v1 was written for, so the builder supplies them (not reported as
 * defaults: the user could not have set them in v1).
 */
import * as v from 'valibot';
import { defineSchemaVersion } from '../registry.ts';
import { describeValue } from '../describe.ts';
import { bundleFile, fraction, labelList, strictMapping, strideMultiple } from './fields.ts';

export const V1_STRIDE = 32;

export const v1Schema = strictMapping(
  {
    schema_version: v.optional(v.literal(1, (i) => `expected 1 for a v1 config, got ${describeValue(i.input)}`)),
    model_path: bundleFile(),
    input_size: strideMultiple(V1_STRIDE),
    conf_threshold: v.optional(fraction({ maxInclusive: false })),
    iou_threshold: v.optional(fraction({ maxInclusive: true })),
    classes: labelList('classes'),
  },
  'a legacy v1 config',
);

export const v1 = defineSchemaVersion({
  version: 1,
  legacy: true,
  schema: v1Schema,
  modelFilePath: 'model_path',
  // v1 has no keys for names, output or stride: those issues point at the model file.
  modelIssuePaths: {
    'model.file': 'model_path',
    'model.input.size': 'input_size',
    'model.input.dynamic': 'input_size',
    'model.input.name': 'model_path',
    'model.output.name': 'model_path',
    'model.output.format': 'model_path',
    'model.stride': 'model_path',
    labels: 'classes',
  },
  build(doc, ctx) {
    return {
      id: ctx.id,
      name: ctx.id,
      schemaVersion: 1,
      modelFile: doc.model_path,
      inputName: 'images',
      outputName: 'output0',
      outputFormat: 'yolov5',
      input: { kind: 'static', width: doc.input_size, height: doc.input_size },
      stride: V1_STRIDE,
      padValue: 114,
      confidence: ctx.withDefault('conf_threshold', doc.conf_threshold, 0.25),
      iou: ctx.withDefault('iou_threshold', doc.iou_threshold, 0.45),
      maxDetections: 300,
      classAgnostic: false,
      labels: [...doc.classes],
    };
  },
});
