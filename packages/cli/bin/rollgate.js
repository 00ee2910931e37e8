#!/usr/bin/env node
// The `rollgate` executable npm and pnpm link. It exists before any build, so a fresh clone's `pnpm install` can
// link it; the command itself is dist/bin.cjs. In a workspace checkout that was never built, the first run builds
// @rollgate/cli and the packages it uses once (an installed package always ships dist/).
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import module from 'node:module';
import { fileURLToPath } from 'node:url';

const built = new URL('../dist/bin.cjs', import.meta.url);
if (!existsSync(built)) {
  const root = new URL('../../../', import.meta.url);
  if (!existsSync(new URL('pnpm-workspace.yaml', root))) {
    process.stderr.write('rollgate: dist/bin.cjs is missing from this install; reinstall @rollgate/cli\n');
    process.exit(70);
  }
  await buildOnce(root);
}
// The bundles are CommonJS so that V8 can skip compiling them on later runs: Node 22.1+ keeps their compiled code
// itself (module.enableCompileCache); on older Nodes dist/launch.cjs does the same through vm.Script.
const require = module.createRequire(import.meta.url);
const bin = require.resolve('../dist/bin.cjs');
if (module.enableCompileCache !== undefined) {
  module.enableCompileCache();
  require(bin);
} else {
  const { codeCacheDir, requireWithCodeCache } = require('../dist/launch.cjs');
  requireWithCodeCache(bin, codeCacheDir());
}

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
    const { execFileSync } = await import('node:child_process'); // only here: it costs every run a few ms
    execFileSync('pnpm', ['--filter', '@rollgate/cli...', 'run', 'build'], {
      cwd: fileURLToPath(root),
      stdio: ['ignore', 2, 2],
    });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
