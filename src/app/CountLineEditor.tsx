import { type KeyboardEvent, type PointerEvent, useRef } from 'react';
import { setCountLine, useVideoAnalysis } from '../store/video-analysis-store.ts';
import {
  DEFAULT_LINE,
  keyMove,
  type LineEnd,
  nudgeEnd,
  placeEnd,
  pointerFraction,
  reverseLine,
} from '../video/line-edit.ts';
import { formatLineParam } from '../video/line-param.ts';
import './count-line.css';

const pct = (v: number) => `${Math.round(v * 100)}%`;

/**
 * The counting line's handles over a picture (the live video or the
 * analysis preview): drag on the picture to draw a line from A to B, drag an
 * end to move it, or focus an end (Tab) and move it with the arrow keys
 * (Shift: 10 steps). The line itself, its arrow and counts are drawn on the
 * canvas under it, as in the annotated video. Its parent must be the
 * positioned box the picture fills.
 */
export function CountLineEditor({ disabled = false }: { disabled?: boolean }) {
  const line = useVideoAnalysis((s) => s.line);
  const box = useRef<HTMLDivElement>(null);
  const drag = useRef<{ end: LineEnd; start: { x: number; y: number } | null } | null>(null);

  const at = (e: PointerEvent) => {
    const r = box.current!.getBoundingClientRect();
    return pointerFraction(e.clientX, e.clientY, r);
  };
  const onDown = (e: PointerEvent, end: LineEnd | null) => {
    if (disabled || e.button !== 0) return;
    e.preventDefault();
    e.stopPropagation();
    box.current?.setPointerCapture(e.pointerId);
    const p = at(e);
    // On the picture itself: a new line starts here and B follows the pointer.
    drag.current = end ? { end, start: null } : { end: 'b', start: p };
  };
  const onMove = (e: PointerEvent) => {
    const d = drag.current;
    if (!d) return;
    const p = at(e);
    const current = useVideoAnalysis.getState().line;
    if (d.start) {
      if (Math.hypot(p.x - d.start.x, p.y - d.start.y) < 0.01) return;
      setCountLine({ x1: d.start.x, y1: d.start.y, x2: p.x, y2: p.y });
      d.start = null;
    } else if (current) {
      const next = placeEnd(current, d.end, p.x, p.y);
      if (next.x1 !== next.x2 || next.y1 !== next.y2) setCountLine(next);
    }
  };
  const onUp = (e: PointerEvent) => {
    drag.current = null;
    if (box.current?.hasPointerCapture(e.pointerId)) box.current.releasePointerCapture(e.pointerId);
  };
  const onKey = (e: KeyboardEvent, end: LineEnd) => {
    const m = keyMove(e.key, e.shiftKey);
    const current = useVideoAnalysis.getState().line;
    if (!m || !current || disabled) return;
    e.preventDefault();
    setCountLine(nudgeEnd(current, end, m.dx, m.dy));
  };

  const handle = (end: LineEnd) => {
    if (!line) return null;
    const x = end === 'a' ? line.x1 : line.x2;
    const y = end === 'a' ? line.y1 : line.y2;
    return (
      <button
        type="button"
        className="line-end"
        data-testid={`line-end-${end}`}
        disabled={disabled}
        style={{ left: pct(x), top: pct(y) }}
        aria-label={`Counting line end ${end.toUpperCase()}: ${pct(x)} across, ${pct(y)} down. Arrow keys move it, Shift for bigger steps.`}
        onPointerDown={(e) => onDown(e, end)}
        onKeyDown={(e) => onKey(e, end)}
      >
        {end.toUpperCase()}
      </button>
    );
  };

  return (
    <div
      ref={box}
      className={disabled ? 'count-line-editor disabled' : 'count-line-editor'}
      data-testid="count-line-editor"
      onPointerDown={(e) => onDown(e, null)}
      onPointerMove={onMove}
      onPointerUp={onUp}
      onPointerCancel={onUp}
    >
      {handle('a')}
      {handle('b')}
    </div>
  );
}

/** Add, reverse or clear the line with buttons (the keyboard's way to start one), and the `?line=` that repeats it. */
export function LineControls({ disabled = false }: { disabled?: boolean }) {
  const line = useVideoAnalysis((s) => s.line);
  return (
    <div className="line-controls" data-testid="line-controls" data-line={line ? formatLineParam(line) : ''}>
      {line ? (
        <>
          <button
            type="button"
            data-testid="line-reverse"
            disabled={disabled}
            onClick={() => setCountLine(reverseLine(line))}
          >
            Swap in/out
          </button>
          <button type="button" data-testid="line-clear" disabled={disabled} onClick={() => setCountLine(null)}>
            Remove line
          </button>
          <code className="line-param" title="Add this to the page's address to use the same line again">
            ?line={formatLineParam(line)}
          </code>
        </>
      ) : (
        <button type="button" data-testid="line-add" disabled={disabled} onClick={() => setCountLine(DEFAULT_LINE)}>
          Add counting line
        </button>
      )}
      <span className="line-hint">
        {line ? 'Drag A or B, or Tab to them and use the arrow keys.' : 'Or drag across the picture to draw one.'}
      </span>
    </div>
  );
}
