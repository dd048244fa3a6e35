/** Placeholder: plays a dropped video file through the live loop (issue 4 replaces this). */
export async function playVideoFile(file: File): Promise<string | null> {
  return `Video files are not supported yet (${file.name}); drop an image.`;
}
