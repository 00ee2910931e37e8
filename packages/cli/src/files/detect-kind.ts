// Which contract kind a file holds: `--kind`, else the document's own `kind` field, else its file name
// (`release-manifest.json`, `rollback_rules.yaml`, `orders.gate-policy.yaml`). Spelling is forgiven: `_`, `-`,
// case and a PascalCase `kind: RollbackRules` all name the same kind. A `.md` file is a release report.
import { basename } from 'node:path';

/** Where the kind came from, for messages. */
export type KindSource = 'flag' | 'document' | 'file name';

/** A detected kind, or why none was found. */
export type DetectedKind = { ok: true; kind: string; source: KindSource } | { ok: false; message: string };

// Names the seeds give documents that are not their kind's name: seed 001's release config is `release.yml`.
const CONVENTIONAL_NAMES: Readonly<Record<string, string>> = { release: 'release-config' };

/** `RollbackRules`, `rollback_rules`, `Rollback-Rules` → `rollback-rules`. */
export function normaliseKind(text: string): string {
  return text
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[_\s]+/g, '-');
}

/** The kind of one file among `kinds`; `flag` is `--kind` when given. */
export function detectKind(
  file: string,
  document: unknown,
  kinds: readonly string[],
  flag?: string,
): DetectedKind {
  if (flag !== undefined) {
    const kind = normaliseKind(flag);
    return kinds.includes(kind)
      ? { ok: true, kind, source: 'flag' }
      : { ok: false, message: `--kind: unknown kind "${flag}"; expected one of ${kinds.join(', ')}` };
  }
  if (typeof document === 'object' && document !== null && !Array.isArray(document)) {
    const own = (document as Record<string, unknown>).kind;
    if (typeof own === 'string' && kinds.includes(normaliseKind(own)))
      return { ok: true, kind: normaliseKind(own), source: 'document' };
  }
  // Every dot-separated part of the name is a candidate, so `orders.rollback-rules.yaml` and
  // `release-manifest.elided.json` both name their kind.
  for (const part of basename(file).split('.')) {
    const kind = normaliseKind(part);
    if (kinds.includes(kind)) return { ok: true, kind, source: 'file name' };
  }
  const conventional = CONVENTIONAL_NAMES[normaliseKind(basename(file).split('.')[0] ?? '')];
  if (conventional !== undefined && kinds.includes(conventional))
    return { ok: true, kind: conventional, source: 'file name' };
  // A Markdown file's front matter is a release report (seed 000's `release_report.md`), whatever its name.
  if (/\.(md|markdown)$/i.test(file) && kinds.includes('release-report'))
    return { ok: true, kind: 'release-report', source: 'file name' };
  return {
    ok: false,
    message: `cannot tell the kind from the file name or a "kind" field; pass --kind (one of ${kinds.join(', ')})`,
  };
}
