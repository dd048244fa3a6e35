/**
 * Describes a received value for a message, including its YAML type, so a
 * quoted "0.5" is visibly a string and not mistaken for the number 0.5.
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing (missing)';
  if (value === null) return 'an empty value (null)';
  if (typeof value === 'string') return `the string ${quoteText(value)}`;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `a list of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (typeof value === 'object') return 'a mapping';
  return typeof value;
}

/** A hint when a string would have been valid without the quotes; we never coerce it ourselves. */
export function unquoteHint(value: unknown, want: 'number' | 'boolean'): string {
  if (typeof value !== 'string') return '';
  const s = value.trim();
  if (want === 'number' && s !== '' && Number.isFinite(Number(s))) return `; remove the quotes: ${s}`;
  if (want === 'boolean' && (s === 'true' || s === 'false')) return `; remove the quotes: ${s}`;
  return '';
}

/** A string quoted for a message, cut to `max` characters: a 200 KB key must not make a 200 KB message. */
export function quoteText(s: string, max = 60): string {
  return JSON.stringify(s.length > max ? `${s.slice(0, max - 3)}...` : s);
}

/** Numbers as YAML spells them, so `.inf` reads as what the user wrote. */
function numberText(n: number): string {
  if (Number.isNaN(n)) return '.nan';
  if (n === Infinity) return '.inf';
  if (n === -Infinity) return '-.inf';
  return String(n);
}
