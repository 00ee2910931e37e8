// Each published entry, loaded from the BUILT files in a fresh node process, ESM and CJS: importing
// one adapter never loads the other framework, and no entry loads a driver or zod. fastify, express,
// the drivers and zod's CJS build are CommonJS, so even when imported from ESM they show up in
// Module._cache (require.cache), which is what the child prints.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_DIR, requireFreshBuild } from '../tests/apps/built.js';

const run = promisify(execFile);

const WATCHED =
  /node_modules\/(fastify|express|express4|pg|ioredis|redis|@redis\/client|kafkajs|zod|prom-client)\//;

async function loadedBy(entry: string, format: 'esm' | 'cjs'): Promise<string[]> {
  const specifier =
    entry === '.' ? '@rollgate/adapters' : entry.includes('/') ? entry : `@rollgate/adapters/${entry}`;
  const script =
    format === 'esm'
      ? `import { createRequire } from 'node:module'; await import('${specifier}'); ` +
        'console.log(JSON.stringify(Object.keys(createRequire(import.meta.url).cache)));'
      : `require('${specifier}'); console.log(JSON.stringify(Object.keys(require.cache)));`;
  const args = format === 'esm' ? ['--input-type=module', '-e', script] : ['-e', script];
  // Run inside packages/adapters so '@rollgate/adapters' resolves to this package's exports (dist/).
  const { stdout } = await run(process.execPath, args, { cwd: PACKAGE_DIR });
  const files = JSON.parse(stdout) as string[];
  return [
    ...new Set(files.flatMap((file) => (WATCHED.exec(file)?.[1] ? [WATCHED.exec(file)![1]!] : []))),
  ].sort();
}

/** Every file in require.cache after an ESM import of the entry, outside the child's own script. */
async function cachedBy(entry: string): Promise<string[]> {
  const specifier = entry === '.' ? '@rollgate/adapters' : `@rollgate/adapters/${entry}`;
  const script =
    `import { createRequire } from 'node:module'; await import('${specifier}'); ` +
    'console.log(JSON.stringify(Object.keys(createRequire(import.meta.url).cache)));';
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: PACKAGE_DIR });
  return JSON.parse(stdout) as string[];
}

beforeAll(() => {
  requireFreshBuild();
});

describe.each(['esm', 'cjs'] as const)('the built entries (%s)', (format) => {
  it('are checked by a detector that does see a framework when one is loaded', async () => {
    expect(await loadedBy('express/index.js', format)).toEqual(['express']);
    expect(await loadedBy('fastify/fastify.js', format)).toEqual(['fastify']);
  });

  it('@rollgate/adapters/fastify loads no framework at all, and never Express', async () => {
    expect(await loadedBy('fastify', format)).toEqual([]);
  });

  it('@rollgate/adapters/express loads no framework at all, and never Fastify', async () => {
    expect(await loadedBy('express', format)).toEqual([]);
  });

  if (format === 'esm') {
    // A CommonJS package imported from ESM starts Node's CommonJS loader, a few ms of every cold start.
    it('load no CommonJS module at all when imported from ESM', async () => {
      for (const entry of ['.', 'fastify', 'express', 'node', 'fetch', 'probes', 'shutdown']) {
        expect({ entry, loaded: await cachedBy(entry) }).toEqual({ entry, loaded: [] });
      }
    });
  }

  it('@rollgate/adapters, /node, /fetch, /probes and /shutdown load no framework, no driver and no zod', async () => {
    for (const entry of ['.', 'node', 'fetch', 'probes', 'shutdown']) {
      expect({ entry, loaded: await loadedBy(entry, format) }).toEqual({ entry, loaded: [] });
    }
  });
});

describe('the fetch handler', () => {
  it('is at @rollgate/adapters/fetch (and the root entry), no longer under /node', async () => {
    const script =
      "const node = await import('@rollgate/adapters/node'); const fetch = await import('@rollgate/adapters/fetch');" +
      " const root = await import('@rollgate/adapters');" +
      ' console.log(JSON.stringify([typeof node.rollgateFetch, typeof fetch.rollgateFetch, typeof root.rollgateFetch]));';
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
      cwd: PACKAGE_DIR,
    });
    expect(JSON.parse(stdout)).toEqual(['undefined', 'function', 'function']);
  });
});
