import { useMemo, useRef } from 'react';
import { formatDuration } from '../batch/eta.ts';
import { cancelBatch, pauseBatch, resumeBatch } from '../batch/run-batch.ts';
import type { Detection } from '../detect/detections.ts';
import type { ClassCount } from '../detect/summary.ts';
import { downloadBatch } from '../batch/download.ts';
import { batchActive, closeBatchItem, useBatch } from '../store/batch-store.ts';
import { filterByClass, useClassFilter } from '../store/class-filter-store.ts';
import { displayText } from '../util/text.ts';
import { BatchGrid } from './BatchGrid.tsx';
import { ClassFilter } from './ClassFilter.tsx';
import { handleBatchPick } from './input-routing.ts';
import { DetectionsFigure } from './ResultView.tsx';
import './batch.css';

/** Chromium, Firefox and Safari take a folder in a file input with this (non-standard) attribute. */
const folderInput = { webkitdirectory: '' } as Record<string, string>;

/** A folder or many images at once: picking, progress, controls, summary, exports, the results grid. */
export function BatchPanel() {
  const folder = useRef<HTMLInputElement>(null);
  const files = useRef<HTMLInputElement>(null);
  const phase = useBatch((s) => s.phase);
  const inFlight = useBatch((s) => s.inFlight);
  const pick = (input: HTMLInputElement) => {
    const list = Array.from(input.files ?? []);
    input.value = '';
    if (list.length) void handleBatchPick(list);
  };
  return (
    <section
      className="panel batch"
      aria-label="Batch"
      data-testid="batch-panel"
      data-phase={phase}
      data-in-flight={inFlight}
    >
      <div className="batch-pick">
        <h2>Many images or a folder</h2>
        <button type="button" onClick={() => folder.current?.click()} disabled={batchActive(phase)}>
          Choose a folder
        </button>
        <button type="button" onClick={() => files.current?.click()} disabled={batchActive(phase)}>
          Choose images
        </button>
        <input
          ref={folder}
          type="file"
          multiple
          {...folderInput}
          data-testid="batch-input"
          hidden
          onChange={(e) => pick(e.currentTarget)}
        />
        <input
          ref={files}
          type="file"
          multiple
          accept="image/*"
          data-testid="batch-files-input"
          hidden
          onChange={(e) => pick(e.currentTarget)}
        />
      </div>
      {phase !== 'idle' && <BatchRun />}
    </section>
  );
}

function BatchRun() {
  const s = useBatch();
  const hidden = useClassFilter((f) => f.hidden);
  const active = batchActive(s.phase);
  const counts = useMemo<ClassCount[]>(
    () =>
      s.classCounts
        .map((count, classId) => ({ classId, count, label: s.run?.labels[classId] ?? `class ${classId}` }))
        .filter((c) => c.count > 0)
        .sort((a, b) => b.count - a.count || a.classId - b.classId),
    [s.classCounts, s.run],
  );
  const shownObjects = counts.reduce((n, c) => n + (hidden.has(c.classId) ? 0 : c.count), 0);
  const stats = [
    `${s.processed} of ${s.total} images`,
    s.rate !== null && active ? `${s.rate.toFixed(1)} images/s` : '',
    s.secondsLeft !== null && s.phase === 'running' ? `${formatDuration(s.secondsLeft)} left` : '',
    s.phase === 'paused' ? 'paused' : '',
    s.phase === 'cancelled' ? 'stopped' : '',
  ].filter(Boolean);
  const opened = s.opened ? s.items[s.opened.index] : null;
  const mean = (sum: number) => (s.items.length ? (sum / s.items.length).toFixed(1) : undefined);
  return (
    <>
      <div className="batch-progress">
        <progress data-testid="batch-progress" value={s.processed} max={Math.max(1, s.total)} />
        <span
          data-testid="batch-stats"
          data-decode-ms={mean(s.stageMs.decode)}
          data-inference-ms={mean(s.stageMs.inference)}
          data-worker-ms={mean(s.stageMs.preprocess + s.stageMs.inference + s.stageMs.postprocess)}
          title={
            s.items.length
              ? `Per image, on average: decode ${mean(s.stageMs.decode)} ms, model ${mean(s.stageMs.inference)} ms, pre- and post-processing ${mean(s.stageMs.preprocess + s.stageMs.postprocess)} ms`
              : undefined
          }
        >
          {stats.join(' · ')}
        </span>
        {s.phase === 'running' && (
          <button type="button" data-testid="batch-pause" onClick={pauseBatch}>
            Pause
          </button>
        )}
        {s.phase === 'paused' && (
          <button type="button" data-testid="batch-resume" onClick={resumeBatch}>
            Resume
          </button>
        )}
        {active && (
          <button type="button" data-testid="batch-cancel" onClick={cancelBatch}>
            Cancel batch
          </button>
        )}
      </div>
      <p className="summary" data-testid="batch-summary">
        {s.items.length} image{s.items.length === 1 ? '' : 's'} · {shownObjects} object{shownObjects === 1 ? '' : 's'}
        {hidden.size > 0 ? ' shown' : ''} · {s.failures.length} failed · {s.skipped.length} skipped
        {s.run ? ` · ${displayText(s.run.modelName)}, confidence ${s.run.conf}, IoU ${s.run.iou}` : ''}
      </p>
      <ClassFilter counts={counts} label="Objects per class (press to hide or show)" />
      <div className="downloads">
        <button
          type="button"
          data-testid="download-coco"
          disabled={!s.items.length}
          onClick={() => void downloadBatch('coco')}
        >
          COCO JSON
        </button>
        <button
          type="button"
          data-testid="download-yolo-zip"
          disabled={!s.items.length}
          onClick={() => void downloadBatch('yolo')}
        >
          YOLO labels (zip)
        </button>
        <button
          type="button"
          data-testid="download-csv"
          disabled={!s.items.length}
          onClick={() => void downloadBatch('csv')}
        >
          CSV
        </button>
      </div>
      {s.failures.length > 0 && (
        <details className="batch-problems" open>
          <summary>{s.failures.length} failed (listed with the reason; the run went on)</summary>
          <ul data-testid="batch-failures">
            {s.failures.map((f, i) => (
              <li key={i} data-name={f.name}>
                {displayText(problemLine(f.name, f.reason))}
              </li>
            ))}
          </ul>
        </details>
      )}
      {s.skipped.length > 0 && (
        <details className="batch-problems">
          <summary>{s.skipped.length} skipped (not images the app reads)</summary>
          <ul data-testid="batch-skipped">
            {s.skipped.map((f, i) => (
              <li key={i} data-name={f.name}>
                {displayText(problemLine(f.name, f.reason))}
              </li>
            ))}
          </ul>
        </details>
      )}
      {opened && s.opened && (
        <OpenedItem
          name={opened.name}
          image={s.opened.image}
          width={opened.width}
          height={opened.height}
          detections={opened.detections}
        />
      )}
      <BatchGrid />
    </>
  );
}

function OpenedItem(props: {
  name: string;
  image: ImageBitmap;
  width: number;
  height: number;
  detections: readonly Detection[];
}) {
  const hidden = useClassFilter((f) => f.hidden);
  const detections = useMemo(() => filterByClass(props.detections, hidden), [props.detections, hidden]);
  return (
    <div className="batch-opened" data-testid="batch-opened" data-name={props.name}>
      <DetectionsFigure {...props} detections={detections} testId="batch-canvas">
        <span className="opened-name">{displayText(props.name)}</span>
        <button type="button" data-testid="batch-close" onClick={closeBatchItem}>
          Close
        </button>
      </DetectionsFigure>
    </div>
  );
}

/** Decoder messages start with the file's name; others get it in front. */
function problemLine(name: string, reason: string): string {
  return reason.startsWith(name) ? reason : `${name}: ${reason}`;
}
