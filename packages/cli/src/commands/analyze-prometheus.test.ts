// `analyze --prometheus` from the command line's side: input mistakes stop before any query with exit 2, and a
// Prometheus that cannot be reached is the evaluator's provider error: inconclusive, exit 3, never a promote.
// The verdicts against a real Prometheus are in the analysis' own tests.
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../testing/memory-io.js';
import { DOCUMENTS, ROOT } from '../testing/paths.js';
import { runCli } from './program.js';

const RULES = `${DOCUMENTS}rollback_rules.yaml`;
const QUERIES = `${ROOT}examples/prometheus/metric-queries.yaml`;

// A port nothing listens on: bound, then closed, so the connection is refused at once.
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

describe('rollgate analyze --prometheus', () => {
  it('exits 3 (inconclusive) naming the provider error when Prometheus refuses the connection', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const io = memoryIo();
    const code = await runCli(
      [
        'analyze',
        '--rules',
        RULES,
        '--prometheus',
        url,
        '--queries',
        QUERIES,
        '--var',
        'service=orders-api',
        '--json',
      ],
      io,
    );
    expect(code).toBe(3);
    const { decision, event } = JSON.parse(io.out());
    expect(decision.action).toBe('inconclusive');
    expect(event).toBeNull();
    expect(decision.reasons.map((r: { status: string }) => r.status)).toEqual(['error', 'error', 'error']);
    expect(decision.summary).toContain('Prometheus unreachable');
  });

  it('exits 2 before any query when a variable has no value, naming the queries file', async () => {
    const io = memoryIo();
    const code = await runCli(
      ['analyze', '--rules', RULES, '--prometheus', 'http://127.0.0.1:1', '--queries', QUERIES],
      io,
    );
    expect(code).toBe(2);
    expect(io.err()).toMatch(/^rollgate analyze: .*metric-queries\.yaml: .*service/m);
    expect(io.out()).toBe('');
  });

  it('exits 2 with one line without --queries, or for a bad --step', async () => {
    const noQueries = memoryIo();
    expect(await runCli(['analyze', '--rules', RULES, '--prometheus', 'http://127.0.0.1:1'], noQueries)).toBe(
      2,
    );
    expect(noQueries.err()).toBe('rollgate analyze: --queries is required with --prometheus\n');
    const badStep = memoryIo();
    const args = ['analyze', '--rules', RULES, '--prometheus', 'http://127.0.0.1:1', '--queries', QUERIES];
    expect(await runCli([...args, '--step', 'often'], badStep)).toBe(2);
    expect(badStep.err()).toBe(
      'rollgate analyze: --step: expected a duration such as 15s or 1m, got "often"\n',
    );
  });

  it('shows no progress when stderr is not a terminal', async () => {
    const io = memoryIo();
    const url = `http://127.0.0.1:${await closedPort()}`;
    await runCli(
      ['analyze', '--rules', RULES, '--prometheus', url, '--queries', QUERIES, '--var', 'service=a'],
      io,
    );
    expect(io.err()).not.toContain('querying');
    expect(io.out()).toMatch(/^INCONCLUSIVE /);
  });

  it('shows progress on stderr when it is a terminal, and keeps stdout clean', async () => {
    // A Prometheus that accepts and never answers: the queries run until their 1 s timeout, long enough to show.
    const sockets = new Set<import('node:net').Socket>();
    const silent = createServer((socket) => sockets.add(socket));
    await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done));
    const { port } = silent.address() as { port: number };
    try {
      const io = memoryIo({ tty: true, env: { NO_COLOR: '1' } });
      const args = [
        'analyze',
        '--rules',
        RULES,
        '--prometheus',
        `http://127.0.0.1:${port}`,
        '--queries',
        QUERIES,
      ];
      expect(await runCli([...args, '--var', 'service=a', '--timeout', '1s'], io)).toBe(3);
      expect(io.err()).toContain('querying');
      expect(io.out()).not.toContain('querying');
      expect(io.out()).toMatch(/^INCONCLUSIVE /);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((done) => silent.close(done));
    }
  });
});
