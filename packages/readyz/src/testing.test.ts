import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createReadyz } from './create-readyz.js';
import { failWith, healthWith, pass } from './test-kit.js';
import {
  type ConformanceFinding,
  checkReadyzConformance,
  type FetchLike,
  formatFindings,
} from './testing.js';

const failed = (findings: readonly ConformanceFinding[]) => findings.filter((f) => !f.ok);
const servers: Server[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** Mounts readyz on node:http under `prefix`, as the README shows, and returns the base URL. */
async function serve(readyz: ReturnType<typeof createReadyz>): Promise<string> {
  const server = createServer(async (req, res) => {
    if (!readyz.matches(req.url ?? '/')) {
      res.writeHead(404).end('app route');
      return;
    }
    const answer = await readyz.handle({
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers: req.headers,
    });
    res.writeHead(answer.status, answer.headers).end(answer.body);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('checkReadyzConformance()', () => {
  it('passes for the router through readyz.fetch, healthy or failing, details on or off', async () => {
    const variants = [
      createReadyz(healthWith([{ name: 'db', check: pass }])),
      createReadyz(healthWith([{ name: 'Redis', check: failWith('PING timeout after 300ms') }])),
      createReadyz(healthWith([{ name: 'Redis', check: failWith('down') }]), { details: 'never' }),
      createReadyz(healthWith([{ name: 'search', check: failWith('502'), critical: false }])),
    ];
    for (const readyz of variants) {
      const findings = await checkReadyzConformance(readyz.fetch);
      expect(formatFindings(findings)).toBe('');
      expect(findings.length).toBeGreaterThanOrEqual(20);
      expect(new Set(findings.map((f) => f.check))).toEqual(
        new Set([
          'readyz.status',
          'readyz.cache-control',
          'readyz.content-type',
          'readyz.body',
          ...(findings.some((f) => f.check === 'readyz.ok-body') ? ['readyz.ok-body'] : []),
          'head.no-body',
          'head.status',
          'head.cache-control',
          'post.405',
          'post.allow',
          'post.cache-control',
          'post.content-type',
          'unknown-probe.404',
          'unknown-probe.cache-control',
          'unknown-probe.content-type',
          'verbose.status',
          'verbose.checks',
          'livez.status',
          'livez.cache-control',
          'livez.content-type',
          'livez.body',
          'livez.ok-body',
          'health-json.cache-control',
          'health-json.content-type',
          'health-json.status',
        ]),
      );
    }
  });

  it('passes against a real node:http server mounted under a prefix, by URL', async () => {
    const readyz = createReadyz(healthWith([{ name: 'db', check: pass }]), { prefix: '/ops' });
    const base = await serve(readyz);
    const findings = await checkReadyzConformance(`${base}/ops/`);
    expect(formatFindings(findings)).toBe('');
  });

  it('follows renamed paths', async () => {
    const readyz = createReadyz(healthWith([{ name: 'db', check: pass }]), {
      paths: { readyz: '/ready', livez: '/alive' },
    });
    const findings = await checkReadyzConformance(readyz.fetch, {
      readyzPath: '/ready',
      livezPath: '/alive',
    });
    expect(failed(findings)).toEqual([]);
  });

  it('reports every way a naive endpoint breaks the table', async () => {
    // A typical hand-rolled health route: 200 "OK" as text for any method and any path, cached.
    const naive: FetchLike = async () =>
      new Response('OK', {
        status: 200,
        headers: { 'content-type': 'text/plain', 'cache-control': 'max-age=60' },
      });
    const findings = await checkReadyzConformance(naive);
    const broken = failed(findings).map((f) => f.check);
    expect(broken).toEqual(
      expect.arrayContaining([
        'readyz.cache-control',
        'readyz.content-type',
        'readyz.body',
        'head.no-body',
        'post.405',
        'post.allow',
        'unknown-probe.404',
        'health-json.content-type',
        'health-json.status',
      ]),
    );
    expect(formatFindings(findings)).toContain('✗ post.405: POST /readyz → 200');
  });

  it('a 200 that is not exactly {"status":"ok"} is reported', async () => {
    const chatty: FetchLike = async (req) => {
      const body = req.method === 'HEAD' ? null : JSON.stringify({ status: 'ok', uptime: 12 });
      return new Response(body, {
        status: 200,
        headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
      });
    };
    const findings = await checkReadyzConformance(chatty, { healthJson: false, livezPath: false });
    expect(failed(findings).map((f) => f.check)).toContain('readyz.ok-body');
  });

  it('an unreachable endpoint is a list of failed findings, not a throw', async () => {
    const findings = await checkReadyzConformance('http://127.0.0.1:9', {
      fetch: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:9')),
    });
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => !f.ok)).toBe(true);
    expect(findings[0]?.message).toContain('ECONNREFUSED');
  });

  it('sends the extra headers with every request', async () => {
    const seen: (string | null)[] = [];
    const readyz = createReadyz(healthWith([{ name: 'db', check: pass }]));
    await checkReadyzConformance(
      (req) => {
        seen.push(req.headers.get('authorization'));
        return readyz.fetch(req);
      },
      { headers: { authorization: 'Bearer t' } },
    );
    expect(seen.length).toBeGreaterThan(5);
    expect(seen.every((h) => h === 'Bearer t')).toBe(true);
  });
});
