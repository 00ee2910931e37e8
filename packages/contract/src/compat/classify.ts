// From the list of changes to Confluent's vocabulary, and whether a mode's promise holds.
import { diffSchemas } from './compare.js';
import type { CompatLevel, CompatMode, CompatReport, SchemaChange } from './types.js';

/**
 * Compares two JSON Schemas as Confluent Schema Registry's modes do: BACKWARD when every document the old schema
 * accepts the new one accepts (new readers read old documents), FORWARD the reverse, FULL both, NONE neither.
 */
export function compareSchemas(oldSchema: unknown, newSchema: unknown): CompatReport {
  const changes = diffSchemas(oldSchema, newSchema);
  return classifyChanges(changes);
}

/** The report of a list of changes: a change breaking `backward` makes the pair not BACKWARD, and so on. */
export function classifyChanges(changes: SchemaChange[]): CompatReport {
  const backward = !changes.some((c) => c.breaks.includes('backward'));
  const forward = !changes.some((c) => c.breaks.includes('forward'));
  const level: CompatLevel =
    backward && forward ? 'FULL' : backward ? 'BACKWARD' : forward ? 'FORWARD' : 'NONE';
  return { level, backward, forward, changes };
}

/** True when the report keeps the promise of `mode`: `full` needs both directions. */
export function isCompatible(report: CompatReport, mode: CompatMode): boolean {
  if (mode === 'backward') return report.backward;
  if (mode === 'forward') return report.forward;
  return report.backward && report.forward;
}

/** The changes that break `mode`'s promise. */
export function breakingChanges(report: CompatReport, mode: CompatMode): SchemaChange[] {
  return report.changes.filter((c) => (mode === 'full' ? c.breaks.length > 0 : c.breaks.includes(mode)));
}
