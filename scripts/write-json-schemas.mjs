// Writes the contract's JSON Schemas (draft 2020-12) from the BUILT package to packages/contract/schemas/.
// Run `pnpm --filter @rollgate/contract build` first, then `pnpm --filter @rollgate/contract schemas`.
// The files are committed; src/json-schema.test.ts fails when they drift from toJSONSchemas().
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const packageDir = join(root, 'packages', 'contract');
const schemasDir = join(packageDir, 'schemas');
const builtEntry = join(packageDir, 'dist', 'index.js');

/** Serialises one schema the way it is committed: 2-space JSON with a trailing newline. */
export function formatSchemaFile(schema) {
  return `${JSON.stringify(schema, null, 2)}\n`;
}

/**
 * Renders every committed file from the output of toJSONSchemas(): `<kind>.schema.json` per kind and
 * `index.json` listing them. Returns a map of file name to file text; pure, so the test can reuse it.
 */
export function renderSchemaFiles(schemas, schemaVersion) {
  const files = {};
  const entries = [];
  for (const [kind, schema] of Object.entries(schemas)) {
    const file = `${kind}.schema.json`;
    files[file] = formatSchemaFile(schema);
    entries.push({ kind, file, $id: schema.$id });
  }
  files['index.json'] = formatSchemaFile({
    schema_version: schemaVersion,
    dialect: 'https://json-schema.org/draft/2020-12/schema',
    schemas: entries,
  });
  return files;
}

async function main() {
  if (!existsSync(builtEntry)) {
    console.error(`${builtEntry} is missing: run \`pnpm --filter @rollgate/contract build\` first`);
    process.exit(1);
  }
  const contract = await import(pathToFileURL(builtEntry).href);
  const files = renderSchemaFiles(contract.toJSONSchemas(), contract.SCHEMA_VERSION);
  mkdirSync(schemasDir, { recursive: true });
  // A kind that was removed must not leave a stale schema behind.
  for (const existing of readdirSync(schemasDir)) {
    if (existing.endsWith('.json') && !(existing in files)) rmSync(join(schemasDir, existing));
  }
  for (const [file, text] of Object.entries(files)) writeFileSync(join(schemasDir, file), text);
  console.log(`wrote ${Object.keys(files).length} files to ${schemasDir}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await main();
}
