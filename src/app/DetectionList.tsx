import { type KeyboardEvent, useEffect, useMemo, useRef } from 'react';
import { useApp } from '../store/app-store.ts';
import { releaseHighlight, setHighlight, useHighlighted } from '../store/highlight-store.ts';
import { useCurrentDetections } from '../image-detection/current-detections.ts';
import type { Detection } from '../detect/detections.ts';
import { countByClass, summaryText } from '../detect/summary.ts';
import { classColourCss } from '../image/palette.ts';
import { displayText } from '../util/text.ts';
import { filterByClass, useClassFilter } from '../store/class-filter-store.ts';
import { ClassFilter } from './ClassFilter.tsx';

const HINT_ID = 'detections-hint';

/**
 * The detections as a single-select listbox: one Tab stop, arrow keys move
 * between rows, and the row with focus or under the pointer is the one
 * highlighted on the image (and announced as selected).
 */
export function DetectionList() {
  const result = useApp((s) => s.result);
  const conf = useApp((s) => s.conf);
  const all = useCurrentDetections();
  const hidden = useClassFilter((s) => s.hidden);
  const detections = useMemo(() => filterByClass(all, hidden), [all, hidden]);
  const highlighted = useHighlighted(detections);
  const list = useRef<HTMLDivElement>(null);

  // A box hovered on the image brings its row into view inside the list, without scrolling the page.
  useEffect(() => {
    const row = highlighted === null ? null : list.current?.children[highlighted];
    if (list.current && row instanceof HTMLElement) scrollWithin(list.current, row);
  }, [highlighted]);

  if (!result) return null;
  const counts = countByClass(detections);
  return (
    <section className="panel" aria-label="Detections">
      <h2>
        Detections <span className="count">({detections.length})</span>
      </h2>
      {detections.length === 0 ? (
        <p className="muted">
          {all.length === 0
            ? `Nothing above ${Math.round(conf * 100)}% confidence.`
            : `All ${all.length} objects are of classes hidden by the filter below.`}
        </p>
      ) : (
        <>
          <p className="summary" data-testid="detection-summary">
            {displayText(summaryText(counts))}
          </p>
          <div
            className="detections"
            ref={list}
            role="listbox"
            aria-label="Detected objects"
            aria-describedby={HINT_ID}
          >
            {detections.map((d, i) => (
              <DetectionRow
                key={i}
                d={d}
                index={i}
                detections={detections}
                selected={i === highlighted}
                tabbable={i === (highlighted ?? 0)}
              />
            ))}
          </div>
          <p id={HINT_ID} className="visually-hidden">
            Up and down arrow keys move between objects; the selected one is highlighted on the image.
          </p>
        </>
      )}
      {/* Below the list, so hiding a class never moves the rows under a pointer or finger. */}
      <ClassFilter counts={countByClass(all)} />
    </section>
  );
}

interface RowProps {
  d: Detection;
  index: number;
  detections: readonly Detection[];
  selected: boolean;
  tabbable: boolean;
}

function DetectionRow({ d, index, detections, selected, tabbable }: RowProps) {
  const label = displayText(d.label);
  const score = `${(d.score * 100).toFixed(1)}%`;
  const [x1, y1, x2, y2] = [d.x1, d.y1, d.x2, d.y2].map(Math.round);
  return (
    <div
      data-testid="detection"
      data-label={d.label}
      data-score={d.score.toFixed(4)}
      role="option"
      aria-selected={selected}
      aria-label={`${label} ${score}, box from ${x1},${y1} to ${x2},${y2}`}
      tabIndex={tabbable ? 0 : -1}
      onPointerEnter={() => setHighlight(detections, index)}
      onPointerLeave={(e) => e.pointerType === 'mouse' && releaseHighlight(detections, index)}
      onFocus={() => setHighlight(detections, index)}
      onBlur={() => releaseHighlight(detections, index)}
      // A tap on a phone, where there is no hover and a tap may not focus.
      onClick={() => setHighlight(detections, index)}
      onKeyDown={moveFocus}
    >
      <span className="swatch" style={{ background: classColourCss(d.classId) }} aria-hidden />
      <span className="label">{label}</span>
      <span className="score">{score}</span>
      <span className="box">
        {x1},{y1} – {x2},{y2}
      </span>
    </div>
  );
}

const STEP: Record<string, (i: number, n: number) => number> = {
  ArrowDown: (i, n) => Math.min(i + 1, n - 1),
  ArrowUp: (i) => Math.max(i - 1, 0),
  Home: () => 0,
  End: (_, n) => n - 1,
};

function moveFocus(e: KeyboardEvent<HTMLDivElement>): void {
  const step = STEP[e.key];
  const rows = e.currentTarget.parentElement?.children;
  if (!step || !rows) return;
  e.preventDefault();
  const i = Array.prototype.indexOf.call(rows, e.currentTarget) as number;
  const next = rows[step(i, rows.length)];
  if (next instanceof HTMLElement) next.focus();
}

/** Scrolls the list (only) so the row is visible; scrollIntoView would scroll the page as well. */
function scrollWithin(list: HTMLElement, row: HTMLElement): void {
  const top = row.offsetTop;
  const bottom = top + row.offsetHeight;
  if (top < list.scrollTop) list.scrollTop = top;
  else if (bottom > list.scrollTop + list.clientHeight) list.scrollTop = bottom - list.clientHeight;
}
