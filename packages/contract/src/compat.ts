// Subpath '@rollgate/contract/compat': schema compatibility in Confluent Schema Registry's terms (BACKWARD,
// FORWARD, FULL, NONE), behind `rollgate compat` and the frozen-schema check of the contract's own tests.

export { breakingChanges, classifyChanges, compareSchemas, isCompatible } from './compat/classify.js';
export { SCHEMA_CHANGE_CODES } from './compat/codes.js';
export { diffSchemas } from './compat/compare.js';
export type { CompatDirection, CompatLevel, CompatMode, CompatReport, SchemaChange } from './compat/types.js';
