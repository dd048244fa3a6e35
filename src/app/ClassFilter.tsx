import type { ClassCount } from '../detect/summary.ts';
import { classColourCss } from '../image/palette.ts';
import { showAllClasses, showOnly, toggleClass, useClassFilter } from '../store/class-filter-store.ts';
import { displayText } from '../util/text.ts';
import './class-filter.css';

/**
 * One chip per class found, with its count: pressing a chip hides or shows
 * that class everywhere (list, drawing, downloads, batch exports);
 * double-clicking shows that class only. The filter lives in
 * class-filter-store, so the single image, the batch and the live view share it.
 */
export function ClassFilter({ counts, label = 'Show classes' }: { counts: readonly ClassCount[]; label?: string }) {
  const hidden = useClassFilter((s) => s.hidden);
  if (counts.length === 0) return null;
  const ids = counts.map((c) => c.classId);
  return (
    <fieldset className="class-filter" data-testid="class-filter">
      <legend>{label}</legend>
      {counts.map((c) => {
        const shown = !hidden.has(c.classId);
        return (
          <button
            key={c.classId}
            type="button"
            className="class-chip"
            data-testid="class-chip"
            data-class-id={c.classId}
            data-label={c.label}
            aria-pressed={shown}
            title={`${shown ? 'Hide' : 'Show'} ${c.label}; double-click to show only ${c.label}`}
            onClick={() => toggleClass(c.classId)}
            onDoubleClick={() => showOnly([c.classId], ids)}
          >
            <span className="swatch" style={{ background: classColourCss(c.classId) }} aria-hidden />
            {displayText(c.label)} <span className="chip-count">{c.count}</span>
          </button>
        );
      })}
      {hidden.size > 0 && (
        <button type="button" className="class-chip show-all" data-testid="class-show-all" onClick={showAllClasses}>
          Show all
        </button>
      )}
    </fieldset>
  );
}
