import { describe, expect, it } from 'vitest';
import { analysisFileNames, videoStem } from './export-names.ts';
import { MAX_VIDEO_PIXELS, videoSizeProblem } from './limits.ts';

describe('analysis file names', () => {
  it('are named after the video', () => {
    expect(analysisFileNames('street.webm', 'mp4')).toEqual({
      tracksCsv: 'street.tracks.csv',
      tracksJson: 'street.tracks.json',
      counts: 'street.counts.json',
      annotated: 'street.annotated.mp4',
    });
    expect(analysisFileNames('my.clip.MOV', 'webm').annotated).toBe('my.clip.annotated.webm');
    expect(analysisFileNames('clip', null).annotated).toBeNull();
    expect(videoStem('.hidden')).toBe('.hidden');
  });
});

describe('video frame limits', () => {
  it('take 4K and refuse 8K, saying the limit', () => {
    expect(videoSizeProblem(3840, 2160)).toBeNull();
    expect(videoSizeProblem(4096, 2160)).toBeNull();
    expect(videoSizeProblem(7680, 4320)).toContain('7680x4320');
    expect(videoSizeProblem(7680, 4320)).toContain('limit');
    expect(videoSizeProblem(5000, 200)).not.toBeNull(); // a side over 4096, though few pixels
    expect(videoSizeProblem(0, 576)).not.toBeNull();
    expect(4096 * 2304).toBe(MAX_VIDEO_PIXELS);
  });
});
