/** Public API of the model-bundle config system. */
export type {
  ConfigIssue,
  ConfigResult,
  InputShape,
  LoadReport,
  OutputFormat,
  RuntimeConfig,
} from './runtime-config.ts';
export { FORMAT_SINCE, MAX_CLASSES, OUTPUT_FORMATS } from './runtime-config.ts';
export {
  loadConfigBytes,
  loadConfigText,
  locateModelFile,
  modelFileOf,
  placeModelIssue,
  type LoadOptions,
} from './load-config.ts';
export { loadCatalogText, BUNDLE_ID_PATTERN, type Catalog, type CatalogResult } from './catalog.ts';
export { formatIssueLine, formatReport } from './format.ts';
export {
  createRegistry,
  defineSchemaVersion,
  type BuildContext,
  type Registry,
  type SchemaVersion,
} from './registry.ts';
export { defaultRegistry, SUPPORTED_VERSIONS } from './default-registry.ts';
export { MAX_ALIAS_COUNT, MAX_CONFIG_BYTES, MAX_DEPTH } from './yaml-source.ts';
export { MAX_INPUT_SIDE } from './runtime-config.ts';
export { v1 } from './schemas/v1.ts';
export { v2 } from './schemas/v2.ts';
export { v3 } from './schemas/v3.ts';
export { v4 } from './schemas/v4.ts';
export { decodeConfigBytes } from './decode.ts';
