/**
 * Registers the service worker (public build only) and makes the page
 * cross-origin isolated on hosts that send no COOP/COEP (GitHub Pages): the
 * SW adds those headers, but only to pages it controls, so the first visit
 * reloads once after the SW takes control. A sessionStorage flag keeps this to
 * one reload per tab session, whatever goes wrong.
 */
import { helloMessage, isHelloReply } from '../sw/messages.ts';
import { setUpdateAvailable } from '../store/update-store.ts';
import { errorText } from '../util/errors.ts';

export type Isolation =
  | { state: 'isolated' }
  /** The page is about to reload; do not start loading models. */
  | { state: 'reloading' }
  | { state: 'single'; reason: string };

const RELOAD_FLAG = 'yolo-coi-reload';
/** How long the first visit waits for the SW before starting single-threaded anyway. */
const CONTROL_TIMEOUT_MS = 30_000;
/** How often an open tab asks whether a new version was deployed (browsers check on navigations only). */
const UPDATE_CHECK_MS = 60 * 60_000;
/** A tab coming back into view checks again if the last check is older than this. */
const UPDATE_RECHECK_ON_SHOW_MS = 10 * 60_000;

let problem: string | null = null;

/** Why the page is not cross-origin isolated (shown with the single-thread note), or null. */
export function isolationProblem(): string | null {
  return problem;
}

function scopeUrl(): URL {
  return new URL(import.meta.env.BASE_URL, document.baseURI);
}

function readFlag(): boolean | null {
  try {
    return sessionStorage.getItem(RELOAD_FLAG) !== null;
  } catch {
    return null; // storage blocked: we could not guard a reload, so never reload
  }
}

function reloadOnce(): boolean {
  if (readFlag() !== false) return false;
  try {
    sessionStorage.setItem(RELOAD_FLAG, String(Date.now()));
  } catch {
    return false;
  }
  location.reload();
  return true;
}

function single(reason: string): Isolation {
  problem = reason;
  return { state: 'single', reason };
}

function unsupportedReason(): string {
  if (location.protocol === 'file:')
    return 'Why: the app was opened from a file:// URL, where service workers cannot run; serve it over http(s).';
  if (!window.isSecureContext)
    return 'Why: service workers need HTTPS (or localhost), so the isolation headers cannot be added.';
  return 'Why: this browser (or its private mode) has no service workers, which the app needs to add the isolation headers on this host.';
}

export async function setupServiceWorker(): Promise<Isolation> {
  // Dev server and `vite preview` send the headers themselves; dev must never cache.
  if (!import.meta.env.PROD)
    return crossOriginIsolated ? { state: 'isolated' } : single('Why: the server sends no COOP/COEP headers.');
  const sw = 'serviceWorker' in navigator ? navigator.serviceWorker : null;
  if (crossOriginIsolated) {
    try {
      sessionStorage.removeItem(RELOAD_FLAG);
    } catch {
      /* storage blocked: nothing to clear */
    }
    // Isolated by the server itself (not our SW): leave it uninstalled so hosts
    // with real headers keep plain HTTP caching and test tools see every request.
    if (sw?.controller) {
      followServiceWorker(sw);
      sw.register(new URL('sw.js', scopeUrl()), { scope: scopeUrl().pathname }).then(checkForUpdates, () => undefined);
    }
    return { state: 'isolated' };
  }
  if (!sw || !window.isSecureContext) return single(unsupportedReason());

  let reg: ServiceWorkerRegistration | undefined;
  try {
    reg = await sw.register(new URL('sw.js', scopeUrl()), { scope: scopeUrl().pathname });
    // Some blockers (and test tools) stub register() out and resolve with nothing.
    if (!reg)
      return single('Why: service workers are blocked in this browser, so the isolation headers cannot be added.');
  } catch (e) {
    return single(`Why: the service worker that adds the isolation headers could not be installed (${errorText(e)}).`);
  }
  if (readFlag() === null)
    return single(
      'Why: site storage is blocked, so the one reload that enables isolation cannot be guarded against loops.',
    );
  if (readFlag()) {
    return single(
      'Why: the page reloaded under the service worker but is still not isolated (the browser may not support COEP via a service worker).',
    );
  }
  // Controlled but not isolated: this load bypassed the SW (e.g. a hard reload), the next one will not.
  if (sw.controller || reg.active)
    return reloadOnce() ? { state: 'reloading' } : single('Why: the page could not reload under its service worker.');

  const installing = reg.installing;
  const controlled = await new Promise<'yes' | 'late' | 'failed'>((resolve) => {
    const timer = setTimeout(() => resolve('late'), CONTROL_TIMEOUT_MS);
    sw.addEventListener(
      'controllerchange',
      () => {
        clearTimeout(timer);
        resolve('yes');
      },
      { once: true },
    );
    // The install is all or nothing (every precached file must arrive): one that failed will not take control.
    installing?.addEventListener('statechange', () => {
      if (installing.state !== 'redundant') return;
      clearTimeout(timer);
      resolve('failed');
    });
  });
  if (controlled === 'failed')
    return single(
      'Why: the service worker could not store the app for offline use (a file failed to download); it tries again on the next visit.',
    );
  if (controlled === 'late')
    return single('Why: the service worker took too long to start; multi-threading will be on from the next visit.');
  return reloadOnce() ? { state: 'reloading' } : single('Why: the page could not reload under its service worker.');
}

/** The entry script of the build this page runs (index.html's module script, a hashed file). */
function entryScript(): string | null {
  return document.querySelector<HTMLScriptElement>('script[type="module"][src]')?.src ?? null;
}

/**
 * Tells the service worker which build this tab runs, so it keeps that
 * build's files (the workers this tab may start later, their chunks, its ORT
 * runtime) cached while the tab is open, even after a deploy.
 */
function sayHello(worker: ServiceWorker | null): void {
  const entry = entryScript();
  if (worker && entry) worker.postMessage(helloMessage(entry));
}

/**
 * A deploy installs a new service worker, which takes over open tabs at once.
 * Each tab tells it which build it runs; one running an older build keeps
 * working (its files stay cached) and is told a new version is there, with a
 * reload button.
 */
function followServiceWorker(sw: ServiceWorkerContainer): void {
  sw.addEventListener('message', (e) => {
    if (!isHelloReply(e.data)) return;
    if (e.data.build === 'outdated') setUpdateAvailable(true);
    if (e.data.build === 'current') setUpdateAvailable(false);
  });
  sw.startMessages();
  sw.addEventListener('controllerchange', () => sayHello(sw.controller));
  // Back from the back/forward cache: the worker may have forgotten this tab meanwhile.
  window.addEventListener('pageshow', (e) => {
    if (e.persisted) sayHello(sw.controller);
  });
  sayHello(sw.controller);
}

/** Browsers look for a new service worker on navigations only; an open tab also asks now and then. */
function checkForUpdates(reg: ServiceWorkerRegistration): void {
  let lastCheck = Date.now();
  const check = () => {
    lastCheck = Date.now();
    reg.update().catch(() => undefined); // offline: try again later
  };
  setInterval(check, UPDATE_CHECK_MS);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && Date.now() - lastCheck > UPDATE_RECHECK_ON_SHOW_MS) check();
  });
}
