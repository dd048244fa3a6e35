import { create } from 'zustand';

/**
 * Which classes the user has chosen to see. One filter for the whole app: the
 * single-image list and drawing, the live view, a video analysis, a batch and
 * every export read it, so what is downloaded is what is shown. Empty
 * `hidden` means every class is shown; it is keyed by class id, which stays
 * meaningful across images of one bundle, and cleared when the bundle changes
 * (ids of another bundle's labels mean other classes).
 */
interface ClassFilterState {
  hidden: ReadonlySet<number>;
  /** The bundle the ids belong to; a different bundle clears the filter. */
  bundleId: string | null;
}

export const useClassFilter = create<ClassFilterState>()(() => ({ hidden: new Set<number>(), bundleId: null }));

export function toggleClass(classId: number): void {
  const hidden = new Set(useClassFilter.getState().hidden);
  if (hidden.has(classId)) hidden.delete(classId);
  else hidden.add(classId);
  useClassFilter.setState({ hidden });
}

/** Shows only `classIds` (of `allClassIds`, the classes on offer). */
export function showOnly(classIds: readonly number[], allClassIds: readonly number[]): void {
  const keep = new Set(classIds);
  useClassFilter.setState({ hidden: new Set(allClassIds.filter((id) => !keep.has(id))) });
}

export function showAllClasses(): void {
  if (useClassFilter.getState().hidden.size > 0) useClassFilter.setState({ hidden: new Set() });
}

/** Called when a bundle becomes the one in use. */
export function resetClassFilterFor(bundleId: string): void {
  if (useClassFilter.getState().bundleId !== bundleId) useClassFilter.setState({ hidden: new Set(), bundleId });
}

/** Whether a detection of `classId` passes the filter. */
export function classShown(hidden: ReadonlySet<number>, classId: number): boolean {
  return !hidden.has(classId);
}

/** The items whose class passes; the same array when nothing is hidden (memoised selectors stay stable). */
export function filterByClass<T extends { classId: number }>(
  items: readonly T[],
  hidden: ReadonlySet<number>,
): readonly T[] {
  return hidden.size === 0 ? items : items.filter((d) => !hidden.has(d.classId));
}
