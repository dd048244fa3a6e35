/**
 * Picks the schema version for a document and validates it strictly.
 * A document naming its version is checked against that version only; one
 * without `schema_version` is tried against every legacy version.
 */
import * as v from 'valibot';
import { describeValue, unquoteHint } from './describe.ts';
import { fromValibot, type RawIssue } from './issues.ts';
import type { Registry, SchemaVersion } from './registry.ts';

export type Selection = { ok: true; entry: SchemaVersion; output: unknown } | { ok: false; issues: RawIssue[] };

export function selectAndValidate(registry: Registry, data: Record<string, unknown>): Selection {
  if (Object.hasOwn(data, 'schema_version')) return byDeclaredVersion(registry, data);
  return byLegacyMatch(registry, data);
}

/** "1–2", or a list when the supported versions have gaps. */
export function supportedText(registry: Registry): string {
  const s = registry.supported;
  const first = s[0]!;
  const last = s[s.length - 1]!;
  if (s.length === 1) return String(first);
  return last - first === s.length - 1 ? `${first}–${last}` : s.join(', ');
}

function byDeclaredVersion(registry: Registry, data: Record<string, unknown>): Selection {
  const declared = data.schema_version;
  const at = ['schema_version'];
  if (typeof declared !== 'number' || !Number.isInteger(declared) || declared < 1) {
    return refuse(
      at,
      `must be a positive integer (this app understands ${supportedText(registry)}), got ${describeValue(declared)}${unquoteHint(declared, 'number')}`,
    );
  }
  const entry = registry.get(declared);
  if (!entry) {
    const newest = registry.supported[registry.supported.length - 1]!;
    return declared > newest
      ? refuse(
          at,
          `schema version ${declared} is newer than this app understands (${supportedText(registry)}); update the app`,
        )
      : refuse(at, `schema version ${declared} is not supported by this app (supported: ${supportedText(registry)})`);
  }
  return run(entry, data, '');
}

function byLegacyMatch(registry: Registry, data: Record<string, unknown>): Selection {
  const legacy = registry.legacy;
  if (legacy.length === 0) {
    return refuse(
      ['schema_version'],
      `is missing; add schema_version (this app understands ${supportedText(registry)})`,
    );
  }
  const tries = legacy.map((entry) => ({
    entry,
    result: run(entry, data, legacy.length > 1 ? `[as v${entry.version}] ` : ''),
  }));
  const matches = tries.filter((t) => t.result.ok);
  if (matches.length === 1) return matches[0]!.result;
  if (matches.length > 1) {
    const names = matches.map((t) => `v${t.entry.version}`).join(', ');
    return refuse(
      [],
      `config has no schema_version and matches several legacy schemas (${names}); add schema_version to say which`,
    );
  }
  const issues = tries.flatMap((t) => (t.result.ok ? [] : t.result.issues));
  const hint = forgottenVersionHint(registry, data);
  return { ok: false, issues: hint ? [hint, ...issues] : issues };
}

/**
 * When a version-less document uses keys only a non-legacy version has, the
 * author most likely wrote that version and forgot to say so. Sectioned
 * versions share their keys, so the one named is the oldest that accepts the
 * document as it stands (v2 for a yolov5 config, v3 for a yolov8 one), else the newest.
 */
function forgottenVersionHint(registry: Registry, data: Record<string, unknown>): RawIssue | undefined {
  const legacyKeys = new Set(registry.legacy.flatMap((e) => topLevelKeys(e.schema)));
  const withKeys = registry.versions
    .filter((e) => !e.legacy)
    .map((entry) => {
      const own = new Set(topLevelKeys(entry.schema));
      return { entry, found: Object.keys(data).filter((k) => own.has(k) && !legacyKeys.has(k)) };
    })
    .filter((c) => c.found.length > 0);
  if (withKeys.length === 0) return undefined;
  const accepts = withKeys.find(
    (c) => v.safeParse(c.entry.schema, { ...data, schema_version: c.entry.version }).success,
  );
  const { entry, found } = accepts ?? withKeys[withKeys.length - 1]!;
  const legacyNames = registry.legacy.map((e) => `v${e.version}`).join('/');
  return {
    path: ['schema_version'],
    message: `did you forget \`schema_version: ${entry.version}\`? Without it the config is read as legacy ${legacyNames}, but it has v${entry.version} keys (${found.join(', ')})`,
  };
}

function topLevelKeys(schema: v.GenericSchema): string[] {
  // Piped schemas keep their first schema's properties, so `entries` is there too.
  const entries = (schema as { entries?: Record<string, unknown> }).entries;
  return entries ? Object.keys(entries) : [];
}

function run(entry: SchemaVersion, data: unknown, prefix: string): Selection {
  const result = v.safeParse(entry.schema, data);
  return result.success
    ? { ok: true, entry, output: result.output }
    : { ok: false, issues: fromValibot(result.issues, prefix) };
}

function refuse(path: string[], message: string): Selection {
  return { ok: false, issues: [{ path, message }] };
}
