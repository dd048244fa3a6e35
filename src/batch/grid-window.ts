/**
 * Which cells of a virtualised grid to render: only the rows in view (plus a
 * few above and below, so a fast scroll does not show blanks), with spacers
 * above and below standing for the rest. Thousands of results then cost a
 * few dozen elements.
 */
export interface GridLayout {
  count: number;
  /** Inner width of the scrolling box, px. */
  width: number;
  /** Cell width including its gap, px. */
  cellWidth: number;
  /** Row height including its gap, px. */
  rowHeight: number;
  scrollTop: number;
  viewportHeight: number;
  /** Rows rendered beyond each edge of the view. */
  overscan?: number;
}

export interface GridWindow {
  columns: number;
  rows: number;
  /** Cells [start, end) are rendered. */
  start: number;
  end: number;
  /** Spacer heights standing for the rows not rendered, px. */
  padTop: number;
  padBottom: number;
}

export function gridWindow(l: GridLayout): GridWindow {
  const columns = Math.max(1, Math.floor(l.width / l.cellWidth));
  const rows = Math.ceil(l.count / columns);
  const overscan = l.overscan ?? 2;
  const top = Math.max(0, l.scrollTop);
  const firstRow = Math.max(0, Math.min(rows, Math.floor(top / l.rowHeight) - overscan));
  const lastRow = Math.max(firstRow, Math.min(rows, Math.ceil((top + l.viewportHeight) / l.rowHeight) + overscan));
  return {
    columns,
    rows,
    start: firstRow * columns,
    end: Math.min(l.count, lastRow * columns),
    padTop: firstRow * l.rowHeight,
    padBottom: (rows - lastRow) * l.rowHeight,
  };
}
