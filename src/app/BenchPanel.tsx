/** Placeholder: the benchmark panel (issue 7) replaces this file. */
export function BenchPanel() {
  return null;
}
