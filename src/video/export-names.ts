/** `street.webm` → `street`; a name without an extension stays as it is. */
export function videoStem(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() || 'video';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

/** The names of an analysis's files, from the video's name: `<video>.tracks.csv` and so on. */
export function analysisFileNames(
  videoName: string,
  annotatedExtension: 'mp4' | 'webm' | null,
): { tracksCsv: string; tracksJson: string; counts: string; annotated: string | null } {
  const stem = videoStem(videoName);
  return {
    tracksCsv: `${stem}.tracks.csv`,
    tracksJson: `${stem}.tracks.json`,
    counts: `${stem}.counts.json`,
    annotated: annotatedExtension ? `${stem}.annotated.${annotatedExtension}` : null,
  };
}
