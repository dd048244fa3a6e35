export interface ImageSize {
  width: number;
  height: number;
}

/** What one format's structure walk found. */
export interface HeaderInfo {
  /**
   * The largest canvas any part of the file may decode to (a GIF's frames
   * past its screen, an ICO's biggest entry), so a limit checked against it
   * holds for whatever the browser picks. Null when the structure does not say.
   */
  size: ImageSize | null;
  /** The data stops before the format's end (or before the first image's data ends). */
  truncated: boolean;
}

/** The larger of two sizes, side by side; `null` counts as nothing. */
export function union(a: ImageSize | null, width: number, height: number): ImageSize {
  return a ? { width: Math.max(a.width, width), height: Math.max(a.height, height) } : { width, height };
}
