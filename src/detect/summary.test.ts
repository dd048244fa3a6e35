import { describe, expect, it } from 'vitest';
import type { Detection } from './detections.ts';
import { countByClass, summaryText } from './summary.ts';

const det = (classId: number, label: string, score = 0.5): Detection => ({
  x1: 0,
  y1: 0,
  x2: 10,
  y2: 10,
  score,
  classId,
  label,
});

describe('countByClass and summaryText', () => {
  it('counts per label, most frequent first', () => {
    const dets = [det(32, 'sports ball', 0.9), ...Array.from({ length: 9 }, () => det(0, 'person'))];
    expect(summaryText(countByClass(dets))).toBe('9 person · 1 sports ball');
  });

  it('breaks ties by class order, not by score or list order', () => {
    const dets = [det(27, 'tie', 0.9), det(5, 'bus', 0.2), det(0, 'person', 0.3), det(27, 'tie'), det(5, 'bus')];
    expect(countByClass(dets).map((c) => c.label)).toEqual(['bus', 'tie', 'person']);
    expect(summaryText(countByClass(dets))).toBe('2 bus · 2 tie · 1 person');
  });

  it('is empty for no detections', () => {
    expect(summaryText(countByClass([]))).toBe('');
  });
});
