/**
 * `npm run validate -- <config.yaml> [--model <file.onnx>]`: checks a bundle
 * config, and its model when available, the same way the app will.
 * Exit 0 with the report on stdout, or 1 with one `file:line:col path: message`
 * line per problem on stderr.
 *
 * `npm run -s validate -- --init <model.onnx> > config.yaml`: writes the config
 * the app generates for that model dropped alone (stdout: the YAML only; where
 * each value came from, and warnings, on stderr).
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  formatIssueLine,
  formatReport,
  loadConfigBytes,
  loadConfigText,
  locateModelFile,
  placeModelIssue,
  type ConfigIssue,
  type LoadReport,
  type RuntimeConfig,
} from '../src/config/index.ts';
import { checkModelBytes } from '../src/model/check-model-bytes.ts';
import { configFromModelBytes, sourceLines } from '../src/model/config-from-model.ts';
import { errorText } from '../src/util/errors.ts';

export interface ValidateOptions {
  /** Model file to check instead of the one the config names. */
  model?: string;
  /** Bundle id; defaults to the config's folder name. */
  id?: string;
  /** A missing model file is an error (the build) rather than a note (the CLI). */
  requireModel?: boolean;
}

export interface ValidateResult {
  ok: boolean;
  /** Report lines (stdout). */
  out: string[];
  /** Problem lines (stderr), `file:line:col path: message`. */
  err: string[];
  config?: RuntimeConfig;
  report?: LoadReport;
}

export function validateConfigFile(configPath: string, opts: ValidateOptions = {}): ValidateResult {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(configPath));
  } catch (e) {
    const why = errorText(e);
    return {
      ok: false,
      out: [],
      err: [formatIssueLine(configPath, { path: '', message: `cannot read config: ${why}` })],
    };
  }
  const id = opts.id ?? basename(dirname(resolve(configPath)));
  // Read as the app reads a dropped file: bytes, strict UTF-8 (a BOM and CRLF are fine).
  const loaded = loadConfigBytes(bytes, { id });
  if (!loaded.ok) return { ok: false, out: [], err: loaded.issues.map((i) => formatIssueLine(configPath, i)) };
  const text = loaded.text ?? '';

  const { config, report } = loaded;
  const out = formatReport(config, report);
  // Model-side problems have no YAML node of their own: report them at the model file entry.
  const anchor = locateModelFile(text, report.schemaVersion);
  const at = (message: string, path = anchor.path): ConfigIssue => ({ ...anchor, path, message });
  const modelPath = opts.model ?? resolve(dirname(configPath), config.modelFile);

  if (!existsSync(modelPath)) {
    if (opts.requireModel) {
      const issue = at(`model file ${display(modelPath)} not found; run \`npm run models\` to fetch it`);
      return { ok: false, out, err: [formatIssueLine(configPath, issue)], config, report };
    }
    return { ok: true, out: [...out, `model not checked: ${display(modelPath)} not found`], err: [], config, report };
  }
  const check = checkModelBytes(new Uint8Array(readFileSync(modelPath)), config, basename(modelPath));
  const notes = check.warnings.map((w) => `warning: ${w}`);
  if (!check.ok) {
    const err = check.issues.map((i) => formatIssueLine(configPath, placeModelIssue(text, report.schemaVersion, i)));
    return { ok: false, out: [...out, ...notes], err, config, report };
  }
  return { ok: true, out: [...out, `model checked: ${display(modelPath)}`, ...notes], err: [], config, report };
}

export interface InitResult {
  ok: boolean;
  /** The generated config.yaml (stdout). */
  yaml: string;
  /** Where each value came from, warnings, or problems (stderr). */
  err: string[];
}

/**
 * The config the app writes for a model dropped alone, checked the same way:
 * generated, loaded through the schema and builder, then checked against the model.
 */
export function initConfig(modelPath: string): InitResult {
  const name = basename(modelPath);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(modelPath));
  } catch (e) {
    return { ok: false, yaml: '', err: [`${display(modelPath)}: cannot read model: ${errorText(e)}`] };
  }
  const generated = configFromModelBytes(bytes, name);
  if (!generated.ok) return { ok: false, yaml: '', err: generated.problems.map((p) => `${display(modelPath)}: ${p}`) };
  const loaded = loadConfigText(generated.yaml, { id: basename(dirname(resolve(modelPath))) });
  const origin = display(modelPath);
  if (!loaded.ok)
    return {
      ok: false,
      yaml: '',
      err: loaded.issues.map((i) => `${origin}: the config written for it is invalid: ${i.path}: ${i.message}`),
    };
  // The check's messages name the model and its tensors; the generated config's keys would point at a file not written.
  const check = checkModelBytes(bytes, loaded.config, name);
  if (!check.ok) return { ok: false, yaml: '', err: check.issues.map((i) => `${origin}: ${i.message}`) };
  const notes = [...generated.warnings, ...check.warnings].map((w) => `warning: ${w}`);
  return { ok: true, yaml: generated.yaml, err: [...sourceLines(generated.sources), ...notes] };
}

function display(path: string): string {
  return relative(process.cwd(), path) || path;
}

function main(argv: string[]): number {
  const args = [...argv];
  const init = args.indexOf('--init');
  if (init >= 0) {
    const model = args[init + 1];
    if (!model || args.length !== 2) return usage('--init needs exactly one model file');
    const result = initConfig(model);
    process.stdout.write(result.yaml);
    for (const line of result.err) console.error(line);
    return result.ok ? 0 : 1;
  }
  let model: string | undefined;
  const at = args.indexOf('--model');
  if (at >= 0) {
    model = args[at + 1];
    if (!model) return usage('--model needs a file');
    args.splice(at, 2);
  }
  if (args.length !== 1 || args[0]!.startsWith('--')) return usage('expected exactly one config file');
  const result = validateConfigFile(args[0]!, model ? { model } : {});
  // On failure stderr carries only problem lines, so tools can parse every line.
  if (result.ok) for (const line of result.out) console.log(line);
  for (const line of result.err) console.error(line);
  return result.ok ? 0 : 1;
}

function usage(problem: string): number {
  console.error(
    `${problem}\nusage: npm run validate -- <config.yaml> [--model <file.onnx>]\n       npm run -s validate -- --init <model.onnx> > config.yaml`,
  );
  return 2;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
