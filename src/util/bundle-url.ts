/**
 * Where a bundle's file really is once a URL parser has read its name. The
 * check is on the resolved URL, not the raw string: the parser itself turns
 * `%2e%2e/` into `../`, so only the resolved path says whether it stays inside.
 */
export function urlInsideFolder(folder: string | URL, file: string): URL | null {
  const base = new URL(folder);
  if (!base.pathname.endsWith('/')) throw new Error(`urlInsideFolder: ${base.href} is not a folder URL`);
  let url: URL;
  try {
    url = new URL(file, base);
  } catch {
    return null;
  }
  if (url.origin !== base.origin || url.search !== '' || url.hash !== '') return null;
  if (!url.pathname.startsWith(base.pathname) || url.pathname === base.pathname) return null;
  return url;
}
