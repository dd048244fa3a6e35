/** Placeholder: offline cache controls (issue 5) replace this file. */
export function CachePanel() {
  return null;
}
