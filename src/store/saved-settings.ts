/**
 * Saved settings are outside input: another version of the app, an extension
 * or a person with devtools may have written anything under our key. Each
 * field is checked when read; a bad one falls back to its default and says so
 * (a note the status line shows at start), and the rest are kept.
 */
import * as v from 'valibot';
import type { BackendChoice } from '../worker/protocol.ts';
import { displayText } from '../util/text.ts';

export interface SavedSettings {
  backend: BackendChoice;
  /** null = automatic. */
  threads: number | null;
  modelId: string | null;
  /** Slider values, remembered for the bundle they were set on. */
  sliders: { bundleId: string; conf: number; iou: number } | null;
}

export const DEFAULT_SETTINGS: SavedSettings = { backend: 'auto', threads: null, modelId: null, sliders: null };

/** The localStorage key the settings are saved under. */
export const SETTINGS_KEY = 'yolov5-webgpu.settings';

/** The zustand `persist` version of what is stored. */
export const SETTINGS_VERSION = 1;

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(200));

/** Each field's schema, and what it should have been, in words. */
const FIELDS = {
  backend: { schema: v.picklist(['auto', 'webgpu', 'wasm']), expected: 'auto, webgpu or wasm', fallback: 'auto' },
  threads: {
    schema: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(64))),
    expected: 'a whole number 1–64 (or automatic)',
    fallback: 'automatic',
  },
  modelId: { schema: v.nullable(id), expected: 'a bundle id', fallback: "the catalog's default" },
  sliders: {
    schema: v.nullable(
      v.strictObject({
        bundleId: id,
        conf: v.pipe(v.number(), v.gtValue(0), v.ltValue(1)),
        iou: v.pipe(v.number(), v.gtValue(0), v.maxValue(1)),
      }),
    ),
    expected: 'a bundle with confidence 0 < x < 1 and IoU 0 < x ≤ 1',
    fallback: "the bundle's own values",
  },
} as const;

type Key = keyof SavedSettings;
const KEYS = Object.keys(FIELDS) as Key[];

/** The longest quote of a bad value in a note: a value may be megabytes. */
const QUOTE_MAX = 40;

export function quoteValue(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return displayText(text.length > QUOTE_MAX ? `${text.slice(0, QUOTE_MAX)}…` : text);
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

export interface ReadSettings {
  settings: SavedSettings;
  /** One sentence for the status line, or none when everything read was fine. */
  notes: string[];
}

/** Reads what `persist` stored (`{"state": {...}, "version": 1}`) as text; null = nothing saved. */
export function readSavedSettings(raw: string | null): ReadSettings {
  if (raw === null) return { settings: DEFAULT_SETTINGS, notes: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return {
      settings: DEFAULT_SETTINGS,
      notes: ['The saved settings could not be read (not JSON), so the defaults are used.'],
    };
  }
  if (!isRecord(parsed) || !isRecord(parsed['state'])) {
    return {
      settings: DEFAULT_SETTINGS,
      notes: [
        `The saved settings are not in the form this app saves (found ${quoteValue(parsed)}), so the defaults are used.`,
      ],
    };
  }
  const state = parsed['state'];
  const settings: SavedSettings = { ...DEFAULT_SETTINGS };
  const bad: string[] = [];
  for (const key of KEYS) {
    // Absent (saved by a version that did not have it): the default, nothing to say.
    if (!Object.hasOwn(state, key)) continue;
    const field = FIELDS[key];
    const result = v.safeParse(field.schema, state[key]);
    if (result.success) (settings as unknown as Record<string, unknown>)[key] = result.output;
    else bad.push(`${key} was ${quoteValue(state[key])}, not ${field.expected}; using ${field.fallback}`);
  }
  return {
    settings,
    notes: bad.length ? [`Some saved settings were invalid and were reset: ${bad.join('; ')}.`] : [],
  };
}
