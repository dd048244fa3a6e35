/**
 * Build gate (runs before `vite build`): every bundle listed in
 * public/models/index.yaml must have a valid config and a model file that
 * fits it, so a broken bundle fails the build instead of the user's page.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatIssueLine, loadCatalogText } from '../src/config/index.ts';
import { validateConfigFile } from './validate.ts';

export const MODELS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../public/models');

export interface BundlesResult {
  /** `file:line:col path: message` lines; empty when everything is valid. */
  problems: string[];
  /** One line per valid bundle. */
  summaries: string[];
}

export function validateBundles(modelsDir: string = MODELS_DIR): BundlesResult {
  const show = (p: string) => relative(process.cwd(), p) || p;
  const indexPath = join(modelsDir, 'index.yaml');
  if (!existsSync(indexPath)) {
    return {
      problems: [formatIssueLine(show(indexPath), { path: '', message: 'bundle catalog not found' })],
      summaries: [],
    };
  }
  const catalog = loadCatalogText(readFileSync(indexPath, 'utf8'));
  if (!catalog.ok) return { problems: catalog.issues.map((i) => formatIssueLine(show(indexPath), i)), summaries: [] };

  const problems: string[] = [];
  const summaries: string[] = [];
  for (const id of catalog.catalog.bundles) {
    const configPath = join(modelsDir, id, 'config.yaml');
    if (!existsSync(configPath)) {
      problems.push(
        formatIssueLine(show(configPath), {
          path: '',
          message: `bundle "${id}" is listed in index.yaml but has no config.yaml`,
        }),
      );
      continue;
    }
    const result = validateConfigFile(show(configPath), { id, requireModel: true });
    problems.push(...result.err);
    if (result.ok && result.config && result.report) {
      const c = result.config;
      const shape = c.input.kind === 'static' ? `${c.input.width}x${c.input.height}` : `dynamic ≤${c.input.maxSide}`;
      const legacy = result.report.legacy ? ' (legacy)' : '';
      summaries.push(
        `${id}: ok, schema v${result.report.schemaVersion}${legacy}, ${c.modelFile} ${shape}, ${c.labels.length} labels`,
      );
    }
  }
  return { problems, summaries };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { problems, summaries } = validateBundles();
  for (const line of summaries) console.log(line);
  for (const line of problems) console.error(line);
  process.exitCode = problems.length > 0 ? 1 : 0;
}
