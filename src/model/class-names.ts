/**
 * Labels for a model dropped alone, from its `names` metadata. A class whose
 * name is missing, empty, or shared with another class cannot be a label as
 * it is (labels must be non-empty and unique), so it gets a placeholder that
 * says which class it is, and one warning names every replacement: the model
 * loads, and the generated config.yaml carries the placeholders for the user to fix.
 */
import { quoteName } from './onnx-info.ts';

export interface NamedLabels {
  /** One label per class, in class order. */
  labels: string[];
  /** Classes given a placeholder, ascending. */
  placeholders: number[];
  /** Says what was wrong with which class and what it is shown as; null when every name was usable. */
  warning: string | null;
}

/** Lists this long are cut, so a hostile names dict gives a message of bounded length. */
const SHOWN = 5;

/**
 * `names` (class id → name, gaps allowed) as labels for `classes` classes.
 * Ids at or past `classes` are ignored: the caller checks the counts agree.
 */
export function labelsFromNames(names: ReadonlyMap<number, string>, classes: number, model: string): NamedLabels {
  const empty: number[] = [];
  const missing: number[] = [];
  const byName = new Map<string, number[]>();
  for (let i = 0; i < classes; i++) {
    const name = names.get(i);
    if (name === undefined) missing.push(i);
    else if (!/\S/.test(name)) empty.push(i);
    else byName.set(name, [...(byName.get(name) ?? []), i]);
  }
  const repeated = [...byName.entries()].filter(([, ids]) => ids.length > 1);

  const labels: string[] = [];
  const wanted = new Map<number, string>();
  for (const i of [...empty, ...missing]) wanted.set(i, `class ${i}`);
  for (const [name, ids] of repeated) for (const i of ids) wanted.set(i, `${name} (${i})`);
  const used = new Set<string>();
  for (let i = 0; i < classes; i++) if (!wanted.has(i)) used.add(names.get(i)!);
  for (let i = 0; i < classes; i++) {
    const want = wanted.get(i);
    if (want === undefined) {
      labels.push(names.get(i)!);
      continue;
    }
    // A placeholder may collide with a real name ("class 3" listed as class 7): say it another way.
    const tries = [want, `class ${i}`];
    let label = tries.find((t) => !used.has(t));
    for (let n = 2; label === undefined; n++) if (!used.has(`class ${i} (${n})`)) label = `class ${i} (${n})`;
    used.add(label);
    labels.push(label);
  }

  const placeholders = [...wanted.keys()].sort((a, b) => a - b);
  if (placeholders.length === 0) return { labels, placeholders, warning: null };
  const problems = [
    ...(empty.length ? [`${classList(empty)} ${empty.length === 1 ? 'is' : 'are'} empty`] : []),
    ...(missing.length ? [`${classList(missing)} ${missing.length === 1 ? 'has' : 'have'} no name`] : []),
    ...repeated
      .slice(0, SHOWN)
      .map(([name, ids]) => `${classList(ids)} are ${ids.length === 2 ? 'both' : 'all'} ${quoteName(name)}`),
    ...(repeated.length > SHOWN ? [`${repeated.length - SHOWN} more names are repeated`] : []),
  ];
  const shown = placeholders.slice(0, SHOWN).map((i) => quoteName(labels[i]!));
  const more = placeholders.length > SHOWN ? ` and ${placeholders.length - SHOWN} more` : '';
  return {
    labels,
    placeholders,
    warning: `names metadata of ${model}: ${problems.join(', ')}; shown as ${shown.join(', ')}${more}; to name them, download config.yaml, fix those labels and drop it together with ${model}`,
  };
}

/** "class 3", "classes 5 and 9", "classes 1, 2, 4, 5, 6 and 3 more". */
function classList(ids: readonly number[]): string {
  if (ids.length === 1) return `class ${ids[0]}`;
  if (ids.length <= SHOWN) return `classes ${ids.slice(0, -1).join(', ')} and ${ids[ids.length - 1]}`;
  return `classes ${ids.slice(0, SHOWN).join(', ')} and ${ids.length - SHOWN} more`;
}
