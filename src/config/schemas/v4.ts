/**
 * Schema v4: v3 plus the YOLOv8-family layout transposed,
 * `model.output.format: yolov8-transposed` ([1, anchors, 4 + classes]).
 * A new version rather than a new value in v3, so an app that knows only
 * v1–v3 refuses such a config as "newer than this app understands; update
 * the app" instead of reading a format it cannot decode. Everything else reads as in v2.
 */
import { defineSchemaVersion } from '../registry.ts';
import { buildSectioned, sectionedSchema } from './v2.ts';

export const v4Schema = sectionedSchema(4, ['yolov5', 'yolov8', 'yolov8-transposed']);

export const v4 = defineSchemaVersion({
  version: 4,
  legacy: false,
  schema: v4Schema,
  modelFilePath: 'model.file',
  build: (doc, ctx) => buildSectioned(doc, ctx, 4),
});
