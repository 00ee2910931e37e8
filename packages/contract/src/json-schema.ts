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
    out[kind] = {
      ...(splitUnionTypes(schema) as JSONSchemaDocument),
      $id: `${SCHEMA_ID_BASE}${kind}.schema.json`,
      title: kind,
    };
  }
  return out;
}

/**
 * zod writes a union of primitives as `type: [number, string, …]`, valid 2020-12 that strict validators
 * (ajv `strict: true`) refuse without `allowUnionTypes`; `anyOf` of one type each says the same to everyone.
 */
function splitUnionTypes(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(splitUnionTypes);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = splitUnionTypes(value);
  const type = out.type;
  if (Array.isArray(type) && type.length > 1) {
    delete out.type;
    out.anyOf = type.map((t) => ({ type: t }));
  }
  return out;
}
