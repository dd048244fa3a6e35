/**
 * The bundle catalog (public/models/index.yaml): which bundles ship and which
 * one loads first. Ids become folder names in URLs, so they are restricted.
 */
import * as v from 'valibot';
import type { ConfigIssue } from './runtime-config.ts';
import { describeValue } from './describe.ts';
import { fromValibot, positioned } from './issues.ts';
import { strictMapping, uniqueList } from './schemas/fields.ts';
import { parseYamlSource } from './yaml-source.ts';
import { listText } from '../util/text.ts';

export interface Catalog {
  default: string;
  bundles: string[];
}

export type CatalogResult = { ok: true; catalog: Catalog } | { ok: false; issues: ConfigIssue[] };

export const BUNDLE_ID_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;

const bundleId = v.pipe(
  v.string((i) => `expected a bundle id (a string), got ${describeValue(i.input)}`),
  v.regex(
    BUNDLE_ID_PATTERN,
    (i) =>
      `must be a folder name of lowercase letters, digits, ".", "_" or "-" (starting with a letter or digit), got ${describeValue(i.input)}`,
  ),
);

const catalogSchema = v.pipe(
  strictMapping(
    { default: bundleId, bundles: uniqueList(bundleId, 'bundles', 'bundle ids', 'bundle ids') },
    'the bundle catalog',
  ),
  v.forward(
    v.partialCheck(
      [['default'], ['bundles']],
      (c) => c.bundles.includes(c.default),
      (issue) => {
        const c = issue.input as Catalog;
        return `must be one of the listed bundles (${listText(c.bundles)}), got ${describeValue(c.default)}`;
      },
    ),
    ['default'],
  ),
);

export function loadCatalogText(text: string): CatalogResult {
  const parsed = parseYamlSource(text);
  if (!parsed.ok) return parsed;
  const result = v.safeParse(catalogSchema, parsed.source.data);
  if (!result.success) {
    return { ok: false, issues: fromValibot(result.issues).map((i) => positioned(parsed.source, i)) };
  }
  return { ok: true, catalog: { default: result.output.default, bundles: [...result.output.bundles] } };
}
