/**
 * The service worker's cache of models, configs, schemas and the ORT runtime.
 * Not versioned: models survive deploys and are revalidated on every use. The
 * app reads it (Offline cache panel); vite-plugin.ts writes it into sw.js.
 */
export const DATA_CACHE = 'yolo-data';
