import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import type { ExportChunk } from '../../src/export/index.ts';

/**
 * An export file written as the run goes, under `<name>.partial` until it is
 * complete: a run that stops half-way never leaves a truncated file under
 * the real name (an older complete one stays until it is replaced).
 */
export class OutputFile {
  private readonly fd: number;
  private readonly partial: string;

  constructor(readonly path: string) {
    this.partial = `${path}.partial`;
    this.fd = openSync(this.partial, 'w');
  }

  write(chunks: readonly ExportChunk[]): void {
    for (const c of chunks) {
      if (typeof c === 'string') writeSync(this.fd, c, null, 'utf8');
      else for (let at = 0; at < c.length; ) at += writeSync(this.fd, c, at);
    }
  }

  /** Closes the file and gives it its real name. */
  commit(): void {
    closeSync(this.fd);
    renameSync(this.partial, this.path);
  }

  discard(): void {
    try {
      closeSync(this.fd);
    } catch {}
    rmSync(this.partial, { force: true });
  }
}
