/** The bench:gpu records as a Markdown table: p50 per stage, readback, and end-to-end against the naive path. */
interface Stat {
  p50: number;
}
interface GpuRecord {
  kind: 'gpu';
  model: string;
  input: string;
  levers: string;
  ran?: string;
  label?: string;
  preprocess?: Stat;
  inference?: Stat;
  postprocess?: Stat;
  endToEnd?: Stat & { p10: number };
  vsNaive?: number | null;
  readbackBytes?: number;
  overflows?: number;
  golden?: string[] | null;
  error?: string;
}
interface CpuRecord {
  kind: 'cpu';
  model: string;
  input: string;
  runtime: string;
  inference: Stat;
  endToEnd: Stat;
}

const ms = (s?: Stat) => (s ? s.p50.toFixed(s.p50 < 10 ? 2 : 1) : '–');
const kb = (b?: number) =>
  b === undefined ? '–' : b >= 1024 * 1024 ? `${(b / 1024 / 1024).toFixed(1)} MB` : `${(b / 1024).toFixed(1)} KB`;

export function gpuBenchTable(records: object[]): string {
  const lines = [
    '| model | input | levers | preprocess | inference | readback | postprocess | end-to-end (p10) | vs naive | overflows | golden |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const r of records as (GpuRecord | CpuRecord | { kind: string })[]) {
    if (r.kind === 'gpu') {
      const g = r as GpuRecord;
      if (g.error) {
        lines.push(`| ${g.model} | ${g.input} | ${g.levers} | failed: ${g.error} | | | | | | | |`);
        continue;
      }
      const levers = g.ran && g.ran !== g.levers ? `${g.levers} (ran: ${g.ran})` : g.levers;
      const golden =
        g.golden === null || g.golden === undefined ? 'n/a' : g.golden.length ? `✗ ${g.golden.length}` : '✓';
      lines.push(
        `| ${g.model} | ${g.input} | ${levers} | ${ms(g.preprocess)} | ${ms(g.inference)} | ${kb(g.readbackBytes)} | ${ms(g.postprocess)} | ${ms(g.endToEnd)} (${g.endToEnd?.p10.toFixed(1)}) | ${g.vsNaive === null || g.vsNaive === undefined ? '–' : `${g.vsNaive.toFixed(2)}×`} | ${g.overflows ?? 0} | ${golden} |`,
      );
    } else if (r.kind === 'cpu') {
      const c = r as CpuRecord;
      lines.push(
        `| ${c.model} | ${c.input} | CPU: ${c.runtime} | | ${ms(c.inference)} | | | ${ms(c.endToEnd)} | | | |`,
      );
    }
  }
  return `${lines.join('\n')}\n\nTimes in ms, p50 (end-to-end p10 in brackets). End-to-end = RGBA frame handed over to candidates on the CPU.\n`;
}
