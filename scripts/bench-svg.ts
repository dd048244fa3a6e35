/**
 * `npx tsx scripts/bench-svg.ts` (also printed by `npm run bench`): times the
 * SVG event-handler tokenizer (src/image/svg-sanitize.ts) on inputs built to
 * make a backtracking regex explode, at 1×, 10× and 100× size. Linear means
 * the time per MB stays flat as the input grows.
 */
import { pathToFileURL } from 'node:url';
import { stripEventHandlers } from '../src/image/svg-sanitize.ts';

const UNIT = 200_000; // characters at 1× (large enough that fixed costs do not hide the growth)
const SCALES = [1, 10, 100] as const;

/** Each builder returns an SVG of about `n` characters. */
const INPUTS: Record<string, (n: number) => string> = {
  'white space inside a tag': (n) =>
    `<svg xmlns="http://www.w3.org/2000/svg"${' '.repeat(n / 2)}onload="x()"${' '.repeat(n / 2)}></svg>`,
  'a run of "<" (in a comment)': (n) => `<svg xmlns="http://www.w3.org/2000/svg"><!--${'<'.repeat(n)}--></svg>`,
  'many handlers': (n) => `<svg>${'<g onclick="x()" onmouseover="y()" id="a"/>'.repeat(Math.round(n / 44))}</svg>`,
  'an ordinary drawing': (n) =>
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">${'<path d="M10 10 L90 90 Z" fill="#123456" stroke="#000"/>'.repeat(Math.round(n / 56))}</svg>`,
};

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function timeOnce(text: string): number {
  const t0 = performance.now();
  stripEventHandlers(text);
  return performance.now() - t0;
}

export interface SvgBenchRow {
  input: string;
  scale: number;
  chars: number;
  ms: number;
  msPerMChar: number;
}

export function benchSvgSanitiser(runs = 5): SvgBenchRow[] {
  const rows: SvgBenchRow[] = [];
  for (const [input, build] of Object.entries(INPUTS)) {
    for (const scale of SCALES) {
      // Flat, as TextDecoder gives it: a concatenated string would be flattened inside the first timed run.
      const text = Buffer.from(build(UNIT * scale), 'utf8').toString('utf8');
      for (let w = 0; w < 2; w++) timeOnce(text); // warm-up (JIT)
      const ms = median(Array.from({ length: runs }, () => timeOnce(text)));
      rows.push({ input, scale, chars: text.length, ms, msPerMChar: (ms * 1e6) / text.length });
    }
  }
  return rows;
}

export function svgBenchTable(rows: readonly SvgBenchRow[]): string {
  const lines = [
    'SVG sanitiser (event-handler tokenizer), median of 5 runs in Node:',
    '',
    '| input | size | characters | ms | ms per million characters | time vs 1× |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of rows) {
    const base = rows.find((x) => x.input === r.input && x.scale === 1)!;
    lines.push(
      `| ${r.input} | ${r.scale}× | ${r.chars.toLocaleString('en')} | ${r.ms.toFixed(2)} | ${r.msPerMChar.toFixed(1)} | ${(r.ms / base.ms).toFixed(1)}× |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(svgBenchTable(benchSvgSanitiser()));
}
