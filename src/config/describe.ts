/**
 * Describes a received value for a message, including its YAML type, so a
 * quoted "0.5" is visibly a string and not mistaken for the number 0.5.
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing (missing)';
  if (value === null) return 'an empty value (null)';
  if (typeof value === 'string') return `the string ${JSON.stringify(truncate(value))}`;
  if (typeof value === 'number') return Number.isNaN(value) ? '.nan' : String(value);
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

function truncate(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
