import type { Detection } from './detections.ts';

export interface ClassCount {
  classId: number;
  label: string;
  count: number;
}

/** Detections counted per class, most frequent first; equal counts in class order (the model's class ids). */
export function countByClass(detections: readonly Detection[]): ClassCount[] {
  const byClass = new Map<number, ClassCount>();
  for (const d of detections) {
    const c = byClass.get(d.classId);
    if (c) c.count++;
    else byClass.set(d.classId, { classId: d.classId, label: d.label, count: 1 });
  }
  return [...byClass.values()].sort((a, b) => b.count - a.count || a.classId - b.classId);
}

/** "9 person · 1 sports ball": what was found, at a glance. Empty when nothing was. */
export function summaryText(counts: readonly ClassCount[]): string {
  return counts.map((c) => `${c.count} ${c.label}`).join(' · ');
}
