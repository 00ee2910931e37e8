import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createReadyz } from '../create-readyz.js';
import { healthWith } from '../test-kit.js';
import {
  assertReadyzConformance,
  checkReadyzConformance,
  type FetchLike,
  formatConformanceDiff,
} from '../testing.js';

/** A dependency as the kit sees it: hooks that break and mend it, and a probe reading its state. */
function switchable(error: string) {
  let down = false;
  return {
    check: () => {
      if (down) throw new Error(error);
      return true;
    },
    hooks: {
      fail: () => {
        down = true;
      },
      restore: () => {
        down = false;
      },
    },
  };
}

const only = (findings: { check: string; ok: boolean }[], prefix: string) =>
  findings.filter((f) => f.check.startsWith(prefix)).map((f) => [f.check, f.ok]);

describe('checkReadyzConformance({ dependencies })', () => {
  it('breaks and mends each dependency: 200, 503 naming it with an error, liveness 200, then 200 again', async () => {
    const redis = switchable('PING timeout after 300ms');
    const postgres = switchable('connect ECONNREFUSED 127.0.0.1:5432');
    const readyz = createReadyz(
      healthWith([
        { name: 'Redis', check: redis.check },
        { name: 'Postgres', check: postgres.check },
      ]),
    );
    const findings = await assertReadyzConformance(readyz.fetch, {
      dependencies: { Redis: redis.hooks, Postgres: postgres.hooks },
      pollIntervalMs: 20,
    });
    expect(only(findings, 'dependency.')).toEqual(
      ['Redis', 'Postgres'].flatMap((name) => [
        [`dependency.${name}.healthy`, true],
        [`dependency.${name}.fails`, true],
        [`dependency.${name}.names-dependency`, true],
        [`dependency.${name}.error`, true],
        [`dependency.${name}.liveness`, true],
        [`dependency.${name}.restores`, true],
      ]),
    );
    const fails = findings.find((f) => f.check === 'dependency.Redis.fails');
    expect(fails?.elapsedMs).toBeLessThan(5000);
    expect(fails?.message).toMatch(/^503 after \d+ ms$/);
  });

  it('fails, with a readable diff, a /readyz that ignores the dependency being down', async () => {
    const redis = switchable('down');
    const real = createReadyz(healthWith([{ name: 'Redis', check: redis.check }]));
    const unaware = createReadyz(healthWith([{ name: 'Redis', check: () => true }]));
    // Readiness from a service that never asks Redis; liveness from the real router.
    const target: FetchLike = (request) =>
      new URL(request.url).pathname === '/readyz' ? unaware.fetch(request) : real.fetch(request);
    const options = { dependencies: { Redis: redis.hooks }, failWithinMs: 300, pollIntervalMs: 50 };
    const findings = await checkReadyzConformance(target, options);
    expect(only(findings, 'dependency.')).toEqual([
      ['dependency.Redis.healthy', true],
      ['dependency.Redis.fails', false],
      ['dependency.Redis.liveness', true],
      ['dependency.Redis.restores', true],
    ]);
    const diff = formatConformanceDiff(findings);
    expect(diff).toMatch(
      /^readyz conformance: 1 of \d+ checks failed\n✗ dependency\.Redis\.fails\n {2}- expected: GET \/readyz → 503 within 300 ms of Redis failing\n {2}\+ actual: {3}still 200 \{"status":"ok"\} after \d+ ms$/,
    );
    await expect(assertReadyzConformance(target, options)).rejects.toThrow(diff.split('\n')[1] as string);
  });

  it('fails a 503 without an error (details withheld), and liveness that fails with the dependency', async () => {
    const redis = switchable('down');
    const readyz = createReadyz(
      healthWith([{ name: 'Redis', check: redis.check, groups: ['readiness', 'liveness'] }]),
      {
        details: 'never',
      },
    );
    const findings = await checkReadyzConformance(readyz.fetch, {
      dependencies: { Redis: redis.hooks },
      pollIntervalMs: 20,
    });
    expect(only(findings, 'dependency.').filter(([, ok]) => !ok)).toEqual([
      ['dependency.Redis.error', false],
      ['dependency.Redis.liveness', false],
    ]);
  });

  it('reports a hook that throws and still restores, never throwing itself', async () => {
    let restored = 0;
    const readyz = createReadyz(healthWith([{ name: 'Redis', check: () => true }]));
    const findings = await checkReadyzConformance(readyz.fetch, {
      dependencies: {
        Redis: {
          fail: () => {
            throw new Error('docker: no such container');
          },
          restore: () => {
            restored++;
          },
        },
      },
    });
    expect(findings.find((f) => f.check === 'dependency.Redis.fail-hook')).toMatchObject({
      ok: false,
      actual: 'fail() threw: docker: no such container',
    });
    expect(restored).toBe(1);
  });

  // node:test is the runner with no globals at all: if the kit runs there, it imports nothing runner-specific.
  // The file imports the BUILT package (`pnpm test` builds first), exactly as a host project would.
  const builtTesting = fileURLToPath(new URL('../../dist/testing.js', import.meta.url));
  it.skipIf(!existsSync(builtTesting))('runs under node --test against the built package', async () => {
    const file = fileURLToPath(new URL('./node-test-runner.fixture.mjs', import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, ['--test', '--test-reporter=tap', file], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      timeout: 60_000,
    });
    expect(stdout).toMatch(/^# pass 2$/m);
    expect(stdout).toMatch(/^# fail 0$/m);
  });
});
