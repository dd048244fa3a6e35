import { ALL_FORMATS, BlobSource, Input, type InputVideoTrack, VideoSampleSink, type VideoSample } from 'mediabunny';
import { errorText } from '../util/errors.ts';
import { videoSizeProblem } from './limits.ts';

/** A video refused before analysis; the message starts with the file's name and says what to do. */
export class VideoInputError extends Error {
  override name = 'VideoInputError';
}

/** A demuxed video track, checked and ready to decode frame by frame. */
export interface OpenedVideo {
  name: string;
  width: number;
  height: number;
  /** Average frames per second (from the frames' timestamps). */
  fps: number;
  /** Frames in the track (packets: one frame each for the codecs WebCodecs decodes). */
  frameCount: number;
  durationSeconds: number;
  codec: string;
  /** The frames in presentation order; close each one. Mediabunny decodes a few ahead. */
  samples(): AsyncGenerator<VideoSample, void, unknown>;
  /** Stops decoding and frees the decoder; pending reads reject. */
  dispose(): void;
}

const CONVERT = 'convert it to MP4 (H.264) or WebM (VP8/VP9), which browsers decode';

/**
 * Opens a video file and checks it can be analysed: a container this app
 * reads, a video track the browser can decode, frames within the size
 * limit, at least one frame, and no sign of a cut-short file. Throws a
 * VideoInputError saying which, and what to do.
 */
export async function openVideo(file: Blob, name: string): Promise<OpenedVideo> {
  if (file.size === 0) throw new VideoInputError(`${name} is empty (0 bytes); pick the video file again.`);
  const input = new Input({ source: new BlobSource(file), formats: ALL_FORMATS });
  try {
    return await inspect(input, name);
  } catch (e) {
    input.dispose();
    if (e instanceof VideoInputError) throw e;
    throw new VideoInputError(`${name} could not be read as a video (${errorText(e)}); it may be damaged: ${CONVERT}.`);
  }
}

async function inspect(input: Input, name: string): Promise<OpenedVideo> {
  if (!(await input.canRead())) {
    throw new VideoInputError(
      `${name} is not a video this app can read: its bytes are not MP4, MOV, WebM, MKV or another container it knows (it may be another kind of file with a video's name); ${CONVERT}.`,
    );
  }
  const track = await input.getPrimaryVideoTrack();
  if (!track) {
    throw new VideoInputError(`${name} has no video frames (0 frames: no video track); pick a file with video in it.`);
  }
  // The decoded frames' own orientation: rotation metadata (a phone's portrait clip) is not applied.
  const width = await track.getSquarePixelWidth();
  const height = await track.getSquarePixelHeight();
  const sizeProblem = videoSizeProblem(width, height);
  if (sizeProblem) throw new VideoInputError(`${name} ${sizeProblem}; scale it down (e.g. to 1920x1080) first.`);
  const stats = await track.computePacketStats();
  const declared = await input.getDurationFromMetadata([track]).catch(() => null);
  if (stats.packetCount === 0) {
    const cut =
      declared && declared > 0
        ? ` Its header announces ${declared.toFixed(1)} s of video, so the file is probably cut short.`
        : '';
    throw new VideoInputError(`${name} has 0 frames: there is nothing to analyse.${cut} Pick a video with frames.`);
  }
  const end = await track.computeDuration();
  const fps = stats.averagePacketRate > 0 ? stats.averagePacketRate : stats.packetCount / Math.max(end, 1e-3);
  checkComplete(name, declared, end, fps);
  const codec = await track.getCodec();
  if (!codec || !(await track.canDecode())) {
    const what = codec ? `${codec.toUpperCase()} video` : 'video in a codec this app does not know';
    throw new VideoInputError(`${name} holds ${what}, which this browser cannot decode; ${CONVERT}.`);
  }
  return {
    name,
    width,
    height,
    fps,
    frameCount: stats.packetCount,
    durationSeconds: end,
    codec,
    samples: () => frames(track),
    dispose: () => input.dispose(),
  };
}

/** A file whose frames stop well before the duration its header gives was cut short (an interrupted download or copy). */
function checkComplete(name: string, declared: number | null, end: number, fps: number): void {
  if (!declared || !(declared > 0)) return;
  const slack = Math.max(2 / fps, 0.25);
  if (end < declared - slack) {
    throw new VideoInputError(
      `${name} is cut short (truncated): its header announces ${declared.toFixed(1)} s of video but its frames stop at ${end.toFixed(1)} s; download or copy the whole file again.`,
    );
  }
}

async function* frames(track: InputVideoTrack): AsyncGenerator<VideoSample, void, unknown> {
  yield* new VideoSampleSink(track).samples();
}
