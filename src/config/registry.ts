/**
 * The schema-version registry: one entry per version, each pairing a valibot
 * schema with the single builder that turns its output into a RuntimeConfig.
 * Adding a version means writing one module and listing it in createRegistry.
 */
import type * as v from 'valibot';
import type { RuntimeConfig } from './runtime-config.ts';

/** Handed to a builder so it can fill defaults visibly and warn. */
export interface BuildContext {
  /** Bundle id (folder name), also the display name of a nameless v1 bundle. */
  readonly id: string;
  /** Returns value, or fallback when absent, recording `path = fallback` as a default applied. */
  withDefault<T>(path: string, value: T | undefined, fallback: T): T;
  warn(message: string): void;
}

export interface SchemaVersion<S extends v.GenericSchema = v.GenericSchema> {
  /** Positive integer written as `schema_version` in documents of this version. */
  readonly version: number;
  /** Legacy versions may omit `schema_version`; such documents are tried against every legacy schema. */
  readonly legacy: boolean;
  /** Strict schema of the whole document, without defaults. */
  readonly schema: S;
  /** Path of the model file in this version's documents, where model-side issues are reported. */
  readonly modelFilePath: string;
  /**
   * How this version spells the paths of model-check issues, which use the
   * current (v2) spelling, e.g. v1 `labels` → `classes`. Absent: same spelling.
   */
  readonly modelIssuePaths?: Readonly<Record<string, string>>;
  // Method syntax on purpose: it lets a SchemaVersion<S> be stored as SchemaVersion<GenericSchema>.
  build(doc: v.InferOutput<S>, ctx: BuildContext): RuntimeConfig;
}

/** Identity function whose only job is to type-check `build` against `schema`'s output. */
export function defineSchemaVersion<S extends v.GenericSchema>(def: SchemaVersion<S>): SchemaVersion<S> {
  return def;
}

export interface Registry {
  /** Entries sorted by version. */
  readonly versions: readonly SchemaVersion[];
  /** Registered version numbers, ascending. */
  readonly supported: readonly number[];
  readonly legacy: readonly SchemaVersion[];
  get(version: number): SchemaVersion | undefined;
}

/**
 * Builds a registry and checks it, throwing on a mistake a developer made
 * (a missing builder, a duplicate version) so it fails at start-up and in
 * tests rather than on some user's config.
 */
export function createRegistry(entries: readonly SchemaVersion[]): Registry {
  if (entries.length === 0) throw new Error('config registry: no schema versions registered');
  const byVersion = new Map<number, SchemaVersion>();
  for (const [i, e] of entries.entries()) {
    const where = `config registry: entry ${i}`;
    if (typeof e !== 'object' || e === null) throw new Error(`${where} is not a schema version definition`);
    if (!Number.isInteger(e.version) || e.version < 1) {
      throw new Error(`${where}: version must be a positive integer, got ${String(e.version)}`);
    }
    const name = `config registry: schema v${e.version}`;
    if (byVersion.has(e.version)) throw new Error(`${name} is registered twice; versions must be unique`);
    if (!e.schema || (e.schema as { kind?: unknown }).kind !== 'schema') {
      throw new Error(`${name} has no valibot schema`);
    }
    if (typeof e.build !== 'function')
      throw new Error(`${name} has no builder; every schema needs exactly one build function`);
    if (typeof e.legacy !== 'boolean') throw new Error(`${name}: legacy must be true or false`);
    if (typeof e.modelFilePath !== 'string' || e.modelFilePath === '') throw new Error(`${name} has no modelFilePath`);
    byVersion.set(e.version, e);
  }
  const versions = [...byVersion.values()].sort((a, b) => a.version - b.version);
  return Object.freeze({
    versions,
    supported: versions.map((e) => e.version),
    legacy: versions.filter((e) => e.legacy),
    get: (version: number) => byVersion.get(version),
  });
}
