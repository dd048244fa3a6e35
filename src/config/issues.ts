/** Converts validation issues to ConfigIssues with a path string and a YAML position. */
import type * as v from 'valibot';
import type { ConfigIssue } from './runtime-config.ts';
import { formatPath, type PathSegment } from './paths.ts';
import { locate, type YamlSource } from './yaml-source.ts';

/** An issue before positioning: path as segments, so it can be looked up in the YAML tree. */
export interface RawIssue {
  path: PathSegment[];
  message: string;
  /** Point at the key rather than the value (unknown keys). */
  atKey?: boolean;
}

export function fromValibot(issues: readonly v.BaseIssue<unknown>[], prefix = ''): RawIssue[] {
  return issues.map((issue) => ({
    path: (issue.path ?? []).map((item) => item.key as PathSegment),
    message: prefix + issue.message,
    // Only strictMapping's key check reports `expected: never` (an unknown key).
    atKey: issue.expected === 'never',
  }));
}

export function positioned(source: YamlSource, issue: RawIssue): ConfigIssue {
  const at = locate(source, issue.path, { atKey: issue.atKey ?? false });
  return { path: formatPath(issue.path), message: issue.message, line: at.line, col: at.col };
}
