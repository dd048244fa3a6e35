import { saveFile } from '../image/export.ts';
import { setStatus } from '../store/app-store.ts';
import { useBatch } from '../store/batch-store.ts';
import { useClassFilter } from '../store/class-filter-store.ts';
import { errorText } from '../util/errors.ts';
import { type BatchExportKind, batchExport } from './exports.ts';

/** Saves one export of the batch's results so far, through the class filter; a failure says why in the status line. */
export async function downloadBatch(kind: BatchExportKind): Promise<void> {
  const { items, run } = useBatch.getState();
  if (!run || items.length === 0) return setStatus('Nothing to download yet: run a batch first.', true);
  // The items so far: a copy of the list, so images finishing meanwhile do not change the file being written.
  const snapshot = items.slice();
  const hidden = useClassFilter.getState().hidden;
  try {
    const made = await batchExport(kind, snapshot, run, hidden);
    await saveFile(made.fileName, () => made.blob);
  } catch (e) {
    setStatus(`The ${kind === 'yolo' ? 'YOLO labels' : kind.toUpperCase()} export failed: ${errorText(e)}`, true);
  }
}
