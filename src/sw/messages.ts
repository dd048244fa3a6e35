/**
 * What a page and its service worker tell each other. Shared by the page
 * (src/app/register-sw.ts) and the service worker (sw.ts), so both spell it
 * the same way.
 */

/** Page → worker: "this tab runs the build whose entry script is `entry`"; the worker keeps that build's files while the tab is open. */
export interface HelloMessage {
  type: 'yolo-hello';
  entry: string;
}

/**
 * Worker → page, in answer: whether the tab runs the worker's own build
 * (`current`), an older one that a deploy replaced (`outdated`: offer a
 * reload), or one it has no record of (`unknown`, e.g. a page newer than the
 * worker, whose own worker is still installing).
 */
export interface HelloReply {
  type: 'yolo-hello-reply';
  build: BuildStatus;
}

export type BuildStatus = 'current' | 'outdated' | 'unknown';

export const HELLO = 'yolo-hello';
const HELLO_REPLY = 'yolo-hello-reply';

export function helloMessage(entry: string): HelloMessage {
  return { type: HELLO, entry };
}

export function helloReply(build: BuildStatus): HelloReply {
  return { type: HELLO_REPLY, build };
}

/** Longest entry URL accepted: a real one is well under 1 KB. */
const MAX_ENTRY_LENGTH = 2048;

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;

export function isHelloMessage(data: unknown): data is HelloMessage {
  return (
    isRecord(data) &&
    data['type'] === HELLO &&
    typeof data['entry'] === 'string' &&
    data['entry'].length <= MAX_ENTRY_LENGTH
  );
}

export function isHelloReply(data: unknown): data is HelloReply {
  return (
    isRecord(data) &&
    data['type'] === HELLO_REPLY &&
    (data['build'] === 'current' || data['build'] === 'outdated' || data['build'] === 'unknown')
  );
}
