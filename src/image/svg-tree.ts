import { aFormat, sniffImageFormat } from './format.ts';
import { readHeader } from './header.ts';
import { ImageInputError } from './image-error.ts';
import { sizeProblem } from './limits.ts';
import { isEventHandlerName } from './svg-sanitize.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';
const XLINK_NS = 'http://www.w3.org/1999/xlink';

/** Elements that draw, structure or style a picture. Anything else (script, foreignObject, other namespaces) is removed. */
const ALLOWED = new Set(
  [
    'svg g defs symbol use switch a title desc view style',
    'path rect circle ellipse line polyline polygon text tspan textPath image marker',
    'linearGradient radialGradient stop pattern clipPath mask',
    'animate animateMotion animateTransform set mpath',
    'filter feBlend feColorMatrix feComponentTransfer feComposite feConvolveMatrix feDiffuseLighting',
    'feDisplacementMap feDistantLight feDropShadow feFlood feFuncA feFuncB feFuncG feFuncR feGaussianBlur',
    'feImage feMerge feMergeNode feMorphology feOffset fePointLight feSpecularLighting feSpotLight feTile feTurbulence',
  ]
    .join(' ')
    .split(' '),
);
/** Elements whose href may be an embedded image (a data: URL); every other href must point inside the document. */
const IMAGE_HREF = new Set(['image', 'feImage']);
const ANIMATION = new Set(['animate', 'set', 'animateTransform', 'animateMotion']);

/** Elements drawn, counting each `<use>` as a copy of what it references (nested uses multiply). */
export const MAX_SVG_DRAWN_ELEMENTS = 250_000;

const isHref = (a: Attr) => a.localName === 'href' && (a.namespaceURI === null || a.namespaceURI === XLINK_NS);

/** True when a value has a CSS `url(…)` that does not point inside the document (`url(#id)`). */
export function hasNonLocalUrl(value: string): boolean {
  const lower = value.toLowerCase();
  for (let i = lower.indexOf('url('); i >= 0; i = lower.indexOf('url(', i + 4)) {
    let k = i + 4;
    while (lower[k] === ' ' || lower[k] === '"' || lower[k] === "'") k++;
    if (lower[k] !== '#') return true;
  }
  return false;
}

/**
 * Makes a parsed SVG safe and bounded to draw, walking the tree once with
 * an allow-list: unknown elements go with their content, event handlers and
 * non-local references go (an <img> loads nothing external, but data: URLs
 * would still load, so an embedded image is read like a dropped file and
 * held to the same limits), and nested <use> copies are counted.
 * Runs on the main thread because DOMParser does not exist in workers.
 */
export function scrubSvgDocument(doc: Document, name: string): void {
  const root = doc.documentElement;
  const stack: Element[] = [root];
  while (stack.length > 0) {
    const el = stack.pop()!;
    if (el !== root && !(el.namespaceURI === SVG_NS && ALLOWED.has(el.localName))) {
      el.remove();
      continue;
    }
    if (!scrubAttributes(el, name)) {
      el.remove();
      continue;
    }
    if (el.localName === 'style' && hasNonLocalUrl(el.textContent ?? '')) {
      el.remove();
      continue;
    }
    for (let c = el.lastElementChild; c; c = c.previousElementSibling) stack.push(c);
  }
  const drawn = drawnElements(doc);
  if (drawn > MAX_SVG_DRAWN_ELEMENTS) {
    throw new ImageInputError(
      `${name} would draw ${drawn > 1e9 ? 'over a billion' : drawn.toLocaleString('en')} elements (its <use> references copy content into copies), over this app's limit of ${MAX_SVG_DRAWN_ELEMENTS.toLocaleString('en')}; simplify it or export it as PNG.`,
    );
  }
}

/** Cleans an element's attributes in place; false when the element itself must go. */
function scrubAttributes(el: Element, name: string): boolean {
  if (ANIMATION.has(el.localName)) {
    const target = el.getAttribute('attributeName') ?? '';
    if (isEventHandlerName(target) || target.endsWith('href')) return false;
  }
  for (const a of Array.from(el.attributes)) {
    if (isEventHandlerName(a.name)) el.removeAttributeNode(a);
    else if (isHref(a)) {
      const v = a.value.trim();
      if (v.startsWith('#')) continue;
      if (IMAGE_HREF.has(el.localName) && /^data:/i.test(v)) {
        if (!embeddedImageAllowed(v, name)) return false;
        continue;
      }
      el.removeAttributeNode(a);
    } else if (hasNonLocalUrl(a.value)) el.removeAttributeNode(a);
  }
  return true;
}

/** Bytes of a data: URL (base64 or percent-encoded); null when it cannot be read. */
function dataUrlBytes(url: string): Uint8Array | null {
  const comma = url.indexOf(',');
  if (comma < 0) return null;
  const meta = url.slice(5, comma).toLowerCase();
  const payload = url.slice(comma + 1);
  try {
    const bin = meta.endsWith(';base64') ? atob(payload.replace(/\s+/g, '')) : decodeURIComponent(payload);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i) & 0xff;
    return out;
  } catch {
    return null;
  }
}

/**
 * An embedded raster image is sniffed and sized like a dropped file; one over
 * the limits refuses the whole SVG. Embedded SVGs and unreadable data are
 * dropped (they are not checked, so they are not drawn).
 */
function embeddedImageAllowed(url: string, name: string): boolean {
  const bytes = dataUrlBytes(url);
  if (!bytes) return false;
  const format = sniffImageFormat(bytes);
  if (format === 'svg' || format === 'unknown') return false;
  const { size } = readHeader(bytes, format);
  if (!size) return false;
  const problem = sizeProblem(size.width, size.height);
  if (problem)
    throw new ImageInputError(`${name} embeds ${aFormat(format)} image that ${problem}; scale that image down.`);
  return true;
}

/**
 * How many elements drawing the document means: each element once, plus,
 * for each <use>, everything its target draws. Memoised and iterative, so
 * linear in the tree; a cycle draws nothing (browsers skip cyclic uses).
 */
function drawnElements(doc: Document): number {
  const byId = new Map<string, Element>();
  for (const el of Array.from(doc.querySelectorAll('[id]'))) if (!byId.has(el.id)) byId.set(el.id, el);
  const cost = new Map<Element, number>();
  const onPath = new Set<Element>();
  const target = (el: Element): Element | undefined => {
    if (el.localName !== 'use') return undefined;
    const href = el.getAttribute('href') ?? el.getAttributeNS(XLINK_NS, 'href') ?? '';
    return href.startsWith('#') ? byId.get(href.slice(1)) : undefined;
  };
  const deps = (el: Element): Element[] => {
    const out = Array.from(el.children);
    const t = target(el);
    if (t) out.push(t);
    return out;
  };
  const root = doc.documentElement;
  const stack: { el: Element; deps: Element[]; at: number }[] = [{ el: root, deps: deps(root), at: 0 }];
  onPath.add(root);
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    while (top.at < top.deps.length && (cost.has(top.deps[top.at]!) || onPath.has(top.deps[top.at]!))) top.at++;
    const next = top.deps[top.at];
    if (next) {
      onPath.add(next);
      stack.push({ el: next, deps: deps(next), at: 0 });
      continue;
    }
    let sum = 1;
    for (const d of top.deps) sum += cost.get(d) ?? 0; // on the path = a cycle: draws nothing
    cost.set(top.el, Math.min(sum, Number.MAX_SAFE_INTEGER));
    onPath.delete(top.el);
    stack.pop();
  }
  return cost.get(root) ?? 0;
}
