#!/usr/bin/env node
// The `rollgate` executable npm and pnpm link. It exists before any build, so a fresh clone's `pnpm install` can
// link it; the command itself is dist/bin.cjs. In a workspace checkout that was never built, the first run builds
// @rollgate/cli and the packages it uses once (an installed package always ships dist/). CommonJS, like the
// bundles: an ES-module entry would start Node's ESM loader, ~8 ms of every run.
'use strict';
const { existsSync, mkdirSync, rmSync, statSync } = require('node:fs');
const module_ = require('node:module');
const { join } = require('node:path');

const built = join(__dirname, '../dist/bin.cjs');
if (!existsSync(built)) {
  const root = join(__dirname, '../../../');
  if (!existsSync(join(root, 'pnpm-workspace.yaml'))) {
    process.stderr.write('rollgate: dist/bin.cjs is missing from this install; reinstall @rollgate/cli\n');
    process.exit(70);
  }
  buildOnce(root);
}
const bin = require.resolve(built);
// The bundles are CommonJS so that V8 can skip compiling them on later runs: Node 22.1+ keeps their compiled code
// itself (module.enableCompileCache); on older Nodes dist/launch.cjs does the same through vm.Script.
if (process.argv.includes('--debug')) {
  // The bundles are minified: a stack worth reading needs their source maps, which Node applies to require().
  process.setSourceMapsEnabled(true);
  require(bin);
} else if (module_.enableCompileCache !== undefined) {
  module_.enableCompileCache();
  require(bin);
} else {
  const { codeCacheDir, requireWithCodeCache } = require('../dist/launch.cjs');
  requireWithCodeCache(bin, codeCacheDir());
}

// One first-run build at a time. Without it, twenty `rollgate` processes started together (a test, or any run
// while a rebuild has emptied dist/) each start a build of five packages, and each build's clean step empties
// the dist/ the others are writing. The lock is a directory (mkdir is atomic); whoever waited for it finds
// dist/bin.cjs built and goes on. A lock older than the longest build is left over from a killed one.
function buildOnce(root) {
  const lock = join(root, 'node_modules/.rollgate-first-build.lock');
  const staleMs = 10 * 60_000;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > staleMs) rmSync(lock, { recursive: true, force: true });
      else Atomics.wait(pause, 0, 0, 250); // a synchronous sleep: nothing else runs before the build is there
    }
  }
  try {
    if (existsSync(built)) return;
    process.stderr.write(
      'rollgate: first run in this checkout: building @rollgate/cli and the packages it uses\n',
    );
    const { execFileSync } = require('node:child_process'); // only here: it costs every run a few ms
    execFileSync('pnpm', ['--filter', '@rollgate/cli...', 'run', 'build'], {
      cwd: root,
      stdio: ['ignore', 2, 2],
    });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
