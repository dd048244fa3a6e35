/**
 * Guards the README / docs split: every relative link in README.md and docs/*.md
 * must name a file that exists and, for `#anchor`, a heading of that file under
 * GitHub's slug rules. External links are not fetched (no network in tests).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Blanks fenced code blocks (``` or ~~~), whose lines are neither headings nor links. */
function withoutFences(markdown: string): string {
  let fence: string | null = null;
  return markdown
    .split('\n')
    .map((line) => {
      const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
      if (fence) {
        if (marker && marker[0] === fence[0] && marker.length >= fence.length) fence = null;
        return '';
      }
      if (marker) fence = marker;
      return marker ? '' : line;
    })
    .join('\n');
}

/** Fenced blocks, inline code and HTML comments: links shown as text there are not links. */
function withoutCode(markdown: string): string {
  return withoutFences(markdown)
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/(`+)[^`]*?\1/g, '');
}

/** Every link target: inline links and images, reference definitions, HTML src/href. */
function linkTargets(markdown: string): string[] {
  const text = withoutCode(markdown);
  const targets: string[] = [];
  for (const m of text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) targets.push(m[1]!);
  for (const m of text.matchAll(/^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)) targets.push(m[1]!);
  for (const m of text.matchAll(/\s(?:src|href)="([^"]+)"/g)) targets.push(m[1]!);
  return targets;
}

/**
 * GitHub's heading anchor: the heading's text, lower-cased, with everything but
 * letters, marks, decimal and letter numbers, connector punctuation (`_`),
 * hyphens and spaces removed, and spaces turned into hyphens (Ruby's
 * `[^\p{Word}\- ]`, as github-slugger mirrors it).
 */
function githubSlug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{Nd}\p{Nl}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-');
}

/** The text GitHub slugs: the heading as rendered, without code ticks, link targets, emphasis or tags. */
function headingText(raw: string): string {
  return raw
    .replace(/\s+#+\s*$/, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/`+/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/\*+/g, '')
    .trim();
}

/** Anchors of a Markdown file, a repeated one numbered -1, -2, … as GitHub does. */
function anchorsOf(markdown: string): Set<string> {
  // github-slugger's rule: count per original slug, and skip any number already taken as a slug itself.
  const occurrences = new Map<string, number>();
  for (const line of withoutFences(markdown).split('\n')) {
    const m = /^ {0,3}#{1,6}\s+(.*)$/.exec(line);
    if (!m) continue;
    const base = githubSlug(headingText(m[1]!));
    let slug = base;
    while (occurrences.has(slug)) {
      const n = (occurrences.get(base) ?? 0) + 1;
      occurrences.set(base, n);
      slug = `${base}-${n}`;
    }
    occurrences.set(slug, 0);
  }
  const anchors = new Set(occurrences.keys());
  for (const m of markdown.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(m[1]!);
  return anchors;
}

/** Problems with one file's links, each naming the file, the link and what is wrong. */
function brokenLinks(file: string, read: (p: string) => string = (p) => readFileSync(p, 'utf8')): string[] {
  const problems: string[] = [];
  const rel = path.relative(root, file);
  for (const target of linkTargets(read(file))) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:, data: and the like are not files here
    const hash = target.indexOf('#');
    const filePart = decodeURIComponent(hash < 0 ? target : target.slice(0, hash));
    const anchor = hash < 0 ? null : decodeURIComponent(target.slice(hash + 1));
    const resolved = filePart === '' ? file : path.resolve(path.dirname(file), filePart);
    if (!existsSync(resolved)) {
      problems.push(`${rel}: ${target}: ${path.relative(root, resolved)} does not exist`);
      continue;
    }
    if (anchor === null) continue;
    if (!resolved.endsWith('.md')) {
      problems.push(`${rel}: ${target}: an anchor into a file that is not Markdown`);
    } else if (!anchorsOf(read(resolved)).has(anchor)) {
      problems.push(`${rel}: ${target}: no heading in ${path.relative(root, resolved)} has the anchor #${anchor}`);
    }
  }
  return problems;
}

const docsDir = path.join(root, 'docs');
const docPages = readdirSync(docsDir)
  .filter((f) => f.endsWith('.md'))
  .map((f) => path.join(docsDir, f));

describe('githubSlug (cases from GitHub / github-slugger)', () => {
  it.each([
    ['What is refused, and how it reads', 'what-is-refused-and-how-it-reads'],
    ['WebGPU on a real GPU', 'webgpu-on-a-real-gpu'],
    ['npm run bench:gpu', 'npm-run-benchgpu'],
    ['heading with a - dash', 'heading-with-a---dash'],
    ['heading with an _ underscore', 'heading-with-an-_-underscore'],
    ['exchange.bind_headers(exchange, routing [, bindCallback])', 'exchangebind_headersexchange-routing--bindcallback'],
    ['I ♥ unicode', 'i--unicode'],
    ['en–dash', 'endash'],
    ['Привет non-latin 你好', 'привет-non-latin-你好'],
  ])('%s → %s', (text, slug) => {
    expect(githubSlug(text)).toBe(slug);
  });
});

describe('the link checker', () => {
  it('numbers repeated headings and reads headings with code, not headings inside fences', () => {
    const anchors = anchorsOf('# Tests\n## Tests\n```\n# not a heading\n```\n## `npm run bench:gpu`\n## Tests\n');
    expect([...anchors]).toEqual(['tests', 'tests-1', 'npm-run-benchgpu', 'tests-2']);
  });

  it('finds inline links, images, references and HTML targets, and none inside code or comments', () => {
    const md = [
      'See [a](docs/a.md#x), ![b](docs/b.png) and [c][ref].',
      '[ref]: ../c.md',
      '<img src="docs/d.png" width="2">',
      '`[not](e.md)` <!-- [not](f.md) -->',
      '```',
      '[not](g.md)',
      '```',
    ].join('\n');
    expect(linkTargets(md)).toEqual(['docs/a.md#x', 'docs/b.png', '../c.md', 'docs/d.png']);
  });

  it('reports a missing file and a missing anchor, and accepts a good link', () => {
    const files: Record<string, string> = {
      [path.join(root, 'README.md')]: '# Speed\n[ok](#speed) [gone](docs/nowhere.md) [bad](#nope) [pkg](package.json)',
    };
    const problems = brokenLinks(path.join(root, 'README.md'), (p) => files[p] ?? readFileSync(p, 'utf8'));
    expect(problems).toEqual([
      'README.md: docs/nowhere.md: docs/nowhere.md does not exist',
      'README.md: #nope: no heading in README.md has the anchor #nope',
    ]);
  });
});

describe('README.md and docs/*.md', () => {
  it('every relative link names an existing file and, with #anchor, an existing heading', () => {
    const problems = [path.join(root, 'README.md'), ...docPages].flatMap((f) => brokenLinks(f));
    expect(problems).toEqual([]);
  });

  it('the README links every docs page, so none is orphaned', () => {
    const linked = new Set(
      linkTargets(readFileSync(path.join(root, 'README.md'), 'utf8')).map((t) => path.resolve(root, t.split('#')[0]!)),
    );
    expect(docPages.filter((p) => !linked.has(p)).map((p) => path.relative(root, p))).toEqual([]);
  });
});
