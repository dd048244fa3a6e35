import { describe, expect, it } from 'vitest';
import { displayText, listText } from './text.ts';

describe('displayText', () => {
  it('escapes control and bidirectional characters, leaves other text (HTML included) as it is', () => {
    expect(displayText('bus.jpg')).toBe('bus.jpg');
    expect(displayText('<b>x</b>\u202Egpj.exe')).toBe('<b>x</b>\\u202egpj.exe');
    expect(displayText('a\nb\tc\u0007\u2066\u2028')).toBe('a\\u000ab\\u0009c\\u0007\\u2066\\u2028');
    expect(displayText('été 日本')).toBe('été 日本');
  });
});

describe('listText', () => {
  it('all items up to the cap, then a count of the rest', () => {
    expect(listText(['a', 'b'])).toBe('a, b');
    expect(
      listText(
        Array.from({ length: 10_000 }, (_, i) => `f${i}`),
        3,
      ),
    ).toBe('f0, f1, f2, … and 9997 more');
  });
});
