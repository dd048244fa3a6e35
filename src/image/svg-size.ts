import type { ImageSize } from './header-info.ts';
import type { Attr } from './svg-tokens.ts';

/** CSS pixels per unit (CSS Values 4: 1in = 96px); em/ex/rem at the browser's default 16px font. */
const UNIT_PX: Record<string, number> = {
  '': 1,
  px: 1,
  pt: 96 / 72,
  pc: 16,
  in: 96,
  cm: 96 / 2.54,
  mm: 96 / 25.4,
  q: 96 / 101.6,
  em: 16,
  rem: 16,
  ex: 8,
  ch: 8,
};

/** A number as SVG/CSS writes it: sign, digits, fraction, exponent. Anchored and without nested repeats: linear. */
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;

/**
 * A length in CSS pixels; null for a percentage or `auto` (relative to a
 * viewport an image does not have) or anything unreadable.
 */
export function parseSvgLength(raw: string | null | undefined): number | null {
  if (raw == null) return null;
  const s = raw.trim();
  const m = NUMBER.exec(s);
  if (!m) return null;
  const unit = s.slice(m[0].length).trim().toLowerCase();
  const perUnit = UNIT_PX[unit];
  const n = Number(m[0]);
  return perUnit === undefined || !Number.isFinite(n) ? null : n * perUnit;
}

/** viewBox="min-x min-y width height" (spaces and/or commas); null unless width and height are positive. */
export function parseViewBox(raw: string | null | undefined): { width: number; height: number } | null {
  if (raw == null) return null;
  const parts = raw.trim().split(/[\s,]+/);
  if (parts.length !== 4) return null;
  const nums = parts.map((p) => (NUMBER.exec(p)?.[0] === p ? Number(p) : Number.NaN));
  const [, , width, height] = nums as [number, number, number, number];
  return Number.isFinite(width) && Number.isFinite(height) && width > 0 && height > 0 ? { width, height } : null;
}

/**
 * The size an SVG declares on its root element, in CSS pixels: width and
 * height with their units, the one missing taken from the viewBox's aspect
 * ratio, or the viewBox itself when neither is absolute. Null when it
 * declares no size at all.
 */
export function svgDeclaredSize(attrs: readonly Attr[]): ImageSize | null {
  const attr = (name: string) => attrs.find((a) => a.name === name)?.value;
  const w = parseSvgLength(attr('width'));
  const h = parseSvgLength(attr('height'));
  const vb = parseViewBox(attr('viewBox'));
  let width: number;
  let height: number;
  if (w !== null && h !== null) [width, height] = [w, h];
  else if (w !== null && vb) [width, height] = [w, (w * vb.height) / vb.width];
  else if (h !== null && vb) [width, height] = [(h * vb.width) / vb.height, h];
  else if (vb) [width, height] = [vb.width, vb.height];
  else return null;
  // Sub-pixel sizes round up to one pixel; zero and negative stay as declared so they are refused as "no pixels".
  const px = (v: number) => (v > 0 ? Math.max(1, Math.round(v)) : Math.min(0, Math.round(v)));
  return { width: px(width), height: px(height) };
}
