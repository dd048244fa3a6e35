import { type Browser, type BrowserContext, test as base } from '@playwright/test';

export { expect } from '@playwright/test';
export type { Page } from '@playwright/test';

/**
 * `test` for the specs on the test build: each test gets a fresh page, but in
 * a browser context shared by the tests of one worker. A new context starts
 * with empty HTTP and code caches, so every test paid for compiling ORT's
 * WebAssembly again and downloading the model: about 2 s of CPU per test, over
 * half of opening the app. Between tests the context's pages are closed and
 * its site data wiped (localStorage, Cache Storage, IndexedDB, service
 * workers, cookies, permissions), so each test still starts as a first visit;
 * only the browser's caches stay warm. Routes and init scripts are the page's
 * own and close with it. A test that closes the context gets a new one.
 */
export const test = base.extend<object, { sharedContext: { get(): Promise<BrowserContext> } }>({
  sharedContext: [
    async ({ browser }, use, workerInfo) => {
      const { baseURL, acceptDownloads } = workerInfo.project.use;
      let current: BrowserContext | null = null;
      const open = async (b: Browser) => {
        const ctx = await b.newContext({ baseURL, acceptDownloads: acceptDownloads ?? true });
        ctx.on('close', () => {
          if (current === ctx) current = null;
        });
        return ctx;
      };
      await use({
        async get() {
          current ??= await open(browser);
          return current;
        },
      });
      await (current as BrowserContext | null)?.close().catch(() => undefined);
    },
    { scope: 'worker' },
  ],
  context: async ({ sharedContext, baseURL }, use) => {
    const context = await sharedContext.get();
    await wipe(context, baseURL);
    await use(context);
    await Promise.all(context.pages().map((p) => p.close().catch(() => undefined)));
  },
});

/** Closes every page and clears what a site can store, on the app's origin, without loading the app. */
async function wipe(context: BrowserContext, baseURL: string | undefined): Promise<void> {
  await Promise.all(context.pages().map((p) => p.close().catch(() => undefined)));
  await context.clearCookies();
  await context.clearPermissions();
  if (!baseURL) return;
  const page = await context.newPage();
  try {
    // An empty document on the origin: enough to reach its storage, and the app's files are not fetched.
    await page.route('**/*', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html>' }));
    await page.goto(baseURL);
    await page.evaluate(async () => {
      localStorage.clear();
      sessionStorage.clear();
      for (const name of await caches.keys()) await caches.delete(name);
      for (const reg of await navigator.serviceWorker.getRegistrations()) await reg.unregister();
      for (const db of await indexedDB.databases()) if (db.name) indexedDB.deleteDatabase(db.name);
    });
  } finally {
    await page.close();
  }
}
