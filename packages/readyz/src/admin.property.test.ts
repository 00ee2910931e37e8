// Hostile input on the drill admin route: whatever the path, query, headers and peer, it answers (never throws),
// and no drill starts without the exact token from a loopback peer.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { constantTimeEqual, isLoopback } from './admin-access.js';
import { createReadyz } from './create-readyz.js';
import { healthWith, pass } from './test-kit.js';

const TOKEN = 'drill-token-0123456789abcdef';

describe('the admin route under arbitrary input', () => {
  it('never throws, never answers 5xx on an open health, and starts a drill only with the token from loopback', async () => {
    const health = healthWith([{ name: 'Redis', check: pass }]);
    const readyz = createReadyz(health, { admin: { token: TOKEN } });
    const peer = fc.oneof(
      fc.constantFrom(
        '127.0.0.1',
        '::1',
        '::ffff:127.0.0.1',
        '10.0.0.7',
        '::ffff:10.0.0.7',
        '127.0.0.1.evil',
      ),
      fc.string(),
      fc.constant(undefined),
    );
    const authorization = fc.oneof(
      fc.constant(`Bearer ${TOKEN}`),
      fc.constant(`bearer  ${TOKEN} `),
      fc.string().map((s) => `Bearer ${s}`),
      fc.string(),
      fc.constant(`Bearer ${TOKEN.slice(0, -1)}`),
    );
    const query = fc.oneof(
      fc.constantFrom('mode=fail&forMs=1000', 'mode=hang&forMs=5', 'mode=latency&latencyMs=5&forMs=5'),
      fc.string(),
      fc
        .tuple(fc.string(), fc.string(), fc.string())
        .map(([m, f, l]) => `mode=${encodeURIComponent(m)}&forMs=${encodeURIComponent(f)}&latencyMs=${l}`),
    );
    const method = fc.constantFrom('GET', 'HEAD', 'POST', 'DELETE', 'PUT', 'post');
    const probe = fc.oneof(fc.constant('Redis'), fc.string(), fc.constant('%E0%A4%A'));
    await fc.assert(
      fc.asyncProperty(method, probe, query, authorization, peer, async (m, p, q, auth, remoteAddress) => {
        health.endSimulation('Redis');
        const answer = await readyz.handle({
          method: m,
          path: `/readyz/admin/drills/${p}?${q}`,
          headers: { authorization: auth },
          ...(remoteAddress === undefined ? {} : { remoteAddress }),
        });
        expect(answer.status).toBeLessThan(500);
        const allowed =
          isLoopback(remoteAddress) && /^Bearer +\S+ *$/i.test(auth) && auth.trim().endsWith(TOKEN);
        if (health.drills().length > 0) expect(allowed).toBe(true);
        // Admin paths answer a remote peer 403; the rest (an empty probe segment) fall to the probe route's 404; a
        // malformed query (`latencyMs=%`) is refused 400 before any route is chosen, which tells a peer nothing.
        if (!isLoopback(remoteAddress)) expect([400, 403, 404, 405]).toContain(answer.status);
        if (answer.status === 400) expect(health.drills()).toEqual([]);
      }),
      { numRuns: 400 },
    );
    await health.close();
  });

  it('constant-time comparison agrees with equality on arbitrary byte strings', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.uint8Array({ maxLength: 40 }), (a, b) => {
        const equal = a.length === b.length && a.every((byte, i) => byte === b[i]);
        expect(constantTimeEqual(a, b)).toBe(equal);
        expect(constantTimeEqual(a, a)).toBe(true);
      }),
    );
  });
});
