/**
 * Every Cache Storage name the app and its service worker use: the one place
 * for them. sw.ts is built from this module and the app imports it (the
 * Offline cache panel reads DATA_CACHE), so the two can never disagree.
 */

/** Models, configs, schemas and the ORT runtime. Survives deploys: models are revalidated on every use, ORT files are content-addressed. */
export const DATA_CACHE = 'yolo-data';

/**
 * The precache of the app shell (index.html and the hashed `assets/`) of every
 * version some open tab still runs, so an old tab's lazily started workers
 * and chunks are found after a deploy removed them from the server.
 */
export const SHELL_CACHE = 'yolo-shell';

/** The service worker's bookkeeping: which versions are installed and which tab runs which. */
export const META_CACHE = 'yolo-sw-meta';

/** Every cache of this app starts with this; others with it are leftovers of older releases. */
export const CACHE_PREFIX = 'yolo-';

export const CURRENT_CACHES: readonly string[] = [DATA_CACHE, SHELL_CACHE, META_CACHE];
