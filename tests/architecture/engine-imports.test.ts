// The architecture, checked on the BUILT packages: the health engine (`@rollgate/core`), the router
// (`@rollgate/readyz`) and every adapter subpath load neither zod nor any evaluator code, in ESM and CJS, nor
// @opentelemetry/api while no OpenTelemetry global is registered (core/src/tracing/otel.ts).
// A fresh `node` records every file it resolves (ESM through a module.register() resolve hook, CJS through
// Module._resolveFilename); each loaded file of @rollgate/core's dist is then searched for the evaluators'
// entry points, so code split into a shared chunk is caught too. `pnpm test` builds before vitest runs.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoadRecorder, writeLoadRecorder } from '../support/index.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
// Inside packages/adapters every @rollgate package resolves to its built exports.
const cwd = join(root, 'packages/adapters');

// Names only evaluator code defines; one of them in a loaded file means evaluator code was loaded.
const EVALUATOR_MARKERS = [
  'evaluateRollback',
  'compileRules',
  'advanceCanary',
  'startCanary',
  'evaluateGate',
  'createEmitter',
];

const ENGINE_ENTRIES = [
  '@rollgate/core',
  '@rollgate/readyz',
  '@rollgate/adapters',
  '@rollgate/adapters/fastify',
  '@rollgate/adapters/express',
  '@rollgate/adapters/node',
  '@rollgate/adapters/fetch',
  '@rollgate/adapters/probes',
  '@rollgate/adapters/shutdown',
];

let dir: string;
let recorder: LoadRecorder;

beforeAll(async () => {
  for (const entry of [
    'core/dist/index.js',
    'core/dist/rules.js',
    'readyz/dist/index.js',
    'adapters/dist/index.js',
  ]) {
    if (!existsSync(join(root, 'packages', entry)))
      throw new Error(`packages/${entry} is missing: run pnpm build`);
  }
  dir = await mkdtemp(join(tmpdir(), 'rollgate-imports-'));
  recorder = await writeLoadRecorder(dir);
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

interface Loaded {
  zod: boolean;
  otel: boolean;
  evaluatorFiles: string[];
}

// A health and its router answering a real check, so a lazily loaded module would show.
const SERVE_ONE_CHECK = `
  const { createHealth } = await import('@rollgate/core');
  const { createReadyz } = await import('@rollgate/readyz');
  const health = createHealth({ service: 's', version: '1' });
  health.register({ name: 'db', check: () => true });
  const answer = await createReadyz(health).handle({ method: 'GET', path: '/readyz' });
  if (answer.status !== 200) process.exit(3);`;

async function load(specifier: string, format: 'esm' | 'cjs', script?: string): Promise<Loaded> {
  const log = join(dir, `${format}-${specifier.replace(/[^a-z]/g, '_')}.log`);
  await writeFile(log, '');
  const args =
    format === 'esm'
      ? [
          '--import',
          recorder.register,
          '--input-type=module',
          '-e',
          script ?? `await import('${specifier}');`,
        ]
      : ['--require', recorder.preload, '-e', `require('${specifier}');`];
  await run(process.execPath, args, { cwd, env: { ...process.env, ROLLGATE_LOAD_LOG: log } });
  const files = readFileSync(log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((entry) => (entry.startsWith('file://') ? fileURLToPath(entry) : entry));
  const coreFiles = [...new Set(files)].filter((file) => /packages\/core\/dist\/.*\.c?js$/.test(file));
  return {
    zod: files.some((file) => /node_modules\/zod\//.test(file) || /\/zod\/.*\.c?js$/.test(file)),
    otel: files.some((file) => /@opentelemetry\/api\//.test(file)),
    evaluatorFiles: coreFiles
      .filter((file) => EVALUATOR_MARKERS.some((marker) => readFileSync(file, 'utf8').includes(marker)))
      .map((file) => file.slice(file.indexOf('packages/'))),
  };
}

describe.each(['esm', 'cjs'] as const)('importing the built packages (%s)', (format) => {
  it('sees zod and evaluator code where they are loaded (the detector works)', async () => {
    for (const specifier of [
      '@rollgate/core/rules',
      '@rollgate/core/canary',
      '@rollgate/core/gate',
      '@rollgate/core/events',
    ]) {
      const loaded = await load(specifier, format);
      expect({ specifier, zod: loaded.zod, evaluator: loaded.evaluatorFiles.length > 0 }).toEqual({
        specifier,
        zod: true,
        evaluator: true,
      });
      // The gate's spans and the events' OpenTelemetry sink import the API at once: the detector sees it.
      if (specifier === '@rollgate/core/gate') expect(loaded.otel).toBe(true);
    }
  });

  it('the engine, the router and every adapter subpath load neither zod, evaluator code nor the OpenTelemetry API', async () => {
    for (const specifier of ENGINE_ENTRIES) {
      const loaded = await load(specifier, format);
      expect({ specifier, ...loaded }).toEqual({ specifier, zod: false, otel: false, evaluatorFiles: [] });
    }
  });
});

describe('the OpenTelemetry API, loaded only once something can record', () => {
  it('a health answering a real check without an OpenTelemetry global never loads it', async () => {
    const loaded = await load('serve-one-check', 'esm', SERVE_ONE_CHECK);
    expect(loaded).toEqual({ zod: false, otel: false, evaluatorFiles: [] });
  });

  it('once a host registers a global, the same check records its span through it', async () => {
    const script = `
      const api = await import('@opentelemetry/api');
      const names = [];
      const span = (name) => ({ spanContext: () => api.INVALID_SPAN_CONTEXT, setAttribute() { return this; },
        setAttributes() { return this; }, addEvent() { return this; }, addLink() { return this; },
        addLinks() { return this; }, setStatus() { return this; }, updateName() { return this; },
        end: () => names.push(name), isRecording: () => true, recordException() {} });
      api.trace.setGlobalTracerProvider({ getTracer: () => ({ startSpan: (name) => span(name) }) });
      ${SERVE_ONE_CHECK}
      if (names.join() !== 'readyz.probe,readyz.check') process.exit(4);`;
    const loaded = await load('serve-one-check-traced', 'esm', script);
    expect(loaded.otel).toBe(true);
  });
});
