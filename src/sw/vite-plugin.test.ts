import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ortRuntimeHash } from './vite-plugin.ts';

describe('ortRuntimeHash', () => {
  it('names the ORT folder by its files: same files, same name; any changed byte or name, another', () => {
    const dir = () => mkdtempSync(join(tmpdir(), 'ort-'));
    const a = dir();
    writeFileSync(join(a, 'ort-wasm-simd-threaded.mjs'), 'glue v1');
    writeFileSync(join(a, 'ort-wasm-simd-threaded.wasm'), 'wasm v1');
    const same = dir();
    writeFileSync(join(same, 'ort-wasm-simd-threaded.wasm'), 'wasm v1');
    writeFileSync(join(same, 'ort-wasm-simd-threaded.mjs'), 'glue v1');
    const changed = dir();
    writeFileSync(join(changed, 'ort-wasm-simd-threaded.mjs'), 'glue v1');
    writeFileSync(join(changed, 'ort-wasm-simd-threaded.wasm'), 'wasm v2');
    const renamed = dir();
    writeFileSync(join(renamed, 'ort-wasm-simd-threaded.jsep.mjs'), 'glue v1');
    writeFileSync(join(renamed, 'ort-wasm-simd-threaded.wasm'), 'wasm v1');

    expect(ortRuntimeHash(a)).toMatch(/^[0-9a-f]{12}$/);
    expect(ortRuntimeHash(same)).toBe(ortRuntimeHash(a));
    expect(ortRuntimeHash(changed)).not.toBe(ortRuntimeHash(a));
    expect(ortRuntimeHash(renamed)).not.toBe(ortRuntimeHash(a));
  });
});
