import { listText } from '../util/text.ts';

export type FileKind = 'image' | 'bundle' | 'video' | 'other';

/** Classifies by name and type only; the content is checked later by whoever reads it. */
export function fileKind(f: File): FileKind {
  if (/\.(ya?ml|onnx)$/i.test(f.name)) return 'bundle';
  if (f.type.startsWith('video/') || /\.(webm|mp4|mov|mkv|ogv)$/i.test(f.name)) return 'video';
  if (f.type.startsWith('image/') || /\.(jpe?g|png|gif|webp|bmp|avif|svg|tiff?|heic|heif|ico)$/i.test(f.name))
    return 'image';
  return 'other';
}

export interface DropPlan {
  kind: 'image' | 'batch' | 'bundle' | 'video' | 'refuse';
  files: File[];
  message: string;
}

/**
 * Decides what a drop means. One image: that image. Several images (or files
 * that may be images: their content decides, and the others are listed as
 * skipped): a batch. Bundle files only (an .onnx alone, or with its .yaml):
 * a custom bundle. Anything else mixed is refused, since guessing would load the wrong thing.
 */
export function planDrop(files: readonly File[]): DropPlan {
  if (files.length === 0) return { kind: 'refuse', files: [], message: 'Nothing was dropped.' };
  const kinds = new Set(files.map(fileKind));
  if (files.length > 1 && [...kinds].every((k) => k === 'image' || k === 'other'))
    return { kind: 'batch', files: [...files], message: '' };
  if (kinds.size > 1) {
    return {
      kind: 'refuse',
      files: [],
      message: `Dropped files mix ${[...kinds].join(' and ')} files (${listText(files.map((f) => f.name))}); drop images alone, a video alone, an .onnx model alone, or a .yaml config and its .onnx together.`,
    };
  }
  const kind = [...kinds][0]!;
  if (kind === 'bundle') return { kind, files: [...files], message: '' };
  if (kind === 'other' || kind === 'image') return { kind: 'image', files: [files[0]!], message: '' };
  // Several videos: one plays at a time.
  return { kind, files: [files[0]!], message: files.length > 1 ? ignoredNote(files) : '' };
}

function ignoredNote(files: readonly File[]): string {
  const rest = files.slice(1).map((f) => f.name);
  return `Playing ${files[0]!.name} only; ignored ${rest.length} more: ${listText(rest)}.`;
}
