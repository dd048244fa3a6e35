import type { LineCountRow } from '../store/video-analysis-store.ts';
import { displayText } from '../util/text.ts';
import './count-line.css';

/** Counts across the line per class and direction, with the totals first. */
export function LineCountsTable({
  totals,
  counts,
  testId,
}: {
  totals: { in: number; out: number };
  counts: readonly LineCountRow[];
  testId: string;
}) {
  return (
    <table className="line-counts" data-testid={testId} data-in={totals.in} data-out={totals.out}>
      <caption className="visually-hidden">Crossings of the counting line</caption>
      <thead>
        <tr>
          <th scope="col">Class</th>
          <th scope="col">In</th>
          <th scope="col">Out</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">All</th>
          <td>{totals.in}</td>
          <td>{totals.out}</td>
        </tr>
        {counts.map((c) => (
          <tr key={c.classId} data-testid={`${testId}-row`} data-label={c.label} data-in={c.in} data-out={c.out}>
            <th scope="row">{displayText(c.label)}</th>
            <td>{c.in}</td>
            <td>{c.out}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
