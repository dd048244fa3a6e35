/** Edit distance (insert/delete/substitute), used to turn a typo into a "did you mean". */
export function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * The closest allowed key, if it is close enough to be a plausible typo.
 * The cut-off grows with the key's length so `model` is not "corrected" to
 * `model_path` while `conf_treshold` is to `conf_threshold`.
 */
export function suggestKey(typed: string, allowed: readonly string[]): string | undefined {
  const limit = Math.max(2, Math.floor(typed.length / 3));
  let best: { key: string; d: number } | undefined;
  for (const key of allowed) {
    // The distance is at least the length difference: skip the O(n·m) table for keys that cannot be close.
    if (Math.abs(typed.length - key.length) > limit) continue;
    const d = levenshtein(typed.toLowerCase(), key.toLowerCase());
    if (d <= limit && (!best || d < best.d)) best = { key, d };
  }
  return best?.key;
}
