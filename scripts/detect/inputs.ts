/**
 * The files `npm run detect` is given: folders walked recursively, in a
 * fixed order, each file named by its path relative to one base folder.
 *
 * - The base is the deepest folder that holds every given path: for one
 *   folder, the folder itself (`photos/` → `cats/1.jpg`); for one file, its
 *   folder (→ `1.jpg`); for `a/ b/`, their common parent (→ `a/1.jpg`,
 *   `b/1.jpg`), so names never clash. Names use '/' on every system.
 *   `--base` sets it instead (one part of a folder split across machines
 *   keeps the names it has in the whole folder); every path must be inside it.
 * - Files are sorted by that name (character codes, not the locale), so two
 *   runs over the same folder give the same ids.
 * - Inside folders, names starting with '.' (.git, .DS_Store) are not
 *   walked; links to folders are not followed (a loop would never end), and
 *   said. A path given on the command line is always taken.
 */
import { type Dirent, readdirSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { errorText } from '../../src/util/errors.ts';

export interface InputFile {
  /** Where it is on disk. */
  path: string;
  /** Relative to the base folder, '/' separators: the name every export uses. */
  name: string;
}

export interface NotWalked {
  name: string;
  reason: string;
}

export type InputList =
  | { ok: true; files: InputFile[]; notWalked: NotWalked[]; base: string }
  | { ok: false; problem: string };

function commonFolder(folders: readonly string[]): string {
  let common = folders[0]!;
  for (const f of folders.slice(1)) {
    while (common !== f && !f.startsWith(common.endsWith(sep) ? common : common + sep)) common = dirname(common);
  }
  return common;
}

export function listInputs(paths: readonly string[], baseFolder?: string): InputList {
  const roots: { path: string; dir: boolean }[] = [];
  for (const p of paths) {
    const abs = resolve(p);
    try {
      roots.push({ path: abs, dir: statSync(abs).isDirectory() });
    } catch (e) {
      const missing = (e as { code?: string }).code === 'ENOENT';
      return {
        ok: false,
        problem: missing
          ? `${p} does not exist; give image files or folders of images`
          : `${p} cannot be read (${errorText(e)})`,
      };
    }
  }
  const base =
    baseFolder === undefined ? commonFolder(roots.map((r) => (r.dir ? r.path : dirname(r.path)))) : resolve(baseFolder);
  if (baseFolder !== undefined) {
    const outside = roots.find((r) => r.path !== base && !r.path.startsWith(base.endsWith(sep) ? base : base + sep));
    if (outside)
      return {
        ok: false,
        problem: `${relative(process.cwd(), outside.path) || outside.path} is not inside --base ${baseFolder}; give a folder that holds every path`,
      };
  }
  const found = new Map<string, InputFile>();
  const notWalked: NotWalked[] = [];
  const nameOf = (abs: string) => relative(base, abs).split(sep).join('/');
  const add = (abs: string) => {
    let key = abs;
    try {
      key = realpathSync(abs); // the same file given twice (or through a link) is read once
    } catch {}
    if (!found.has(key)) found.set(key, { path: abs, name: nameOf(abs) });
  };
  const walk = (dir: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      notWalked.push({ name: nameOf(dir) || '.', reason: `folder cannot be read (${errorText(e)})` });
      return;
    }
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const abs = join(dir, e.name);
      if (e.isDirectory()) walk(abs);
      else if (e.isFile()) add(abs);
      else if (e.isSymbolicLink()) {
        let target: ReturnType<typeof statSync> | undefined;
        try {
          target = statSync(abs);
        } catch {}
        if (target?.isFile()) add(abs);
        else if (target?.isDirectory())
          notWalked.push({ name: nameOf(abs), reason: 'a link to a folder, not followed; give the folder itself' });
        else notWalked.push({ name: nameOf(abs), reason: 'a link to nothing that can be read' });
      }
    }
  };
  for (const r of roots) {
    if (r.dir) walk(r.path);
    else add(r.path);
  }
  const files = [...found.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { ok: true, files, notWalked, base };
}
