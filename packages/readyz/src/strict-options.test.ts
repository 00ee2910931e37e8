// A misspelled option must not run with the defaults: `detail: 'never'` would serve the error text the host
// meant to hide. Every options object createReadyz reads refuses a key it does not know, naming the nearest.
import { isRollgateError, RollgateError } from '@rollgate/core';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createReadyz, READYZ_OPTION_KEYS } from './create-readyz.js';
import { DEFAULT_LIMITS } from './limits.js';
import { failWith, healthWith, pass, request } from './test-kit.js';
import type { ReadyzLimits, ReadyzMetricsOptions, ReadyzOptions, ReadyzPaths } from './types.js';

const health = () => healthWith([{ name: 'db', check: pass }]);

function thrown(attempt: () => unknown): RollgateError {
  try {
    attempt();
  } catch (error) {
    if (error instanceof RollgateError) return error;
    throw error;
  }
  throw new Error('expected a throw');
}

describe('createReadyz refuses an unknown option', () => {
  it('names a misspelled key and the key it most likely meant', () => {
    const error = thrown(() => createReadyz(health(), { detail: 'never' } as never));
    expect(isRollgateError(error, 'ROLLGATE_ERR_UNKNOWN_OPTION')).toBe(true);
    expect(error.message).toBe('createReadyz: unknown option "detail"; did you mean "details"?');
  });

  it('names a key with no near neighbour without guessing', () => {
    const error = thrown(() => createReadyz(health(), { colour: 'blue' } as never));
    expect(error.code).toBe('ROLLGATE_ERR_UNKNOWN_OPTION');
    expect(error.message).toBe('createReadyz: unknown option "colour"');
  });

  it.each([
    [
      'paths',
      { paths: { readz: false } },
      'createReadyz paths: unknown option "readz"; did you mean "readyz"?',
    ],
    [
      'limits',
      { limits: { maxPathByte: 10 } },
      'createReadyz limits: unknown option "maxPathByte"; did you mean "maxPathBytes"?',
    ],
    [
      'metrics',
      { metrics: { registry: new Registry(), prefx: 'aether_' } },
      'createReadyz metrics: unknown option "prefx"; did you mean "prefix"?',
    ],
  ])('in its nested %s option', (_nested, options, message) => {
    const error = thrown(() => createReadyz(health(), options as never));
    expect(error.code).toBe('ROLLGATE_ERR_UNKNOWN_OPTION');
    expect(error.message).toBe(message);
  });

  it('refuses options that are not an object', () => {
    for (const options of ['never', 42, null, []]) {
      expect(thrown(() => createReadyz(health(), options as never)).code).toBe(
        'ROLLGATE_ERR_READYZ_INVALID_OPTION',
      );
    }
    expect(thrown(() => createReadyz(health(), { limits: 'small' } as never)).code).toBe(
      'ROLLGATE_ERR_READYZ_INVALID_OPTION',
    );
    expect(thrown(() => createReadyz(health(), { paths: 'readyz' } as never)).code).toBe(
      'ROLLGATE_ERR_READYZ_INVALID_OPTION',
    );
  });
});

describe('createReadyz accepts every documented option', () => {
  it('at the top level, in paths, in limits and in metrics', async () => {
    // Typed as every key required: a key added to the types must be added here, and then be accepted.
    const paths: Required<ReadyzPaths> = {
      readyz: true,
      livez: '/alive',
      healthz: false,
      health: true,
      healthReady: true,
      healthLive: true,
      healthStartup: true,
      probe: '/probe',
      metrics: '/metrics',
      version: '/build',
      admin: '/admin',
    };
    const limits: ReadyzLimits = { ...DEFAULT_LIMITS };
    const metrics: Required<ReadyzMetricsOptions> = {
      registry: new Registry(),
      prefix: 'strict_',
      buckets: [0.1, 1],
      client: await import('prom-client'),
    };
    const options: Required<ReadyzOptions> = {
      prefix: '/ops',
      paths,
      details: 'never',
      metrics,
      limits,
      componentTypes: { db: 'datastore' },
      statusWords: { readiness: { ok: 'ready', degraded: 'degraded', fail: 'not_ready' } },
      admin: { token: 'a-long-enough-admin-token', allowRemote: false },
    };
    expect(Object.keys(options).sort()).toEqual([...READYZ_OPTION_KEYS].sort());
    const readyz = createReadyz(health(), options);
    expect((await request(readyz, '/ops/alive')).status).toBe(200);
    expect((await request(readyz, '/ops/probe/db')).status).toBe(200);
    expect(readyz.routes.map((route) => route.pattern)).toContain('/ops/admin/drills/:probe');
  });

  it('refuses unknown keys inside statusWords and admin, and an admin token too short to be a secret', () => {
    expect(
      thrown(() => createReadyz(health(), { statusWords: { readiness: { okay: 'ready' } } } as never)).code,
    ).toBe('ROLLGATE_ERR_UNKNOWN_OPTION');
    expect(thrown(() => createReadyz(health(), { statusWords: { ready: {} } } as never)).code).toBe(
      'ROLLGATE_ERR_UNKNOWN_OPTION',
    );
    expect(
      thrown(() =>
        createReadyz(health(), { admin: { token: 'a-long-enough-admin-token', remote: true } } as never),
      ).code,
    ).toBe('ROLLGATE_ERR_UNKNOWN_OPTION');
    expect(thrown(() => createReadyz(health(), { admin: { token: 'short' } })).code).toBe(
      'ROLLGATE_ERR_READYZ_INVALID_OPTION',
    );
    expect(thrown(() => createReadyz(health(), { statusWords: { readiness: { ok: 'Ready!' } } })).code).toBe(
      'ROLLGATE_ERR_READYZ_INVALID_OPTION',
    );
    expect(
      thrown(() => createReadyz(health(), { statusWords: { readiness: { ok: 'ready', fail: 'ready' } } }))
        .code,
    ).toBe('ROLLGATE_ERR_READYZ_INVALID_OPTION');
  });

  it('so that `details: never` spelled right withholds the error text', async () => {
    const readyz = createReadyz(healthWith([{ name: 'db', check: failWith('password=hunter2') }]), {
      details: 'never',
    });
    const answer = await request(readyz, '/readyz?verbose');
    expect(answer.status).toBe(503);
    expect(answer.body).not.toContain('hunter2');
  });
});
