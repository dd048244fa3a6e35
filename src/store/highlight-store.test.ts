import { beforeEach, describe, expect, it } from 'vitest';
import { highlightedIn, releaseHighlight, setHighlight, useHighlightStore } from './highlight-store.ts';

const current = (of: readonly unknown[]) => highlightedIn(useHighlightStore.getState(), of);

describe('highlight store', () => {
  beforeEach(() => useHighlightStore.setState({ index: null, of: null }));

  it('holds one index into one detections array', () => {
    const dets = ['a', 'b', 'c'];
    setHighlight(dets, 2);
    expect(current(dets)).toBe(2);
    setHighlight(dets, null);
    expect(current(dets)).toBeNull();
  });

  it('reads as none for a newer detections array (a slider moved, a new image came)', () => {
    const before = ['a', 'b', 'c'];
    setHighlight(before, 1);
    expect(current(['a', 'b', 'c'])).toBeNull();
  });

  it('a late "leave" from the previous row does not clear the row entered since', () => {
    const dets = ['a', 'b', 'c'];
    setHighlight(dets, 0);
    setHighlight(dets, 1);
    releaseHighlight(dets, 0);
    expect(current(dets)).toBe(1);
    releaseHighlight(dets, 1);
    expect(current(dets)).toBeNull();
  });
});
