import type { BatchFile } from './names.ts';
import { SNIFF_BYTES, skipReason } from './skip-reason.ts';
import type { NotTaken } from './walk.ts';

/**
 * Splits a batch's files into images and skipped files by their first bytes,
 * one file at a time, reading only SNIFF_BYTES of each.
 */
export async function sortOutImages(
  files: readonly BatchFile[],
  onProgress?: (seen: number) => void,
): Promise<{ images: BatchFile[]; skipped: NotTaken[] }> {
  const images: BatchFile[] = [];
  const skipped: NotTaken[] = [];
  let seen = 0;
  for (const f of files) {
    let reason: string | null;
    try {
      reason = skipReason(new Uint8Array(await f.file.slice(0, SNIFF_BYTES).arrayBuffer()), f.file.size);
    } catch (e) {
      reason = `cannot be read (${e instanceof Error ? e.message : String(e)}); it may have been moved or deleted`;
    }
    if (reason) skipped.push({ name: f.name, reason });
    else images.push(f);
    if (++seen % 200 === 0) onProgress?.(seen);
  }
  return { images, skipped };
}
