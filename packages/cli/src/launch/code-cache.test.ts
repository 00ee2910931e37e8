// The executable's loader (dist/launch.cjs, built from code-cache.ts), run as the executable runs it: in a fresh
// node process per run, so the cache is written at that process's exit and read by the next one.
import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../testing/paths.js';

const run = promisify(execFile);
const LAUNCH = join(ROOT, 'packages/cli/dist/launch.cjs');

/** Loads `file` through the loader in a fresh process; its stdout. */
async function load(file: string, env: Record<string, string>): Promise<string> {
  const script = `const l = require(${JSON.stringify(LAUNCH)}); l.requireWithCodeCache(${JSON.stringify(file)}, l.codeCacheDir());`;
  const { stdout } = await run(process.execPath, ['-e', script], {
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  return stdout;
}

async function bundles(): Promise<{ dir: string; cache: string; main: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'rollgate-code-cache-'));
  const cache = join(dir, 'cache');
  const main = join(dir, 'main.cjs');
  // A sibling bundle, a builtin and the CommonJS module variables, as bin.cjs uses them.
  await writeFile(
    main,
    "const { answer } = require('./other.cjs'); const path = require('node:path');\n" +
      "if (require('./other.cjs').answer !== answer) throw new Error('other.cjs loaded twice');\n" +
      'process.stdout.write(JSON.stringify([answer(), path.basename(__filename), typeof module.exports]));\n',
  );
  await writeFile(join(dir, 'other.cjs'), 'exports.answer = () => 42;\n');
  return { dir, cache, main };
}

const cacheFiles = async (dir: string) => (await readdir(dir)).filter((f) => f.endsWith('.v8cache')).sort();

beforeAll(async () => {
  await stat(LAUNCH).catch(() => {
    throw new Error(`${LAUNCH} is missing: run \`pnpm --filter @rollgate/cli build\` first`);
  });
});

describe('the code cache of the executable on Node 20', { timeout: 30_000 }, () => {
  it('writes each bundle its cache at the first run and reads it, unchanged, at the next', async () => {
    const { cache, main } = await bundles();
    expect(await load(main, { NODE_COMPILE_CACHE: cache })).toBe('[42,"main.cjs","object"]');
    const files = await cacheFiles(cache);
    expect(files).toEqual([expect.stringMatching(/^main\.cjs-/), expect.stringMatching(/^other\.cjs-/)]);
    const before = await Promise.all(files.map((f) => stat(join(cache, f))));
    expect((await stat(cache)).mode & 0o777).toBe(0o700);
    expect(before.every((s) => (s.mode & 0o777) === 0o600)).toBe(true);

    expect(await load(main, { NODE_COMPILE_CACHE: cache })).toBe('[42,"main.cjs","object"]');
    // A cache V8 rejected would have been written again (a new file through rename): these are the same files.
    const after = await Promise.all(files.map((f) => stat(join(cache, f))));
    expect(after.map((s) => s.ino)).toEqual(before.map((s) => s.ino));
    expect(await cacheFiles(cache)).toEqual(files);
  });

  it('writes again over a cache V8 rejects, and runs the bundle all the same', async () => {
    const { cache, main } = await bundles();
    await load(main, { NODE_COMPILE_CACHE: cache });
    const [mainCache] = await cacheFiles(cache);
    const target = join(cache, mainCache!);
    const good = await readFile(target);
    await writeFile(target, Buffer.alloc(good.length, 7), { mode: 0o600 });
    expect(await load(main, { NODE_COMPILE_CACHE: cache })).toBe('[42,"main.cjs","object"]');
    expect((await readFile(target)).equals(Buffer.alloc(good.length, 7))).toBe(false);
  });

  it('never gives a rebuilt bundle the cache of the old one', async () => {
    const { dir, cache } = await bundles();
    const file = join(dir, 'rebuilt.cjs');
    // Same length and mtime (npm gives every installed file one), other code: V8's own check of a cache (the
    // source's length) cannot tell them apart.
    await writeFile(file, "process.stdout.write('A');\n");
    await utimes(file, 1_000, 1_000);
    expect(await load(file, { NODE_COMPILE_CACHE: cache })).toBe('A');
    await writeFile(file, "process.stdout.write('B');\n");
    await utimes(file, 1_000, 1_000);
    expect(await load(file, { NODE_COMPILE_CACHE: cache })).toBe('B');
    expect(await cacheFiles(cache)).toHaveLength(2);
  });

  it('is off under NODE_DISABLE_COMPILE_CACHE, and in a directory other users can write to', async () => {
    const { dir, cache, main } = await bundles();
    expect(await load(main, { NODE_COMPILE_CACHE: cache, NODE_DISABLE_COMPILE_CACHE: '1' })).toBe(
      '[42,"main.cjs","object"]',
    );
    await expect(readdir(cache)).rejects.toThrow(/ENOENT/);
    const shared = join(dir, 'shared');
    await mkdir(shared);
    await chmod(shared, 0o777);
    expect(await load(main, { NODE_COMPILE_CACHE: shared })).toBe('[42,"main.cjs","object"]');
    expect(await readdir(shared)).toEqual([]);
  });

  it('runs without a cache where none can be written', async () => {
    const { dir, main } = await bundles();
    const blocked = join(dir, 'a-file');
    await writeFile(blocked, '');
    expect(await load(main, { NODE_COMPILE_CACHE: join(blocked, 'cache') })).toBe('[42,"main.cjs","object"]');
    // Under procfs Node's recursive mkdir would spin forever before the command even started.
    expect(await load(main, { NODE_COMPILE_CACHE: '/proc/rollgate-no-such/cache' })).toBe(
      '[42,"main.cjs","object"]',
    );
  });
});
