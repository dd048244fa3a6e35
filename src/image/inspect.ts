import { type ImageFormat, sniffImageFormat } from './format.ts';
import { type ImageSize, readHeader } from './header.ts';
import { stripEventHandlers } from './svg-sanitize.ts';
import { svgDeclaredSize } from './svg-size.ts';
import { decodeMarkup, svgRoot } from './svg-text.ts';

/** What is known about an image file before anything decodes it. */
export interface ImageInspection {
  format: ImageFormat;
  /** From the header; null when the format's structure does not say. */
  size: ImageSize | null;
  truncated: boolean;
  /** SVG only: its text with event handlers already cut out (the DOM walk needs DOMParser, on the main thread). */
  svgMarkup?: string;
}

/**
 * Reads format, size and completeness from the whole file: a JPEG's frame
 * header and end can be anywhere, and an SVG's prolog can be long. Runs in
 * the parse worker (src/parse-worker/), within its time limit; every walk
 * here is linear in the file's size.
 */
export async function inspectImageFile(file: Blob): Promise<ImageInspection> {
  return inspectImageBytes(new Uint8Array(await file.arrayBuffer()));
}

export function inspectImageBytes(b: Uint8Array): ImageInspection {
  const format = sniffImageFormat(b);
  if (format !== 'svg') return { format, ...readHeader(b, format) };
  const text = decodeMarkup(b) ?? '';
  const root = svgRoot(text);
  return {
    format,
    size: root && svgDeclaredSize(root.attrs),
    truncated: false,
    svgMarkup: stripEventHandlers(text),
  };
}
