import type { ConfigIssue, RuntimeConfig } from '../config/runtime-config.ts';
import { checkModelAgainstConfig } from './compatibility.ts';
import { type OnnxInfo, OnnxReadError, readOnnxInfo } from './onnx-info.ts';

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
