/**
 * What a page tells its service worker. Shared by the page (src/app/register-sw.ts)
 * and the service worker (sw.ts), so both spell it the same way.
 */

/** "This tab runs the build whose entry script is `entry`": the SW keeps that build's files while the tab is open. */
export interface HelloMessage {
  type: 'yolo-hello';
  entry: string;
}

export const HELLO = 'yolo-hello';

export function helloMessage(entry: string): HelloMessage {
  return { type: HELLO, entry };
}

/** Longest entry URL accepted: a real one is well under 1 KB. */
const MAX_ENTRY_LENGTH = 2048;

export function isHelloMessage(data: unknown): data is HelloMessage {
  if (typeof data !== 'object' || data === null) return false;
  const d = data as Record<string, unknown>;
  return d['type'] === HELLO && typeof d['entry'] === 'string' && d['entry'].length <= MAX_ENTRY_LENGTH;
}
