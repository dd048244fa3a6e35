/**
 * The model `npm run detect` runs: a shipped bundle by id (its config at
 * public/models/<id>/config.yaml) or any config.yaml, checked the way the
 * build and `npm run validate` check it (scripts/validate.ts: schema,
 * registry, the model file against the config).
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { loadCatalogText, type RuntimeConfig } from '../../src/config/index.ts';
import { listText } from '../../src/util/text.ts';
import { MODELS_DIR } from '../validate-bundles.ts';
import { validateConfigFile } from '../validate.ts';

export interface DetectBundle {
  config: RuntimeConfig;
  configPath: string;
  modelPath: string;
  /** Model checks that passed with a remark, e.g. a missing metadata entry. */
  warnings: string[];
}

export type BundleResult = { ok: true; bundle: DetectBundle } | { ok: false; problem: string };

const show = (p: string) => relative(process.cwd(), p) || p;

/** A --model value that names a file rather than a bundle id. */
const looksLikePath = (model: string) => /[/\\]|\.ya?ml$/i.test(model);

export function resolveBundle(model: string | undefined, modelsDir: string = MODELS_DIR): BundleResult {
  let configPath: string;
  let id: string | undefined;
  if (model !== undefined && looksLikePath(model)) {
    configPath = resolve(model);
    if (!existsSync(configPath))
      return { ok: false, problem: `config ${model} not found; give a config.yaml or a bundle id` };
  } else {
    const indexPath = join(modelsDir, 'index.yaml');
    let catalog: ReturnType<typeof loadCatalogText>;
    try {
      catalog = loadCatalogText(readFileSync(indexPath, 'utf8'));
    } catch {
      return {
        ok: false,
        problem: `the bundle catalog ${show(indexPath)} cannot be read; pass --model path/to/config.yaml`,
      };
    }
    if (!catalog.ok)
      return {
        ok: false,
        problem: `the bundle catalog ${show(indexPath)} is not valid (${catalog.issues[0]!.message}); run npm run build to see why`,
      };
    id = model ?? catalog.catalog.default;
    if (!catalog.catalog.bundles.includes(id))
      return {
        ok: false,
        problem: `unknown model "${id}"; use one of ${listText(catalog.catalog.bundles)}, or a path to a config.yaml`,
      };
    configPath = join(modelsDir, id, 'config.yaml');
  }
  const checked = validateConfigFile(configPath, { requireModel: true, ...(id ? { id } : {}) });
  if (!checked.ok || !checked.config) {
    const more =
      checked.err.length > 1
        ? ` (and ${checked.err.length - 1} more; npm run validate -- ${show(configPath)} lists them)`
        : '';
    return { ok: false, problem: `${checked.err[0] ?? `${show(configPath)}: not a valid bundle config`}${more}` };
  }
  const config = checked.config;
  return {
    ok: true,
    bundle: {
      config,
      configPath,
      modelPath: resolve(dirname(configPath), config.modelFile),
      warnings: checked.out.filter((l) => l.startsWith('warning: ')).map((l) => l.slice('warning: '.length)),
    },
  };
}

/** How the summary names the model: the bundle id, or the config's folder for a config given by path. */
export const bundleName = (b: DetectBundle) => b.config.id || basename(dirname(b.configPath));
