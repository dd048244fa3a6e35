import { expect, test } from '@playwright/test';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Names only the test seams use: none may reach what users download. */
const SEAM_MARKERS = [
  '__yolo',
  'bench-opt',
  'injected fault',
  'crash-on-detect',
  'lastStream',
  'breakRender',
  'png-encode',
];

function textFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return name === 'models' || name === 'ort' ? [] : textFiles(p);
    return /\.(js|mjs|html|css)$/.test(name) ? [p] : [];
  });
}

function markersIn(dir: string): string[] {
  const found = new Set<string>();
  for (const f of textFiles(dir)) {
    const text = readFileSync(f, 'utf8');
    for (const m of SEAM_MARKERS) if (text.includes(m)) found.add(m);
  }
  return [...found].sort();
}

test('the deployed build (dist/) carries no test seam; the test build (dist-test/) does', () => {
  for (const dir of ['dist', 'dist-test']) {
    expect(existsSync(path.join(root, dir)), `${dir}/ is missing: run npm run build and npm run build:test`).toBe(true);
  }
  expect(markersIn(path.join(root, 'dist'))).toEqual([]);
  // The same search finds every marker where the seams are compiled in, so an empty list above means something.
  expect(markersIn(path.join(root, 'dist-test'))).toEqual([...SEAM_MARKERS].sort());
});
