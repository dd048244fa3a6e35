/**
 * The arguments of `npm run detect`, checked before anything runs: a bad one
 * is refused with one line that says what is wrong and what to do.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';

export const FORMATS = ['coco', 'yolo', 'csv'] as const;
export type Format = (typeof FORMATS)[number];

export interface DetectArgs {
  paths: string[];
  out: string;
  /** A bundle id from public/models/index.yaml or a path to a config.yaml; undefined: the catalog's default. */
  model?: string;
  formats: Format[];
  /** Undefined: the bundle's own threshold. */
  conf?: number;
  iou?: number;
  threads: number;
  /** The folder names are relative to; undefined: the deepest folder holding every path. */
  base?: string;
  /** Class names or ids to keep (the class filter); undefined: every class. Checked against the labels by `classFilter`. */
  classes?: string[];
}

export type ParsedArgs = { ok: true; args: DetectArgs } | { ok: true; help: true } | { ok: false; problem: string };

export const USAGE = `usage: npm run -s detect -- <images or folders…> --out DIR [options]

  --out DIR          folder for the results (created if missing)
  --model ID|FILE    a bundle id from public/models/index.yaml, or a config.yaml (default: the catalog's default)
  --format LIST      any of coco,yolo,csv (default: all three)
  --conf X           confidence threshold, 0 < X < 1 (default: the bundle's)
  --iou X            NMS IoU threshold, 0 < X <= 1 (default: the bundle's)
  --base DIR         name files relative to DIR (default: the deepest folder holding every path)
  --classes LIST     keep only these classes (names or ids, comma-separated); every export still lists all labels
  --threads N        onnxruntime threads (default: the number of cores, ${os.availableParallelism()} here)
  -h, --help         this text

Writes detections.coco.json, labels.zip and detections.csv into DIR (see docs/datasets.md).`;

const OPTIONS = {
  out: { type: 'string' },
  model: { type: 'string' },
  format: { type: 'string' },
  conf: { type: 'string' },
  iou: { type: 'string' },
  threads: { type: 'string' },
  classes: { type: 'string' },
  base: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** A number within (min, max) or (min, max]: the text must be a plain decimal number. */
function threshold(name: string, text: string, includeMax: boolean): number | string {
  const v = /^\s*[0-9]*\.?[0-9]+(e-?[0-9]+)?\s*$/i.test(text) ? Number(text) : Number.NaN;
  const range = includeMax ? 'above 0 and at most 1' : 'between 0 and 1';
  if (!(v > 0 && (includeMax ? v <= 1 : v < 1))) return `--${name} must be a number ${range}, got "${text}"`;
  return v;
}

export function parseDetectArgs(argv: readonly string[]): ParsedArgs {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    const code = (e as { code?: string }).code;
    const option = /'(-[^']*)'/.exec(String((e as Error).message))?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return { ok: false, problem: `unknown option ${option}` };
    const name = option.split(/[ ,]/).pop() || 'an option';
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
      return {
        ok: false,
        problem: /does not take an argument/.test(String((e as Error).message))
          ? `${name} takes no value`
          : /ambiguous/.test(String((e as Error).message))
            ? `${option.split(' ')[0]} needs a value (for one that starts with "-", write ${option.split(' ')[0]}=VALUE)`
            : `${option.split(' ')[0]} needs a value`,
      };
    return { ok: false, problem: (e as Error).message };
  }
  const v = parsed.values;
  if (v.help) return { ok: true, help: true };
  if (parsed.positionals.length === 0) return { ok: false, problem: 'no images given: name image files or folders' };
  if (v.out === undefined || v.out.trim() === '')
    return { ok: false, problem: '--out is missing: give the folder to write the results in, e.g. --out results' };

  let formats: Format[] = [...FORMATS];
  if (v.format !== undefined) {
    const names = v.format.split(',').map((s) => s.trim().toLowerCase());
    const unknown = names.filter((n) => !(FORMATS as readonly string[]).includes(n));
    if (unknown.length || names.length === 0)
      return {
        ok: false,
        problem: `--format takes a list of ${FORMATS.join(', ')}; "${unknown[0] ?? v.format}" is not one`,
      };
    formats = FORMATS.filter((f) => names.includes(f));
  }

  const args: DetectArgs = { paths: parsed.positionals, out: v.out, formats, threads: os.availableParallelism() };
  if (v.model !== undefined) {
    if (v.model.trim() === '') return { ok: false, problem: '--model is empty: give a bundle id or a config.yaml' };
    args.model = v.model;
  }
  if (v.conf !== undefined) {
    const c = threshold('conf', v.conf, false);
    if (typeof c === 'string') return { ok: false, problem: c };
    args.conf = c;
  }
  if (v.iou !== undefined) {
    const c = threshold('iou', v.iou, true);
    if (typeof c === 'string') return { ok: false, problem: c };
    args.iou = c;
  }
  if (v.threads !== undefined) {
    const n = /^\s*\d+\s*$/.test(v.threads) ? Number(v.threads) : Number.NaN;
    if (!(Number.isInteger(n) && n >= 1 && n <= 256))
      return { ok: false, problem: `--threads must be a whole number from 1 to 256, got "${v.threads}"` };
    args.threads = n;
  }
  if (v.base !== undefined) {
    if (v.base.trim() === '') return { ok: false, problem: '--base is empty: give the folder names are relative to' };
    args.base = v.base;
  }
  if (v.classes !== undefined) {
    const classes = v.classes
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean);
    if (classes.length === 0)
      return { ok: false, problem: '--classes is empty: give class names or ids, e.g. person,car' };
    args.classes = classes;
  }
  return { ok: true, args };
}

/**
 * The class filter from --classes: each entry is a label (exactly, or
 * ignoring case when that is unambiguous) or a class id. An entry that is
 * neither is refused with the labels to pick from.
 */
export function classFilter(
  classes: readonly string[],
  labels: readonly string[],
): { ok: true; keep: Set<number> } | { ok: false; problem: string } {
  const keep = new Set<number>();
  for (const c of classes) {
    let id = labels.indexOf(c);
    if (id < 0) {
      const folded = labels.flatMap((l, i) => (l.toLowerCase() === c.toLowerCase() ? [i] : []));
      if (folded.length === 1) id = folded[0]!;
    }
    if (id < 0 && /^\d+$/.test(c) && Number(c) < labels.length) id = Number(c);
    if (id < 0) {
      const some = labels.slice(0, 8).join(', ');
      return {
        ok: false,
        problem: `--classes: "${c}" is not a class of this model; give names such as ${some}${labels.length > 8 ? ', …' : ''} or ids 0 to ${labels.length - 1}`,
      };
    }
    keep.add(id);
  }
  return { ok: true, keep };
}
