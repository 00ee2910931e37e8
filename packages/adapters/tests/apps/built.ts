// Tests that spawn node on the BUILT package (dist/) use this to fail clearly, instead of testing
// stale code, when dist is missing or older than the sources. `pnpm test` builds first.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** packages/adapters. */
export const PACKAGE_DIR = fileURLToPath(new URL('../../', import.meta.url));

const BUILD_COMMAND =
  'pnpm --filter @rollgate/contract build && pnpm --filter @rollgate/core build && ' +
  'pnpm --filter @rollgate/readyz build && pnpm --filter @rollgate/adapters build';

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
      newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Throws with the build command unless dist/ exists and is newer than every source file. */
export function requireFreshBuild(): void {
  const marker = join(PACKAGE_DIR, 'dist', 'index.js');
  if (!existsSync(marker)) throw new Error(`@rollgate/adapters is not built. Run:\n  ${BUILD_COMMAND}`);
  const built = statSync(marker).mtimeMs;
  for (const entry of ['index', 'fastify', 'express', 'node', 'fetch', 'probes', 'shutdown']) {
    const file = join(PACKAGE_DIR, 'dist', `${entry}.js`);
    if (!existsSync(file)) throw new Error(`dist/${entry}.js is missing. Run:\n  ${BUILD_COMMAND}`);
  }
  if (newestSource(join(PACKAGE_DIR, 'src')) > built) {
    throw new Error(`@rollgate/adapters' dist is older than its sources. Run:\n  ${BUILD_COMMAND}`);
  }
}
