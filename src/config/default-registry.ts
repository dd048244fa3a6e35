/** The schema versions this app understands. Register a new version here. */
import { createRegistry } from './registry.ts';
import { v1 } from './schemas/v1.ts';
import { v2 } from './schemas/v2.ts';
import { v3 } from './schemas/v3.ts';
import { v4 } from './schemas/v4.ts';

export const defaultRegistry = createRegistry([v1, v2, v3, v4]);

/** Versions a config may declare, ascending. */
export const SUPPORTED_VERSIONS: readonly number[] = defaultRegistry.supported;
