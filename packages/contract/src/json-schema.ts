import { z } from 'zod';
import { CONTRACT_KINDS, CONTRACT_SCHEMAS, type ContractKind } from './kinds.js';
import { SCHEMA_VERSION } from './primitives/schemas.js';

/** A JSON Schema document (draft 2020-12). */
export type JSONSchemaDocument = Record<string, unknown>;

/** Base of the `$id` of every published schema. */
export const SCHEMA_ID_BASE = `https://rollgate.dev/schemas/${SCHEMA_VERSION}/`;

/**
 * Every contract schema as JSON Schema draft 2020-12, keyed by kind. Input shapes are described
 * (what a producer may write). Refinements zod cannot express are listed in the package README.
 */
export function toJSONSchemas(): Record<ContractKind, JSONSchemaDocument> {
  const out = {} as Record<ContractKind, JSONSchemaDocument>;
  for (const kind of CONTRACT_KINDS) {
    const schema = z.toJSONSchema(CONTRACT_SCHEMAS[kind], {
      target: 'draft-2020-12',
      io: 'input',
      unrepresentable: 'any',
    }) as JSONSchemaDocument;
    out[kind] = { ...schema, $id: `${SCHEMA_ID_BASE}${kind}.schema.json`, title: kind };
  }
  return out;
}
