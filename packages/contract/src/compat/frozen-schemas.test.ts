// A contract change cannot break its readers within a major version: every committed schema is compared with the
// frozen 1.0.0 copy (schemas-frozen/1.0.0, taken from the schemas of the first release). Within 1.x the promise is
// BACKWARD — a new reader reads every 1.0.0 document. FORWARD is not asked of the JSON Schemas: the objects are
// closed, so any added optional field breaks it, and parseContract keeps a newer minor's unknown fields instead.
// A breaking change needs a new major `schema_version`, and a new frozen folder with it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../primitives/schemas.js';
import { breakingChanges, compareSchemas } from './classify.js';

const PACKAGE = fileURLToPath(new URL('../../', import.meta.url));
const FROZEN = join(PACKAGE, 'schemas-frozen', '1.0.0');
const CURRENT = join(PACKAGE, 'schemas');
const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as unknown;
const frozen = readdirSync(FROZEN).filter((f) => f.endsWith('.schema.json'));

describe('committed schemas against the frozen 1.0.0 schemas', () => {
  it('still list every frozen kind', () => {
    expect(frozen.length).toBeGreaterThan(0);
    const current = new Set(readdirSync(CURRENT));
    expect(frozen.filter((f) => !current.has(f))).toEqual([]);
  });

  it.runIf(SCHEMA_VERSION.startsWith('1.')).each(frozen)(
    '%s reads every 1.0.0 document (BACKWARD)',
    (file) => {
      const report = compareSchemas(read(join(FROZEN, file)), read(join(CURRENT, file)));
      const breaking = breakingChanges(report, 'backward').map((c) => `${c.path} ${c.code}: ${c.message}`);
      expect(breaking, `${file} breaks 1.0.0 readers; bump the major schema_version`).toEqual([]);
    },
  );
});
