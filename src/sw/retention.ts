/**
 * Which files of which app versions the service worker keeps. A deploy
 * replaces every hashed file on the server, but a tab opened before it still
 * runs the old build: its inference and parse workers, their lazily imported
 * chunks and its ORT runtime are started again later (a backend change, a
 * crash, a cancel, the first image) and must still be found. So a version's
 * files stay cached while any open tab runs that version, and go once none
 * does. Pure: the service worker gathers the records and applies the plan.
 */
import { CACHE_PREFIX, CURRENT_CACHES } from './cache-names.ts';
import type { BuildStatus } from './messages.ts';

/** One installed build: its precache keys and the folder of its ORT runtime. */
export interface VersionRecord {
  id: string;
  /** Precache cache keys (absolute URLs; index.html carries its revision). */
  urls: string[];
  /** ORT runtime folder relative to the scope, e.g. `ort/1a2b3c4d5e6f/`. */
  ortPath: string;
  installedAt: number;
}

/** What a tab said about itself: the entry script of the build it runs. */
export interface ClientRecord {
  clientId: string;
  entry: string;
}

/** A newer version's record may exist before it activates (it is written first, then its files are cached). */
export const PENDING_INSTALL_MS = 60 * 60 * 1000;

export interface RetentionPlan {
  /**
   * False when an open tab runs a build we cannot name (it has not said which
   * yet, or it predates this bookkeeping): then nothing is deleted this time.
   */
  safe: boolean;
  keepVersions: string[];
  dropVersions: string[];
  /** Records of tabs that are gone. Always safe to drop. */
  dropClients: string[];
}

export function planRetention(input: {
  current: VersionRecord;
  versions: readonly VersionRecord[];
  clients: readonly ClientRecord[];
  /** Window clients this service worker controls now. */
  liveClientIds: readonly string[];
  now: number;
}): RetentionPlan {
  const live = new Set(input.liveClientIds);
  const recordOf = new Map(input.clients.map((c) => [c.clientId, c]));
  const keep = new Set<string>([input.current.id]);
  let safe = true;
  for (const id of live) {
    const entry = recordOf.get(id)?.entry;
    const version = entry === undefined ? undefined : input.versions.find((v) => v.urls.includes(entry));
    if (version) keep.add(version.id);
    else safe = false;
  }
  for (const v of input.versions) {
    const newer = v.installedAt > input.current.installedAt && input.now - v.installedAt < PENDING_INSTALL_MS;
    if (newer) keep.add(v.id);
  }
  return {
    safe,
    keepVersions: [...keep].sort(),
    dropVersions: input.versions
      .map((v) => v.id)
      .filter((id) => !keep.has(id))
      .sort(),
    dropClients: input.clients
      .map((c) => c.clientId)
      .filter((id) => !live.has(id))
      .sort(),
  };
}

export interface Deletions {
  /** Shell (precache) keys no kept version lists. */
  shell: string[];
  /** ORT runtime files in the data cache outside every kept version's ORT folder. */
  data: string[];
  /** Caches of older releases (names with our prefix that are not in use now). */
  caches: string[];
}

/** What to delete, given the plan. Nothing when the plan is not safe. */
export function deletionsFor(
  plan: RetentionPlan,
  versions: readonly VersionRecord[],
  current: VersionRecord,
  existing: { shellKeys: readonly string[]; dataKeys: readonly string[]; cacheNames: readonly string[]; scope: string },
): Deletions {
  if (!plan.safe) return { shell: [], data: [], caches: [] };
  const kept = [current, ...versions.filter((v) => v.id !== current.id && plan.keepVersions.includes(v.id))];
  const keepUrls = new Set(kept.flatMap((v) => v.urls));
  const ortPaths = kept.map((v) => v.ortPath);
  const rel = (url: string) => (url.startsWith(existing.scope) ? url.slice(existing.scope.length) : null);
  return {
    shell: existing.shellKeys.filter((k) => !keepUrls.has(k)),
    data: existing.dataKeys.filter((k) => {
      const path = rel(k);
      return path?.startsWith('ort/') === true && !ortPaths.some((p) => path.startsWith(p));
    }),
    caches: existing.cacheNames.filter((n) => n.startsWith(CACHE_PREFIX) && !CURRENT_CACHES.includes(n)),
  };
}

/** Which build a tab runs, relative to the active worker's: only an older one is offered a reload. */
export function buildStatus(entry: string, current: VersionRecord, versions: readonly VersionRecord[]): BuildStatus {
  if (current.urls.includes(entry)) return 'current';
  const runs = versions.find((v) => v.urls.includes(entry));
  return runs && runs.installedAt < current.installedAt ? 'outdated' : 'unknown';
}
