import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listInputs } from './inputs.ts';

const root = mkdtempSync(join(tmpdir(), 'detect-inputs-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const put = (p: string) => {
  mkdirSync(join(root, p, '..'), { recursive: true });
  writeFileSync(join(root, p), p);
};
for (const p of [
  'a/z.jpg',
  'a/B.jpg',
  'a/sub dir/ü.png',
  'a/sub dir/deeper/1.jpg',
  'a/.hidden.jpg',
  'a/.git/objects/x',
  'b/z.jpg',
])
  put(p);
symlinkSync(join(root, 'b'), join(root, 'a/link-to-b'));
symlinkSync(join(root, 'b/z.jpg'), join(root, 'a/link-to-file.jpg'));

const names = (paths: string[]) => {
  const r = listInputs(paths.map((p) => join(root, p)));
  if (!r.ok) throw new Error(r.problem);
  return r;
};

describe('listInputs', () => {
  it('walks a folder recursively, names relative to it with "/", sorted by character code', () => {
    const r = names(['a']);
    expect(r.files.map((f) => f.name)).toEqual([
      'B.jpg',
      'link-to-file.jpg',
      'sub dir/deeper/1.jpg',
      'sub dir/ü.png',
      'z.jpg',
    ]);
    expect(r.files.every((f) => relative(join(root, 'a'), f.path).split('\\').join('/') === f.name)).toBe(true);
  });

  it('skips dot files and folders, and says it did not follow a link to a folder', () => {
    const r = names(['a']);
    expect(r.files.some((f) => f.name.includes('.hidden') || f.name.includes('.git'))).toBe(false);
    expect(r.notWalked).toEqual([
      { name: 'link-to-b', reason: 'a link to a folder, not followed; give the folder itself' },
    ]);
  });

  it('names files from several paths relative to their common folder, so equal names do not clash', () => {
    expect(names(['a/z.jpg', 'b']).files.map((f) => f.name)).toEqual(['a/z.jpg', 'b/z.jpg']);
    expect(names(['a/sub dir/ü.png']).files.map((f) => f.name)).toEqual(['ü.png']);
  });

  it('names files relative to --base when given, and refuses a path outside it', () => {
    const r = listInputs([join(root, 'a/sub dir')], join(root, 'a'));
    expect(r.ok && r.files.map((f) => f.name)).toEqual(['sub dir/deeper/1.jpg', 'sub dir/ü.png']);
    expect(listInputs([join(root, 'b')], join(root, 'a'))).toEqual({
      ok: false,
      problem: `${relative(process.cwd(), join(root, 'b'))} is not inside --base ${join(root, 'a')}; give a folder that holds every path`,
    });
  });

  it('reads a file given twice (or through a link) once', () => {
    expect(names(['b', 'b/z.jpg']).files.map((f) => f.name)).toEqual(['z.jpg']);
  });

  it('refuses a path that does not exist with what to do', () => {
    expect(listInputs([join(root, 'nope')])).toEqual({
      ok: false,
      problem: `${join(root, 'nope')} does not exist; give image files or folders of images`,
    });
  });
});
