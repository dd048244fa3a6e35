/** The message of anything thrown, in words: what the status line and notes show. */
export function errorText(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  // Node's fetch hides the network reason in `cause`.
  return e.cause instanceof Error ? `${e.message} (${e.cause.message})` : e.message;
}

/** True for the rejection of work that was superseded or cancelled (an AbortSignal fired). */
export function isAbortError(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError';
}

/** The rejection used for superseded or cancelled work, as `fetch` gives for an aborted request. */
export function abortError(message = 'superseded'): DOMException {
  return new DOMException(message, 'AbortError');
}

/** Throws the signal's abort error if it has fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason instanceof DOMException ? signal.reason : abortError();
}
