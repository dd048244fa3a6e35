import { describe, expect, it } from 'vitest';
import { capLines, MAX_SHOWN_LINES } from './lists.ts';

describe('capLines', () => {
  it('keeps short lists as they are', () => {
    expect(capLines(['a', 'b'])).toEqual(['a', 'b']);
    const exact = Array.from({ length: MAX_SHOWN_LINES }, (_, i) => `l${i}`);
    expect(capLines(exact)).toEqual(exact);
  });

  it('shows the first 20 and says how many more', () => {
    const many = Array.from({ length: 25_000 }, (_, i) => `l${i}`);
    const shown = capLines(many);
    expect(shown).toHaveLength(21);
    expect(shown[0]).toBe('l0');
    expect(shown[19]).toBe('l19');
    expect(shown[20]).toBe('… and 24980 more');
  });
});
