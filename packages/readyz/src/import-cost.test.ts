import { execFile } from 'node:child_process';
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoadRecorder, writeLoadRecorder } from '../../../tests/support/load-recorder.js';

// Services pay for our import at every cold start, so the built @rollgate/readyz must load neither
// zod (32 ms) nor prom-client (an optional peer). These tests build the packages, spawn a plain
// `node` on the built entries and record every module the process resolves: ESM resolutions through
// a module.register() hook, CommonJS ones (including createRequire) through Module._resolveFilename.
// The same preload makes `prom-client` unresolvable, as on a host that never installed it.

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const root = fileURLToPath(new URL('../../..', import.meta.url));

// After the import, the router must also work: answer /readyz through the real engine, and refuse
// metrics with a coded error because prom-client cannot be found.
const USE = `
appendFileSync(process.env.ROLLGATE_LOAD_LOG, '#imported\\n');
const health = core.createHealth({ service: 'orders-api', version: '1.0.0' });
health.register({ name: 'db', check: () => true });
const answer = await readyz.createReadyz(health).handle({ method: 'GET', path: '/readyz' });
let metricsError;
try {
  const registry = { getSingleMetric() {}, async metrics() { return ''; }, contentType: 'text/plain' };
  readyz.createReadyz(health, { metrics: { registry } });
} catch (error) {
  metricsError = error.code;
}
await health.close();
process.stdout.write(JSON.stringify({ exports: Object.keys(readyz), testing: Object.keys(testing), status: answer.status, body: answer.body, metricsError }));
`;

const ESM_MAIN = `
import { appendFileSync } from 'node:fs';
const readyz = await import('@rollgate/readyz');
const testing = await import('@rollgate/readyz/testing');
const core = await import('@rollgate/core');
${USE}
`;

const CJS_MAIN = `
const { appendFileSync } = require('node:fs');
const readyz = require('@rollgate/readyz');
const testing = require('@rollgate/readyz/testing');
const core = require('@rollgate/core');
(async () => {
  ${USE}
})().catch((error) => { console.error(error); process.exit(1); });
`;

let dir: string;
let recorder: LoadRecorder;
let n = 0;

// `pnpm test` builds every package before vitest runs; a bare `vitest run` builds what is missing.
// Rebuilding here would race other suites that import the same dist files (tsup cleans dist first).
async function build(): Promise<void> {
  for (const pkg of ['contract', 'core', 'readyz']) {
    const built = await access(join(root, 'packages', pkg, 'dist', 'index.cjs')).then(
      () => true,
      () => false,
    );
    if (!built) await run('pnpm', ['--filter', `@rollgate/${pkg}`, 'build'], { cwd: root });
  }
}

interface Spawned {
  loaded: string[];
  beforeUse: string[];
  result: { exports: string[]; testing: string[]; status: number; body: string; metricsError?: string };
}

async function spawnNode(args: string[]): Promise<Spawned> {
  n += 1;
  const log = join(dir, `loads-${n}.log`);
  await writeFile(log, '');
  const env: NodeJS.ProcessEnv = { ...process.env, ROLLGATE_LOAD_LOG: log };
  delete env.NODE_OPTIONS;
  const { stdout } = await run(process.execPath, ['--require', recorder.preload, ...args], {
    cwd: packageDir, // so `@rollgate/readyz` resolves through the package's own exports map
    env,
  });
  const lines = (await readFile(log, 'utf8')).split('\n').filter(Boolean);
  const marker = lines.indexOf('#imported');
  return {
    loaded: lines,
    beforeUse: marker === -1 ? lines : lines.slice(0, marker),
    result: JSON.parse(stdout) as Spawned['result'],
  };
}

const isZod = (path: string) => path.replace(/\\/g, '/').includes('/zod/');
const isPromClient = (path: string) => path.replace(/\\/g, '/').includes('/prom-client/');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rollgate-import-cost-'));
  recorder = await writeLoadRecorder(dir, ['prom-client']);
  await build();
}, 300_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('importing the built @rollgate/readyz', () => {
  it('through the ESM entry loads no zod and no prom-client, and works without prom-client', async () => {
    const spawned = await spawnNode(['--import', recorder.register, '--input-type=module', '-e', ESM_MAIN]);
    // The recorder saw the built ESM files, so an empty zod list is evidence, not silence.
    expect(spawned.beforeUse.some((p) => p.endsWith('/readyz/dist/index.js'))).toBe(true);
    expect(spawned.beforeUse.some((p) => p.endsWith('/readyz/dist/testing.js'))).toBe(true);
    expect(spawned.beforeUse.some((p) => p.includes('/core/dist/index.js'))).toBe(true);
    expect(spawned.loaded.filter(isZod)).toEqual([]);
    expect(spawned.loaded.filter(isPromClient)).toEqual([]);
    expect(spawned.result.exports).toContain('createReadyz');
    expect(spawned.result.testing).toContain('checkReadyzConformance');
    expect(spawned.result.status).toBe(200);
    expect(spawned.result.body).toBe('{"status":"ok"}');
    expect(spawned.result.metricsError).toBe('ROLLGATE_ERR_READYZ_PROM_CLIENT_MISSING');
  });

  it('through the CommonJS entry loads no zod and no prom-client, and works without prom-client', async () => {
    const spawned = await spawnNode(['-e', CJS_MAIN]);
    expect(spawned.beforeUse.some((p) => p.endsWith('/readyz/dist/index.cjs'))).toBe(true);
    expect(spawned.beforeUse.some((p) => p.endsWith('/readyz/dist/testing.cjs'))).toBe(true);
    expect(spawned.beforeUse.some((p) => p.includes('/core/dist/index.cjs'))).toBe(true);
    expect(spawned.loaded.filter(isZod)).toEqual([]);
    expect(spawned.loaded.filter(isPromClient)).toEqual([]);
    expect(spawned.result.exports).toContain('createReadyz');
    expect(spawned.result.status).toBe(200);
    expect(spawned.result.body).toBe('{"status":"ok"}');
    expect(spawned.result.metricsError).toBe('ROLLGATE_ERR_READYZ_PROM_CLIENT_MISSING');
  });

  it('would notice zod: the same recorder sees it when @rollgate/contract is imported', async () => {
    const main = `
      import { appendFileSync } from 'node:fs';
      await import('@rollgate/contract');
      process.stdout.write(JSON.stringify({ exports: [], testing: [], status: 0, body: '' }));
    `;
    const esm = await spawnNode(['--import', recorder.register, '--input-type=module', '-e', main]);
    expect(esm.loaded.filter(isZod).length).toBeGreaterThan(0);
    const cjs = await spawnNode([
      '-e',
      `require('@rollgate/contract'); process.stdout.write(JSON.stringify({ exports: [], testing: [], status: 0, body: '' }));`,
    ]);
    expect(cjs.loaded.filter(isZod).length).toBeGreaterThan(0);
  });
});
