import { create } from 'zustand';

/**
 * The detection under the pointer or keyboard focus, in the list or on the
 * canvas. It is tied to the detections array it indexes: a slider move or a
 * new image makes a new array, and an index into the old one means nothing,
 * so it reads as "none" without anyone having to clear it.
 */
interface HighlightState {
  index: number | null;
  of: readonly unknown[] | null;
}

export const useHighlightStore = create<HighlightState>()(() => ({ index: null, of: null }));

export function setHighlight(of: readonly unknown[], index: number | null): void {
  const s = useHighlightStore.getState();
  // Pointer moves call this at every pixel; most change nothing.
  if (s.index === index && (index === null || s.of === of)) return;
  useHighlightStore.setState({ index, of: index === null ? null : of });
}

/**
 * Clears the highlight only if it is still `index`: moving from one row to
 * the next fires "enter" on the new row before "leave" on the old one may be
 * handled, and that late leave must not clear the new row's highlight.
 */
export function releaseHighlight(of: readonly unknown[], index: number): void {
  const s = useHighlightStore.getState();
  if (s.of === of && s.index === index) useHighlightStore.setState({ index: null, of: null });
}

export function highlightedIn(state: HighlightState, of: readonly unknown[]): number | null {
  return state.of === of && state.index !== null && state.index < of.length ? state.index : null;
}

/** The highlighted index into `detections`, or null. */
export function useHighlighted(detections: readonly unknown[]): number | null {
  return useHighlightStore((s) => highlightedIn(s, detections));
}
