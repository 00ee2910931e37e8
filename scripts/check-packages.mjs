// Packs every publishable package the way a registry would see it, then runs publint and
// @arethetypeswrong/cli on the tarball. Part of `pnpm test`; fails on any finding.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const out = join(root, '.tmp', 'pack');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const bin = (name) => join(root, 'node_modules', '.bin', name);
const run = (cmd, args, cwd) =>
  execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });

let failed = 0;
for (const dir of readdirSync(join(root, 'packages')).sort()) {
  const pkgDir = join(root, 'packages', dir);
  const manifest = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  if (manifest.private) continue;
  // pnpm pack rewrites workspace: ranges to real versions, as publishing would.
  const tarball = run('pnpm', ['pack', '--pack-destination', out], pkgDir).trim().split('\n').pop();
  for (const [tool, args] of [
    ['publint', ['--strict', tarball]],
    // node10 resolution predates `exports` and cannot see subpaths; every supported Node (>=20) is node16+.
    ['attw', [tarball, '--profile', 'node16', '--format', 'table-flipped']],
  ]) {
    try {
      const text = run(bin(tool), args, pkgDir);
      console.log(`ok   ${manifest.name} ${tool}`);
      if (process.env.VERBOSE) console.log(text);
    } catch (error) {
      failed += 1;
      console.error(`FAIL ${manifest.name} ${tool}\n${error.stdout ?? ''}${error.stderr ?? ''}`);
    }
  }
}
if (failed > 0) {
  console.error(`${failed} package check(s) failed`);
  process.exit(1);
}
