/**
 * Writes the JSON Schema of each config version to public/schema/ so editors
 * (yaml-language-server) can complete and check configs. `npm run schema`.
 * Custom checks JSON Schema cannot express (stride multiples, unique labels,
 * safe paths) are dropped; the app's own validation remains authoritative.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toJsonSchema } from '@valibot/to-json-schema';
import { defaultRegistry, type Registry } from '../src/config/index.ts';

export const SCHEMA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../public/schema');

/** The JSON Schema files' contents by file name, e.g. `config.v2.json`. */
export function buildJsonSchemas(registry: Registry = defaultRegistry): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of registry.versions) {
    const json = toJsonSchema(entry.schema, { errorMode: 'ignore', target: 'draft-07' }) as Record<string, unknown>;
    const doc = {
      ...json,
      $id: `config.v${entry.version}.json`,
      title: `YOLOv5 model bundle config, schema v${entry.version}${entry.legacy ? ' (legacy)' : ''}`,
    };
    files[`config.v${entry.version}.json`] = `${JSON.stringify(closeObjects(doc), null, 2)}\n`;
  }
  return files;
}

/**
 * Every mapping in our schemas is strict, but they are built as loose objects
 * plus a key check (to report every unknown key), which JSON Schema cannot see.
 */
function closeObjects(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closeObjects);
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(node)) out[k] = closeObjects(val);
  if (out.type === 'object' && 'properties' in out) out.additionalProperties = false;
  return out;
}

function main(): void {
  mkdirSync(SCHEMA_DIR, { recursive: true });
  for (const [name, text] of Object.entries(buildJsonSchemas())) {
    writeFileSync(resolve(SCHEMA_DIR, name), text);
    console.log(`wrote public/schema/${name}`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
