/** An absolute URL for a file the app serves, under whatever sub-path it is deployed at. */
export function appUrl(path: string): string {
  return new URL(path, new URL(import.meta.env.BASE_URL, document.baseURI)).href;
}
