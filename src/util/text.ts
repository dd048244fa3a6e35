/**
 * Outside text (file names, labels, runtime messages) shown on screen: control
 * characters would draw as boxes or break a line, and bidirectional controls
 * (an RTL override in "gpj.exe‮") would reorder what the user reads. Each is
 * shown as a visible `\uXXXX` escape instead. Downloads keep the exact text.
 */
export function displayText(text: string): string {
  let out = '';
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!isInvisibleControl(c)) continue;
    out += `${text.slice(last, i)}\\u${c.toString(16).padStart(4, '0')}`;
    last = i + 1;
  }
  return last === 0 ? text : out + text.slice(last);
}

function isInvisibleControl(c: number): boolean {
  return (
    c <= 0x1f ||
    (c >= 0x7f && c <= 0x9f) ||
    c === 0x061c || // Arabic letter mark
    c === 0x200e ||
    c === 0x200f || // LRM, RLM
    c === 0x2028 ||
    c === 0x2029 || // line and paragraph separators
    (c >= 0x202a && c <= 0x202e) || // embeddings and overrides
    (c >= 0x2066 && c <= 0x2069) // isolates
  );
}

/**
 * A list quoted in a message, capped: the first `max` items, then "… and N
 * more", so a drop of ten thousand files cannot make a megabyte status line.
 */
export function listText(items: readonly string[], max = 10): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')}, … and ${items.length - max} more`;
}
