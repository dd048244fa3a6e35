import { describe, expect, it } from 'vitest';
import { formatIssueLine, formatReport, loadConfigText } from './index.ts';
import { read } from './fixtures/cases.ts';

describe('formatIssueLine', () => {
  it('writes file:line:col path: message', () => {
    expect(formatIssueLine('c.yaml', { path: 'labels[3]', message: 'm', line: 4, col: 7 })).toBe(
      'c.yaml:4:7 labels[3]: m',
    );
    expect(formatIssueLine('c.yaml', { path: '', message: 'm' })).toBe('c.yaml:1:1 (file): m');
  });
});

describe('formatReport', () => {
  it('says a v1 config is legacy and lists the defaults applied', () => {
    const result = loadConfigText(read('v1-minimal.yaml'), { id: 'old' });
    if (!result.ok) throw new Error('expected success');
    const lines = formatReport(result.config, result.report);
    expect(lines[0]).toBe('schema v1 (legacy), defaults applied: conf_threshold = 0.25, iou_threshold = 0.45');
    expect(lines.join('\n')).toMatch('640x640');
  });

  it('says "none" when nothing was defaulted', () => {
    const result = loadConfigText(read('v2-full.yaml'), { id: 'full' });
    if (!result.ok) throw new Error('expected success');
    expect(formatReport(result.config, result.report)[0]).toBe('schema v2, defaults applied: none');
  });
});
