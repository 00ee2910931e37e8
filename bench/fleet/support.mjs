// The real-server harness of tests/support (TypeScript) for a plain .mjs bench: bundled once per run with the
// workspace's esbuild into a temp file and imported, so the fleet starts redis-server and PostgreSQL exactly as the
// integration tests do, and its exit hook kills every server it started.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Imports tests/support/index.ts, transpiled and bundled (node built-ins only) into a temp module. */
export async function loadSupport() {
  const dir = mkdtempSync(join(tmpdir(), 'rollgate-fleet-support-'));
  const out = join(dir, 'support.mjs');
  try {
    execFileSync(
      join(root, 'node_modules/.bin/esbuild'),
      [
        join(root, 'tests/support/index.ts'),
        '--bundle',
        '--platform=node',
        '--format=esm',
        '--target=node20',
        '--log-level=warning',
        `--outfile=${out}`,
      ],
      { stdio: ['ignore', 'inherit', 'inherit'] },
    );
    return await import(pathToFileURL(out).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
