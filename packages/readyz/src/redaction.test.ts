import { describe, expect, it } from 'vitest';
import { createReadyz } from './create-readyz.js';
import { healthWith, request } from './test-kit.js';

const SECRET = 's3cret';
const leaky = () => {
  throw new Error('connect ECONNREFUSED postgres://user:s3cret@db/x');
};

describe('credentials thrown by a probe never leave in a body', () => {
  it('in every route, format and detail level', async () => {
    const health = healthWith([
      { name: 'Postgres', check: leaky, groups: ['readiness', 'liveness', 'startup'] },
      { name: 'audit', check: leaky, critical: false },
    ]);
    const bodies: string[] = [];
    for (const details of ['always', 'never'] as const) {
      const readyz = createReadyz(health, { details });
      for (const path of [
        '/readyz',
        '/readyz?verbose',
        '/livez?verbose',
        '/health/startup?verbose',
        '/readyz/Postgres?verbose',
        '/readyz/audit',
        '/readyz?exclude=Postgres&verbose',
      ]) {
        for (const accept of ['application/json', 'application/health+json']) {
          const res = await request(readyz, path, { headers: { accept } });
          bodies.push(res.body);
          expect(res.body).not.toContain(SECRET);
          expect(JSON.stringify(res.headers)).not.toContain(SECRET);
        }
      }
    }
    // The failures are still there to triage, only without the password.
    expect(bodies.some((b) => b.includes('ECONNREFUSED') && b.includes('db/x'))).toBe(true);
  });

  it('even when the engine behind the router misbehaves and returns raw text', async () => {
    // A Health the real engine cannot be: its report carries the raw secret. The router redacts
    // again on the way out with the engine's redactor.
    const real = healthWith([]);
    const raw = 'auth failed for postgres://user:s3cret@db/x password=s3cret';
    const broken = Object.create(real, {
      check: {
        value: async () => ({
          status: 'fail',
          dependency: 'Postgres',
          error: raw,
          failures: [{ name: 'Postgres', critical: true, error: raw }],
          checks: [{ name: 'Postgres', status: 'fail', critical: true, duration_ms: 1, error: raw }],
        }),
      },
    });
    const readyz = createReadyz(broken);
    for (const accept of ['application/json', 'application/health+json']) {
      const res = await request(readyz, '/readyz?verbose', { headers: { accept } });
      expect(res.status).toBe(503);
      expect(res.body).not.toContain(SECRET);
      expect(res.body).toContain('Postgres');
    }
  });

  it('an engine whose check rejects (which the real one never does) still gets a 503, not a throw', async () => {
    const real = healthWith([]);
    const broken = Object.create(real, {
      check: { value: () => Promise.reject(new Error('postgres://user:s3cret@db/x')) },
      checkProbe: {
        value: () => {
          throw new Error('postgres://user:s3cret@db/x');
        },
      },
      probeNames: { value: () => ['Postgres'] },
    });
    const readyz = createReadyz(broken);
    for (const path of ['/readyz', '/readyz/Postgres']) {
      const res = await request(readyz, path);
      expect(res.status).toBe(503);
      expect(JSON.parse(res.body)).toMatchObject({ status: 'fail' });
      expect(res.body).not.toContain(SECRET);
    }
  });
});
