import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const hooksUrl = new URL('./trace-hooks.mjs', import.meta.url).href;

/** Maps a file path to the npm package it belongs to (workspace packages by their folder), or undefined. */
export function packageOf(path) {
  const workspace = /\/packages\/(contract|core|readyz|adapters|cli)\//.exec(path);
  if (workspace && !path.includes('/node_modules/')) return `@rollgate/${workspace[1]}`;
  const at = path.lastIndexOf('/node_modules/');
  if (at === -1) return undefined;
  const parts = path.slice(at + '/node_modules/'.length).split('/');
  return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

/**
 * Imports `specifier` in a fresh Node process (cwd `cwd`) and returns the sorted package names it loaded:
 * ESM through resolve hooks, CommonJS through the require cache. Untimed: the hooks slow loading down.
 */
export function loadedPackages(specifier, cwd) {
  const dir = mkdtempSync(join(tmpdir(), 'rollgate-trace-'));
  const file = join(dir, 'urls.txt');
  const script = [
    "import { register, createRequire } from 'node:module';",
    `register(${JSON.stringify(hooksUrl)}, { data: { file: ${JSON.stringify(file)} } });`,
    `await import(${JSON.stringify(specifier)});`,
    'const cache = createRequire(import.meta.url).cache;',
    'process.stdout.write(JSON.stringify(Object.keys(cache)));',
  ].join('\n');
  try {
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`tracing ${specifier} failed: ${run.stderr.trim()}`);
    const cjs = JSON.parse(run.stdout);
    const esm = readFileSync(file, 'utf8')
      .split('\n')
      .filter((url) => url.startsWith('file:'))
      .map((url) => fileURLToPath(url));
    const names = new Set();
    for (const path of [...cjs, ...esm]) {
      const name = packageOf(safeRealpath(path));
      if (name !== undefined) names.add(name);
    }
    return [...names].sort();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function safeRealpath(path) {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
