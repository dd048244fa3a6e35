import { useEffect, useRef, useState } from 'react';
import { gridWindow } from '../batch/grid-window.ts';
import { openBatchItem } from '../batch/run-batch.ts';
import { THUMB_SIZE } from '../batch/thumbnail.ts';
import { type BatchItem, useBatch } from '../store/batch-store.ts';
import { classShown, useClassFilter } from '../store/class-filter-store.ts';
import { displayText } from '../util/text.ts';

const CELL_WIDTH = THUMB_SIZE + 24;
const ROW_HEIGHT = THUMB_SIZE + 56;

/**
 * The batch's results as thumbnails with their counts (after the class
 * filter). Virtualised: only the rows in view are in the DOM, so thousands of
 * results scroll as smoothly as ten. A cell opens its image in the main view.
 */
export function BatchGrid() {
  const box = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ width: 0, height: 0, scrollTop: 0 });
  useBatch((s) => s.version);
  const items = useBatch.getState().items;
  const openedIndex = useBatch((s) => s.opened?.index ?? null);
  const hidden = useClassFilter((s) => s.hidden);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setView({ width: el.clientWidth, height: el.clientHeight, scrollTop: el.scrollTop });
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const w = gridWindow({
    count: items.length,
    width: view.width,
    cellWidth: CELL_WIDTH,
    rowHeight: ROW_HEIGHT,
    scrollTop: view.scrollTop,
    // Before the first measure, render one screenful rather than nothing.
    viewportHeight: view.height || 600,
  });
  return (
    <div
      className="batch-grid"
      ref={box}
      data-testid="batch-grid"
      data-count={items.length}
      onScroll={(e) => {
        const el = e.currentTarget;
        setView({ width: el.clientWidth, height: el.clientHeight, scrollTop: el.scrollTop });
      }}
    >
      <div style={{ height: w.padTop }} />
      <ul className="batch-cells" style={{ gridTemplateColumns: `repeat(${w.columns}, ${CELL_WIDTH}px)` }}>
        {items.slice(w.start, w.end).map((it, k) => (
          <Cell key={w.start + k} item={it} index={w.start + k} hidden={hidden} open={openedIndex === w.start + k} />
        ))}
      </ul>
      <div style={{ height: w.padBottom }} />
    </div>
  );
}

function Cell({
  item,
  index,
  hidden,
  open,
}: {
  item: BatchItem;
  index: number;
  hidden: ReadonlySet<number>;
  open: boolean;
}) {
  const n = item.detections.reduce((k, d) => k + (classShown(hidden, d.classId) ? 1 : 0), 0);
  const name = displayText(item.name);
  return (
    <li style={{ height: ROW_HEIGHT }}>
      <button
        type="button"
        className={open ? 'batch-cell open' : 'batch-cell'}
        data-testid="batch-cell"
        data-name={item.name}
        data-count={n}
        aria-pressed={open}
        aria-label={`${name}: ${n} object${n === 1 ? '' : 's'}; open it`}
        onClick={() => void openBatchItem(index)}
      >
        {item.thumb ? (
          <img src={item.thumb} alt="" width={THUMB_SIZE} height={THUMB_SIZE} loading="lazy" decoding="async" />
        ) : (
          <span className="no-thumb" aria-hidden />
        )}
        <span className="cell-count">{n}</span>
        <span className="cell-name" title={name}>
          {name}
        </span>
      </button>
    </li>
  );
}
