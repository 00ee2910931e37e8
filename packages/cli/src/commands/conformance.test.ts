// `rollgate conformance` against a real service: readyz on node:http whose Redis probe PINGs a real redis-server,
// broken and mended by shell commands (SIGSTOP, SIGCONT) as an operator would run them.
import type { ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHealth } from '@rollgate/core';
import { createReadyz } from '@rollgate/readyz';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBinary } from '../../../../tests/support/binaries.js';
import {
  freePort,
  pingRedis,
  signal,
  spawnTracked,
  waitForExit,
  waitUntil,
} from '../../../../tests/support/index.js';
import { memoryIo } from '../testing/memory-io.js';
import { runCli } from './program.js';

let redis: ChildProcess;
let server: Server;
let url = '';

beforeAll(async () => {
  const port = await freePort();
  redis = spawnTracked(
    requireBinary('redis-server'),
    ['--port', String(port), '--bind', '127.0.0.1', '--save', ''],
    {
      stdio: 'ignore',
    },
  );
  await waitUntil(() => pingRedis(port), { timeoutMs: 10_000, describe: () => `redis-server on ${port}` });
  const health = createHealth({ service: 'orders-api', version: '1.4.0', cacheTtlMs: 0 });
  health.register({
    name: 'Redis',
    check: async () => {
      if (!(await pingRedis(port, 300))) throw new Error('PING timeout after 300ms');
    },
  });
  const readyz = createReadyz(health);
  server = createServer(async (req, res) => {
    const answer = await readyz.handle({
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers: req.headers,
    });
    res.writeHead(answer.status, answer.headers).end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  if (redis?.pid !== undefined) {
    signal(redis.pid, 'SIGCONT');
    signal(redis.pid, 'SIGTERM');
    await waitForExit(redis);
  }
});

describe('rollgate conformance', () => {
  it('exits 0 when readiness follows Redis being SIGSTOPped and resumed by shell commands', async () => {
    const pid = String(redis.pid);
    const io = memoryIo();
    const args = [
      'conformance',
      url,
      '--dependency',
      'Redis',
      '--fail',
      `kill -STOP ${pid}`,
      '--restore',
      `kill -CONT ${pid}`,
    ];
    const code = await runCli(args, io);
    expect(io.err()).toBe('');
    expect(code).toBe(0);
    const lines = io.out().trimEnd().split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        '✓ dependency.Redis.healthy 200 {"status":"ok"}',
        expect.stringMatching(/^✓ dependency\.Redis\.fails 503 after \d+ ms$/),
        '✓ dependency.Redis.names-dependency "dependency": "Redis"',
        '✓ dependency.Redis.error "error": "PING timeout after 300ms"',
        '✓ dependency.Redis.liveness 200 {"status":"ok"}',
        expect.stringMatching(/^✓ dependency\.Redis\.restores 200 after \d+ ms$/),
      ]),
    );
    expect(lines.at(-1)).toMatch(/^conforms: \d+ checks passed$/);
  });

  it('exits 1 with a diff for a dependency readiness ignores, and reports a failing hook command', async () => {
    const io = memoryIo();
    const args = ['conformance', url, '--fail-within', '300ms', '--json'];
    args.push('--dependency', 'Kafka', '--fail', 'true', '--restore', 'true');
    args.push('--dependency', 'Search', '--fail', 'echo no such container >&2; exit 3', '--restore', 'true');
    expect(await runCli(args, io)).toBe(1);
    const out = JSON.parse(io.out()) as {
      conforms: boolean;
      findings: { check: string; ok: boolean; actual?: string }[];
    };
    expect(out.conforms).toBe(false);
    expect(out.findings.filter((f) => !f.ok)).toEqual([
      expect.objectContaining({
        check: 'dependency.Kafka.fails',
        actual: expect.stringMatching(/^still 200 /),
      }),
      expect.objectContaining({
        check: 'dependency.Search.fail-hook',
        actual: 'fail() threw: "echo no such container >&2; exit 3" exited 3: no such container',
      }),
    ]);
  });

  it('ends a hook command that hangs at --hook-timeout', async () => {
    const io = memoryIo();
    const args = [
      'conformance',
      url,
      '--hook-timeout',
      '300ms',
      '--dependency',
      'Redis',
      '--fail',
      'sleep 30',
      '--restore',
      'true',
    ];
    const started = performance.now();
    expect(await runCli(args, io)).toBe(1);
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(io.out()).toContain('fail() threw: "sleep 30" did not finish within 300 ms');
  });

  it('exits 2 when --fail and --restore are not paired with --dependency, or the URL is not http', async () => {
    const unpaired = memoryIo();
    expect(await runCli(['conformance', url, '--dependency', 'Redis', '--fail', 'true'], unpaired)).toBe(2);
    expect(unpaired.err()).toBe(
      'rollgate conformance: --dependency: each --dependency needs one --fail and one --restore (got 1, 1 and 0)\n',
    );
    const bad = memoryIo();
    expect(await runCli(['conformance', 'ftp://host'], bad)).toBe(2);
    expect(bad.err()).toBe('rollgate conformance: <url>: expected an http(s) URL, got "ftp://host"\n');
  });
});
