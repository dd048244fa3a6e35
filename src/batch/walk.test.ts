import { describe, expect, it } from 'vitest';
import { batchFiles, walkedFromInput } from './names.ts';
import { type WalkEntry, walkEntries } from './walk.ts';

const file = (name: string): WalkEntry => ({ kind: 'file', name, file: async () => new File(['x'], name) });
const dir = (name: string, ...children: WalkEntry[]): WalkEntry => ({
  kind: 'dir',
  name,
  children: async () => children,
});

describe('walkEntries', () => {
  it('walks nested folders, names with spaces and unicode kept, hidden files inside folders left out', async () => {
    const tree = dir(
      'photos',
      file('zidane.jpg'),
      dir('street', file('bus.jpg'), dir('cam 1 ünïcødé', file('0001.png')), file('.DS_Store')),
      dir('.git', file('HEAD')),
    );
    const { files, skipped } = await walkEntries([tree]);
    expect(files.map((f) => f.path)).toEqual([
      'photos/zidane.jpg',
      'photos/street/bus.jpg',
      'photos/street/cam 1 ünïcødé/0001.png',
    ]);
    expect(files[0]!.file.name).toBe('zidane.jpg');
    expect(skipped).toEqual([]);
  });

  it('a hidden file dropped on its own was chosen, so it is taken', async () => {
    expect((await walkEntries([file('.hidden.jpg')])).files.map((f) => f.path)).toEqual(['.hidden.jpg']);
  });

  it('a folder or file that cannot be read is skipped with the reason, the rest still walked', async () => {
    const broken: WalkEntry = {
      kind: 'dir',
      name: 'gone',
      children: async () => {
        throw new Error('NotFoundError');
      },
    };
    const { files, skipped } = await walkEntries([dir('a', broken, file('1.jpg'))]);
    expect(files.map((f) => f.path)).toEqual(['a/1.jpg']);
    expect(skipped).toEqual([{ name: 'a/gone', reason: expect.stringContaining('cannot be read (NotFoundError)') }]);
  });

  it('a deep tree does not overflow the stack', async () => {
    let tree = file('deep.jpg');
    for (let i = 0; i < 5000; i++) tree = dir(`d${i}`, tree);
    const { files } = await walkEntries([tree]);
    expect(files).toHaveLength(1);
    expect(files[0]!.path.split('/')).toHaveLength(5001);
  });
});

describe('batchFiles', () => {
  const walked = (...paths: string[]) => paths.map((path) => ({ path, file: new File([], 'x') }));

  it('one folder: names are inside it, sorted by character code (as the CLI sorts)', () => {
    const names = batchFiles(walked('photos/zidane.jpg', 'photos/street/bus.jpg', 'photos/B.jpg')).map((f) => f.name);
    expect(names).toEqual(['B.jpg', 'street/bus.jpg', 'zidane.jpg']);
  });

  it('two folders: their names are kept, so files of the same name never clash', () => {
    expect(batchFiles(walked('a/1.jpg', 'b/1.jpg')).map((f) => f.name)).toEqual(['a/1.jpg', 'b/1.jpg']);
  });

  it('a common folder is cut at whole names only', () => {
    expect(batchFiles(walked('ab/1.jpg', 'a/2.jpg')).map((f) => f.name)).toEqual(['a/2.jpg', 'ab/1.jpg']);
  });

  it('files picked without a folder keep their names', () => {
    const picked = walkedFromInput([new File([], 'b.png'), new File([], 'a.jpg')]);
    expect(batchFiles(picked).map((f) => f.name)).toEqual(['a.jpg', 'b.png']);
  });

  it('one file alone is named by its own name', () => {
    expect(batchFiles(walked('photos/street/bus.jpg')).map((f) => f.name)).toEqual(['bus.jpg']);
  });
});
