/** An absolute URL for a file the app serves, under whatever sub-path it is deployed at. */
export function appUrl(path: string): string {
  return new URL(path, new URL(import.meta.env.BASE_URL, document.baseURI)).href;
}

/**
 * The folder that serves ORT's runtime files (ort-wasm-*.mjs/.wasm). The build names it by the
 * hash of those files (src/sw/vite-plugin.ts), so a tab never mixes its ORT code with another
 * version's runtime; the dev server serves them from ort/.
 */
export function ortBaseUrl(): string {
  return appUrl(import.meta.env.VITE_ORT_PATH ?? 'ort/');
}
