#!/usr/bin/env node
// The `rollgate` executable npm and pnpm link. It exists before any build, so a fresh clone's `pnpm install` can
// link it; the command itself is dist/bin.js. In a workspace checkout that was never built, the first run builds
// @rollgate/cli and the packages it uses once (an installed package always ships dist/).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
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
  process.stderr.write(
    'rollgate: first run in this checkout: building @rollgate/cli and the packages it uses\n',
  );
  execFileSync('pnpm', ['--filter', '@rollgate/cli...', 'run', 'build'], {
    cwd: fileURLToPath(root),
    stdio: ['ignore', 2, 2],
  });
}
await import(built.href);
