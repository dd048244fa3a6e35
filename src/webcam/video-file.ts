import { playVideo } from './live-session';

/** A dropped or picked video runs through the live loop; returns an error message or null. */
export function playVideoFile(file: File): Promise<string | null> {
  return playVideo(file);
}
