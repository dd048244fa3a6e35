import type { ConfigIssue, RuntimeConfig } from '../config/runtime-config.ts';
import { checkModelAgainstConfig } from './compatibility.ts';
import { type OnnxInfo, OnnxReadError, readOnnxInfo } from './onnx-info.ts';

/**
 * Largest model file the app reads. A YOLO detection model is 4 to 300 MB; a
 * file past this would be read whole into memory (several times over, once
 * onnxruntime has it) before anything could say it is wrong.
 */
export const MAX_MODEL_BYTES = 1_000_000_000;

/** The refusal of a model file over MAX_MODEL_BYTES, said before it is read. */
export function modelTooLarge(name: string, bytes: number): string {
  return `${name} is ${(bytes / 1e9).toFixed(2)} GB, over the 1 GB model limit; a YOLO detection model is 4 to 300 MB: is this the right file?`;
}

export type ModelCheck = { ok: true; warnings: string[] } | { ok: false; issues: ConfigIssue[]; warnings: string[] };

/**
 * The gate between a config and a session: reads the ONNX header (no session)
 * and checks it against the config. Shared by the app, the CLI and the build.
 */
export function checkModelBytes(bytes: Uint8Array, config: RuntimeConfig, modelName: string): ModelCheck {
  let info: OnnxInfo;
  try {
    info = readOnnxInfo(bytes);
  } catch (e) {
    const reason = e instanceof OnnxReadError ? e.reason : String(e);
    return {
      ok: false,
      issues: [{ path: 'model.file', message: `${modelName} is not a valid ONNX model (${reason})` }],
      warnings: [],
    };
  }
  const { errors, warnings } = checkModelAgainstConfig(info, config, modelName);
  return errors.length ? { ok: false, issues: errors, warnings } : { ok: true, warnings };
}
