// The contract's zod-free subpaths as built (packages/contract/tsup.config.ts): '@rollgate/contract/errors' and
// '/time' are one file each, which every other entry imports, so the probe path reads two files of the contract
// and a process holds one RollgateError class whichever entry, ESM or CJS, it came through.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { type LoadRecorder, writeLoadRecorder } from '../support/index.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const cwd = join(root, 'packages/adapters'); // every @rollgate package resolves to its built exports here
const CONTRACT_DIST = join(root, 'packages/contract/dist/');

let recorder: LoadRecorder;
let dir: string;

beforeAll(async () => {
  if (!existsSync(join(CONTRACT_DIST, 'errors.js')))
    throw new Error('packages/contract/dist is missing: run pnpm build');
  dir = await mkdtemp(join(tmpdir(), 'rollgate-contract-subpaths-'));
  recorder = await writeLoadRecorder(dir);
});

async function node(args: string[], env: Record<string, string> = {}): Promise<string> {
  const { stdout } = await run(process.execPath, args, {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  return stdout;
}

describe("the contract's zod-free subpaths", () => {
  it('importing @rollgate/readyz reads exactly errors.js and time.js of the contract', async () => {
    const log = join(dir, 'readyz.log');
    await node(
      ['--import', recorder.register, '--input-type=module', '-e', "await import('@rollgate/readyz');"],
      {
        ROLLGATE_LOAD_LOG: log,
      },
    );
    const contractFiles = [...new Set((await readFile(log, 'utf8')).split('\n'))]
      .filter((url) => url.startsWith('file:'))
      .map((url) => fileURLToPath(url))
      .filter((file) => file.startsWith(CONTRACT_DIST))
      .map((file) => file.slice(CONTRACT_DIST.length))
      .sort();
    expect(contractFiles).toEqual(['errors.js', 'time.js']);
  });

  it('every entry of the contract links and loads, in ESM and CJS (an import of a name /errors or /time does not export fails here)', async () => {
    const exportsMap = JSON.parse(
      await readFile(join(root, 'packages/contract/package.json'), 'utf8'),
    ).exports;
    const entries = Object.keys(exportsMap)
      .filter((key) => !key.includes('*') && key !== './package.json')
      .map((key) => (key === '.' ? '@rollgate/contract' : `@rollgate/contract/${key.slice(2)}`));
    expect(entries).toContain('@rollgate/contract/lazy');
    const list = JSON.stringify(entries);
    const esm = `for (const e of ${list}) await import(e); console.log('ok');`;
    const cjs = `for (const e of ${list}) require(e); console.log('ok');`;
    expect(await node(['--input-type=module', '-e', esm])).toBe('ok\n');
    expect(await node(['-e', cjs])).toBe('ok\n');
  });

  it.each([
    ['ESM', ['--input-type=module', '-e']],
    ['CJS', ['-e']],
  ])('one RollgateError class across every entry that exports it (%s)', async (format, args) => {
    const entries = [
      '@rollgate/contract',
      '@rollgate/contract/errors',
      '@rollgate/core',
      '@rollgate/core/rules',
    ];
    const load =
      format === 'ESM'
        ? `const loaded = await Promise.all(${JSON.stringify(entries)}.map((e) => import(e)));`
        : `const loaded = ${JSON.stringify(entries)}.map((e) => require(e));`;
    const script = `${load} const classes = new Set(loaded.map((m) => m.RollgateError).filter(Boolean)); console.log(JSON.stringify([classes.size, loaded.filter((m) => m.RollgateError).length]));`;
    const [distinct, exporting] = JSON.parse(await node([...args, script])) as [number, number];
    expect(exporting).toBeGreaterThanOrEqual(2);
    expect(distinct).toBe(1);
  });
});
