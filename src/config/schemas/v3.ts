/**
 * Schema v3: v2's sectioned config, plus the YOLOv8-family output layout:
 * `model.output.format: yolov5 | yolov8`. Everything else reads as in v2.
 */
import { defineSchemaVersion } from '../registry.ts';
import { buildSectioned, sectionedSchema } from './v2.ts';

export const v3Schema = sectionedSchema(3, ['yolov5', 'yolov8']);

export const v3 = defineSchemaVersion({
  version: 3,
  legacy: false,
  schema: v3Schema,
  modelFilePath: 'model.file',
  build: (doc, ctx) => buildSectioned(doc, ctx, 3),
});
