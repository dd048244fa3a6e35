/**
 * Lists shown to people are capped: a hostile config can have tens of
 * thousands of problems, and thousands of lines help nobody while rendering
 * them freezes the page. (Items quoted inside one message: `listText` in text.ts.)
 */

/** Lines of a problem list (config errors, load report, status line). */
export const MAX_SHOWN_LINES = 20;

/** The first `max` lines, then "… and N more" when there were more. */
export function capLines(lines: readonly string[], max = MAX_SHOWN_LINES): string[] {
  if (lines.length <= max) return [...lines];
  return [...lines.slice(0, max), `… and ${lines.length - max} more`];
}
