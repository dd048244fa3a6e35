/**
 * Fetches a file as bytes, reporting progress (bytes of total) as it streams in.
 * A file over `maxBytes` is refused as soon as that is known (its
 * content-length, or the bytes received), never read to the end. When the
 * length is known the bytes land in one buffer as they arrive: the download
 * never holds a second copy of the file.
 */
export async function fetchBytes(
  url: string,
  onProgress: (loaded: number, total: number | null) => void,
  signal?: AbortSignal,
  maxBytes = Number.POSITIVE_INFINITY,
): Promise<Uint8Array> {
  const res = await fetch(url, { signal });
  if (!res.ok) throw new HttpError(url, res.status);
  const header = Number(res.headers.get('content-length'));
  const total = Number.isFinite(header) && header > 0 ? header : null;
  // A compressed transfer's content-length counts encoded bytes; only an identity one sizes the buffer.
  const encoding = res.headers.get('content-encoding');
  const exact = total !== null && (encoding === null || encoding === 'identity') ? total : null;
  if (exact !== null && exact > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw new TooLargeError(url, exact, maxBytes);
  }
  if (!res.body) {
    const buf = new Uint8Array(await res.arrayBuffer());
    if (buf.length > maxBytes) throw new TooLargeError(url, buf.length, maxBytes);
    onProgress(buf.length, total);
    return buf;
  }
  const reader = res.body.getReader();
  let out = new Uint8Array(exact ?? 64 * 1024);
  let loaded = 0;
  onProgress(0, total);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (loaded + value.length > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new TooLargeError(url, loaded + value.length, maxBytes);
    }
    if (loaded + value.length > out.length) {
      // Unknown or wrong length: grow by doubling (amortised linear).
      const grown = new Uint8Array(Math.min(Math.max(out.length * 2, loaded + value.length), maxBytes));
      grown.set(out.subarray(0, loaded));
      out = grown;
    }
    out.set(value, loaded);
    loaded += value.length;
    // Past a compressed transfer's content-length, the total is unknown.
    onProgress(loaded, total !== null && loaded > total ? null : total);
  }
  // Exactly sized: hand over the buffer itself (it can then be moved between threads, not copied).
  return loaded === out.length ? out : out.slice(0, loaded);
}

export class HttpError extends Error {
  constructor(
    readonly url: string,
    readonly status: number,
  ) {
    super(`${url} answered HTTP ${status}`);
    this.name = 'HttpError';
  }
}

export class TooLargeError extends Error {
  constructor(url: string, bytes: number, limit: number) {
    super(`${url.split('/').pop()} is at least ${bytes} bytes, over the ${limit} byte limit for this file`);
    this.name = 'TooLargeError';
  }
}

export async function fetchText(url: string, signal?: AbortSignal): Promise<string> {
  const res = await fetch(url, { signal });
  if (!res.ok) throw new HttpError(url, res.status);
  return res.text();
}
