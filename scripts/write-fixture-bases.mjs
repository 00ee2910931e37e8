// Writes packages/contract/src/testing/golden-bases.json: one golden valid fixture per kind, the documents the
// `@rollgate/contract/testing` factories start from (tsup bundles the JSON, so the built package carries it).
// Run `node scripts/write-fixture-bases.mjs` after adding a kind or changing a chosen fixture; the test
// src/testing/factories.test.ts fails while the file and the fixtures disagree.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Where the golden fixtures live. */
export const FIXTURES_DIR = join(root, 'packages', 'contract', 'fixtures', 'v1.0.0');
/** The committed output. */
export const BASES_FILE = join(root, 'packages', 'contract', 'src', 'testing', 'golden-bases.json');

// The most ordinary document of a kind makes the best base; a kind not listed takes its first valid fixture.
const PREFERRED = {
  'canary-plan': 'design.yaml',
  'deployment-manifest': 'orders-api.yaml',
  'gate-decision': 'approve.json',
  'gate-policy': 'design.yaml',
  'health-report': 'ok.json',
  'metric-queries': 'orders-api.yaml',
  'release-manifest': 'runbook-example.json',
  'release-report': '2025.10.02-production.json',
  'rollback-requested': 'error-rate-breach.json',
  'rollback-rules': 'design.yaml',
  'telemetry-event': 'deploy-started.json',
};

/** `{ kind: { fixture, document } }` for every kind folder with a valid fixture, kinds sorted. */
export function readFixtureBases(dir = FIXTURES_DIR) {
  const bases = {};
  for (const kind of readdirSync(dir).sort()) {
    const valid = join(dir, kind, 'valid');
    const files = readdirSync(valid).sort();
    const file = PREFERRED[kind] ?? files[0];
    if (file === undefined) continue;
    const text = readFileSync(join(valid, file), 'utf8');
    bases[kind] = {
      fixture: `${kind}/valid/${file}`,
      document: file.endsWith('.json') ? JSON.parse(text) : parse(text),
    };
  }
  return bases;
}

/** The file's text: 2-space JSON with a trailing newline. */
export function formatBases(bases) {
  return `${JSON.stringify(bases, null, 2)}\n`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(BASES_FILE, formatBases(readFixtureBases()));
  console.log(`wrote ${BASES_FILE}`);
}
