#!/usr/bin/env node
// The `rollgate` executable npm and pnpm link. It exists before any build, so a fresh clone's `pnpm install` can
// link it; the command itself is dist/bin.js. In a workspace checkout that was never built, the first run builds
// @rollgate/cli and the packages it uses once (an installed package always ships dist/).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import module from 'node:module';
import { fileURLToPath } from 'node:url';

// Node 22.1+ can keep V8's compiled code of the bundle between runs (in the OS temp dir), which saves most of
// the compile time of zod on every later start. Node 20 has no such cache; the call is skipped there.
module.enableCompileCache?.();

const built = new URL('../dist/bin.js', import.meta.url);
if (!existsSync(built)) {
  const root = new URL('../../../', import.meta.url);
  if (!existsSync(new URL('pnpm-workspace.yaml', root))) {
    process.stderr.write('rollgate: dist/bin.js is missing from this install; reinstall @rollgate/cli\n');
    process.exit(70);
  }
  await buildOnce(root);
}
await import(built.href);

// One first-run build at a time. Without it, twenty `rollgate` processes started together (a test, or any run
// while a rebuild has emptied dist/) each start a build of five packages, and each build's clean step empties
// the dist/ the others are writing. The lock is a directory (mkdir is atomic); whoever waited for it finds
// dist/bin.js built and goes on. A lock older than the longest build is left over from a killed one.
async function buildOnce(root) {
  const lock = new URL('node_modules/.rollgate-first-build.lock', root);
  const staleMs = 10 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > staleMs) rmSync(lock, { recursive: true, force: true });
      else await new Promise((done) => setTimeout(done, 250));
    }
  }
  try {
    if (existsSync(built)) return;
    process.stderr.write(
      'rollgate: first run in this checkout: building @rollgate/cli and the packages it uses\n',
    );
    execFileSync('pnpm', ['--filter', '@rollgate/cli...', 'run', 'build'], {
      cwd: fileURLToPath(root),
      stdio: ['ignore', 2, 2],
    });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
