import {
  BufferTarget,
  CanvasSource,
  canEncodeVideo,
  Mp4OutputFormat,
  Output,
  QUALITY_HIGH,
  type VideoCodec,
  WebMOutputFormat,
} from 'mediabunny';

export interface AnnotatedFormat {
  codec: Extract<VideoCodec, 'avc' | 'vp9' | 'vp8'>;
  extension: 'mp4' | 'webm';
  mimeType: string;
}

/** H.264 in MP4 plays everywhere; VP9, then VP8, in WebM where the browser cannot encode H.264. */
const PREFERENCE: AnnotatedFormat[] = [
  { codec: 'avc', extension: 'mp4', mimeType: 'video/mp4' },
  { codec: 'vp9', extension: 'webm', mimeType: 'video/webm' },
  { codec: 'vp8', extension: 'webm', mimeType: 'video/webm' },
];

/** The first format the browser's WebCodecs can encode at this size; null when none. */
export async function chooseAnnotatedFormat(width: number, height: number): Promise<AnnotatedFormat | null> {
  for (const f of PREFERENCE) {
    if (await canEncodeVideo(f.codec, { width, height, quality: QUALITY_HIGH }).catch(() => false)) return f;
  }
  return null;
}

/**
 * Encodes the annotated frames drawn on `canvas` into a file in memory, with
 * WebCodecs through mediabunny. `add` captures the canvas at once (it can be
 * drawn over straight after) and resolves when the encoder can take more, so
 * encoding runs while the model works on the next frames.
 */
export class AnnotatedEncoder {
  private constructor(
    readonly format: AnnotatedFormat,
    private readonly output: Output<Mp4OutputFormat | WebMOutputFormat, BufferTarget>,
    private readonly source: CanvasSource,
  ) {}

  static async create(canvas: OffscreenCanvas, format: AnnotatedFormat, frameRate: number): Promise<AnnotatedEncoder> {
    const output = new Output({
      format: format.extension === 'mp4' ? new Mp4OutputFormat() : new WebMOutputFormat(),
      target: new BufferTarget(),
    });
    const source = new CanvasSource(canvas, { codec: format.codec, bitrate: QUALITY_HIGH });
    output.addVideoTrack(source, { frameRate });
    await output.start();
    return new AnnotatedEncoder(format, output, source);
  }

  /** Adds the canvas as it is now, shown from `timestamp` for `duration` seconds. */
  add(timestamp: number, duration: number): Promise<void> {
    return this.source.add(timestamp, duration);
  }

  async finish(): Promise<Blob> {
    await this.output.finalize();
    const bytes = this.output.target.buffer;
    if (!bytes) throw new Error('the encoder wrote no bytes');
    return new Blob([bytes], { type: this.format.mimeType });
  }

  cancel(): void {
    if (this.output.state === 'started' || this.output.state === 'pending')
      void this.output.cancel().catch(() => undefined);
  }
}
