/** One step of a path into a config document: a mapping key or a list index. */
export type PathSegment = string | number;

/**
 * Writes a path the way users read it in messages: `postprocess.confidence`,
 * `labels[3]`, '' for the whole document.
 */
export function formatPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else out += out === '' ? s : `.${s}`;
  }
  return out;
}
