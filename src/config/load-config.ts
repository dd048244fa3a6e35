/**
 * The single entry point from config text to RuntimeConfig, used by the app,
 * the CLI and the build: safe YAML parse, version selection and strict
 * validation, then the version's builder.
 */
import type { ConfigIssue, ConfigResult, LoadReport } from './runtime-config.ts';
import type { Registry, BuildContext } from './registry.ts';
import { defaultRegistry } from './default-registry.ts';
import { positioned } from './issues.ts';
import { selectAndValidate } from './select.ts';
import { configSizeIssue, locate, parseYamlSource, type Position } from './yaml-source.ts';
import { decodeConfigBytes } from './decode.ts';
import { formatPath } from './paths.ts';

export interface LoadOptions {
  /** Bundle id: folder name under public/models, or `custom`. */
  id: string;
  registry?: Registry;
}

/** A config file as bytes (a dropped or fetched file): size, then strict UTF-8, then loadConfigText. */
export function loadConfigBytes(bytes: Uint8Array, opts: LoadOptions): ConfigResult & { text?: string } {
  const tooBig = configSizeIssue(bytes.length);
  if (tooBig) return { ok: false, issues: [tooBig] };
  const decoded = decodeConfigBytes(bytes);
  if (!decoded.ok) return decoded;
  return { ...loadConfigText(decoded.text, opts), text: decoded.text };
}

export function loadConfigText(text: string, opts: LoadOptions): ConfigResult {
  const registry = opts.registry ?? defaultRegistry;
  const parsed = parseYamlSource(text);
  if (!parsed.ok) return parsed;
  const { source } = parsed;
  const selection = selectAndValidate(registry, source.data);
  if (!selection.ok) return { ok: false, issues: selection.issues.map((i) => positioned(source, i)) };

  const { entry } = selection;
  const defaultsApplied: string[] = [];
  const warnings: string[] = [];
  const ctx: BuildContext = {
    id: opts.id,
    withDefault(path, value, fallback) {
      if (value !== undefined) return value;
      defaultsApplied.push(`${path} = ${JSON.stringify(fallback)}`);
      return fallback;
    },
    warn: (message) => warnings.push(message),
  };
  const config = entry.build(selection.output, ctx);
  const newest = registry.supported[registry.supported.length - 1]!;
  const report: LoadReport = {
    schemaVersion: entry.version,
    legacy: entry.legacy,
    migratedFrom: entry.legacy || entry.version < newest ? entry.version : null,
    defaultsApplied,
    warnings,
  };
  return { ok: true, config, report };
}

/**
 * Where model-side problems (which have no YAML node of their own) are
 * reported: the model file entry of the document's schema version, else 1:1.
 */
export function locateModelFile(
  text: string,
  schemaVersion: number,
  registry: Registry = defaultRegistry,
): ConfigIssue {
  const entry = registry.get(schemaVersion);
  const parsed = parseYamlSource(text);
  const path = entry ? entry.modelFilePath.split('.') : [];
  const at: Position = parsed.ok && entry ? locate(parsed.source, path) : { line: 1, col: 1 };
  return { path: formatPath(path), message: '', line: at.line, col: at.col };
}

/**
 * Places a model-check issue (written with v2 paths) in a document of any
 * version: the path is respelled for that version and given the line:col of
 * its node (or of the nearest parent that exists).
 */
export function placeModelIssue(
  text: string,
  schemaVersion: number,
  issue: ConfigIssue,
  registry: Registry = defaultRegistry,
): ConfigIssue {
  const entry = registry.get(schemaVersion);
  const spelled = entry?.modelIssuePaths?.[issue.path] ?? issue.path;
  const parsed = parseYamlSource(text);
  const segments = spelled.split('.').filter(Boolean);
  const at: Position = parsed.ok ? locate(parsed.source, segments) : { line: 1, col: 1 };
  return { ...issue, path: spelled, line: at.line, col: at.col };
}

/**
 * The model file a config names, read at its schema version's `modelFilePath`
 * without validating the rest: provisioning runs at install time, before (and
 * whatever) validation says. Null when the text names none.
 */
export function modelFileOf(text: string, registry: Registry = defaultRegistry): string | null {
  const parsed = parseYamlSource(text);
  if (!parsed.ok) return null;
  const data = parsed.source.data;
  const declared = data['schema_version'];
  const entries = typeof declared === 'number' ? [registry.get(declared)] : registry.legacy;
  for (const entry of entries) {
    let node: unknown = data;
    for (const key of entry?.modelFilePath.split('.') ?? []) {
      node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
    }
    if (entry && typeof node === 'string') return node;
  }
  return null;
}
