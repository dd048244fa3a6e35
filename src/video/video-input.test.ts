import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { describeShared, sharedFile } from '../test-support/shared.ts';
import { notAVideo, truncatedCopy, withDeclaredSize, zeroFrameCopy } from '../test-support/video-fixtures.ts';
import { openVideo } from './video-input.ts';

/**
 * The refusals on real bytes (mediabunny demuxes in Node too). Node has no
 * WebCodecs decoder, so a good file ends at the decoder check here: that it
 * gets that far shows it passed every check before it; the browser e2e
 * (e2e/video-analysis.spec.ts) analyses it.
 */
describeShared('openVideo refuses what cannot be analysed, saying why', () => {
  const street = new Uint8Array(readFileSync(sharedFile('video/street.webm')));
  const open = (bytes: Uint8Array, name: string) => openVideo(new Blob([bytes as BlobPart]), name);

  it('an empty file', async () => {
    await expect(open(new Uint8Array(0), 'empty.webm')).rejects.toThrow('empty.webm is empty (0 bytes)');
  });

  it('bytes that are not a video, with a video name', async () => {
    await expect(open(notAVideo(), 'notes.webm')).rejects.toThrow(
      /notes\.webm is not a video this app can read.*convert it to MP4 \(H\.264\) or WebM/,
    );
  });

  it('a file cut short', async () => {
    await expect(open(truncatedCopy(street, 0.6), 'cut.webm')).rejects.toThrow(
      /cut\.webm is cut short \(truncated\): its header announces 10\.0 s of video but its frames stop at \d\.\d s/,
    );
  });

  it('a file with no frames', async () => {
    await expect(open(zeroFrameCopy(street), 'empty-track.webm')).rejects.toThrow(
      'empty-track.webm has 0 frames: there is nothing to analyse.',
    );
  });

  it('an 8K video, over the frame size limit', async () => {
    await expect(open(withDeclaredSize(street, 7680, 4320), 'big.webm')).rejects.toThrow(
      /big\.webm has 7680x4320 frames \(33 MP\), over this app's video limit/,
    );
  });

  it('the good file passes every check up to the decoder', async () => {
    await expect(open(street, 'street.webm')).rejects.toThrow(
      'street.webm holds VP9 video, which this browser cannot decode',
    );
  });
});
