// The vocabulary of a schema comparison: which way a change breaks, and the record of one change.

/** A compatibility mode, as in Confluent Schema Registry. */
export type CompatMode = 'backward' | 'forward' | 'full';

/** What a schema change is classified as: BACKWARD (new readers read old documents), FORWARD, FULL or NONE. */
export type CompatLevel = 'FULL' | 'BACKWARD' | 'FORWARD' | 'NONE';

/** Which guarantee a change breaks: `backward` (a new reader refuses an old document) or `forward` (the reverse). */
export type CompatDirection = 'backward' | 'forward';

/** One difference between two schemas, at a path of the documents they describe. */
export interface SchemaChange {
  /** Stable code, e.g. `field_became_required`, `enum_value_removed` (see `SCHEMA_CHANGE_CODES`). */
  code: string;
  /** JSON path in the document, e.g. `$.reasons[*].observed`. */
  path: string;
  /** What changed, for people. */
  message: string;
  /** The guarantees this change breaks; empty when it breaks none. */
  breaks: CompatDirection[];
}

/** The result of `compareSchemas`: the classification and every change found. */
export interface CompatReport {
  /** FULL, BACKWARD, FORWARD or NONE. */
  level: CompatLevel;
  /** True when every document the old schema accepts, the new one accepts too. */
  backward: boolean;
  /** True when every document the new schema accepts, the old one accepts too. */
  forward: boolean;
  /** Every change found, breaking or not, in document order. */
  changes: SchemaChange[];
}
