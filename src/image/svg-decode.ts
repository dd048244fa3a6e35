import type { ImageSize } from './header-info.ts';
import { ImageInputError } from './image-error.ts';
import { ALPHA_BACKGROUND } from './flatten.ts';
import { SVG_MAX_SIDE, svgRasterSize } from './limits.ts';
import { scrubSvgDocument } from './svg-tree.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * Draws SVG markup (handlers already cut out in the parse worker) into a
 * bitmap. It is parsed into a detached XML document, scrubbed with an
 * allow-list (src/image/svg-tree.ts), given its raster size as its own width
 * and height, and rendered through an <img>, which runs no scripts and loads
 * nothing external; its markup never enters the page. The raster size is
 * the declared size scaled down so the longest side is at most 2048 px, so
 * the cost of drawing (filters grow with the area) is bounded.
 */
export async function decodeSvg(
  markup: string,
  name: string,
  declared: ImageSize,
): Promise<{ bitmap: ImageBitmap; note: string }> {
  const doc = new DOMParser().parseFromString(markup, 'image/svg+xml');
  const root = doc.documentElement;
  if (doc.getElementsByTagName('parsererror').length > 0 || root.localName !== 'svg' || root.namespaceURI !== SVG_NS) {
    throw new ImageInputError(`${name}: the SVG is not well-formed XML, so it cannot be drawn; fix or re-export it.`);
  }
  scrubSvgDocument(doc, name);
  const raster = svgRasterSize(declared);
  // Without a viewBox the content is in CSS pixels of the declared size; with one, it already scales.
  if (!root.hasAttribute('viewBox')) root.setAttribute('viewBox', `0 0 ${declared.width} ${declared.height}`);
  root.setAttribute('width', String(raster.width));
  root.setAttribute('height', String(raster.height));

  const url = URL.createObjectURL(new Blob([new XMLSerializer().serializeToString(doc)], { type: 'image/svg+xml' }));
  try {
    const img = new Image(raster.width, raster.height);
    img.src = url;
    await img.decode();
    const canvas = new OffscreenCanvas(raster.width, raster.height);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('this browser cannot draw to a canvas');
    ctx.fillStyle = ALPHA_BACKGROUND;
    ctx.fillRect(0, 0, raster.width, raster.height);
    ctx.drawImage(img, 0, 0, raster.width, raster.height);
    const scaled = raster.width !== declared.width || raster.height !== declared.height;
    const note = scaled
      ? `The SVG was drawn at ${raster.width}x${raster.height}, scaled down from its declared ${declared.width}x${declared.height} (SVGs are drawn with the longest side at most ${SVG_MAX_SIDE} px).`
      : `The SVG was drawn at its declared size, ${raster.width}x${raster.height}.`;
    return { bitmap: canvas.transferToImageBitmap(), note };
  } finally {
    URL.revokeObjectURL(url);
  }
}
