// `rollgate serve-analysis` in the foreground: it listens, answers, and a signal closes it with exit 0. Bad files
// stop it before it listens, with exit 2, as does a port in use or a host that is not this machine's.
import { EventEmitter } from 'node:events';
import { type AddressInfo, createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../testing/memory-io.js';
import { DOCUMENTS, ROOT } from '../testing/paths.js';
import { runCli } from './program.js';
import { serveAnalysisCommand } from './serve-analysis.js';

const RULES = `${DOCUMENTS}rollback_rules.yaml`;
const QUERIES = `${ROOT}examples/prometheus/metric-queries.yaml`;
/** serve-analysis on the demo's documents, before --port and --host. */
const SERVE = [
  'serve-analysis',
  '--rules',
  RULES,
  '--queries',
  QUERIES,
  '--prometheus',
  'http://127.0.0.1:1',
];

describe('rollgate serve-analysis', () => {
  it('listens, answers /livez and an analysis request, and exits 0 on SIGTERM', async () => {
    const io = memoryIo();
    const signals = new EventEmitter();
    const running = serveAnalysisCommand(
      { rules: RULES, queries: QUERIES, prometheus: 'http://127.0.0.1:1', port: '0', host: '127.0.0.1' },
      io,
      signals,
    );
    let port: number | undefined;
    for (let i = 0; i < 100 && port === undefined; i++) {
      port = Number(io.err().match(/listening on http:\/\/127\.0\.0\.1:(\d+)/)?.[1]) || undefined;
      if (port === undefined) await new Promise((r) => setTimeout(r, 50));
    }
    expect(port).toBeGreaterThan(0);
    const live = await fetch(`http://127.0.0.1:${port}/livez`);
    expect(live.status).toBe(200);
    const analysis = await fetch(`http://127.0.0.1:${port}/v1/analysis?service=orders-api`);
    expect(analysis.status).toBe(200);
    expect((await analysis.json()).decision).toBe('inconclusive');
    signals.emit('SIGTERM');
    expect(await running).toBe(0);
    expect(io.err()).toContain('rollgate serve-analysis: stopped\n');
  });

  it('exits 2 with one line per problem when a file is missing, before listening', async () => {
    const io = memoryIo();
    const code = await runCli(
      ['serve-analysis', '--rules', 'nope.yaml', '--queries', QUERIES, '--prometheus', 'http://127.0.0.1:1'],
      io,
    );
    expect(code).toBe(2);
    expect(io.err()).toBe('rollgate serve-analysis: nope.yaml: file not found\n');
  });

  it('exits 2 for a bad port', async () => {
    const io = memoryIo();
    expect(await runCli([...SERVE, '--port', 'eighty'], io)).toBe(2);
    expect(io.err()).toBe('rollgate serve-analysis: --port: expected a port from 0 to 65535, got "eighty"\n');
  });

  it('exits 2 naming the flag when the port is taken or the host is not this machine’s, and closes cleanly', async () => {
    const taken = createServer();
    await new Promise<void>((done) => taken.listen(0, '127.0.0.1', done));
    const port = (taken.address() as AddressInfo).port;
    try {
      const io = memoryIo();
      expect(await runCli([...SERVE, '--host', '127.0.0.1', '--port', String(port)], io)).toBe(2);
      expect(io.err()).toBe(`rollgate serve-analysis: --port: 127.0.0.1:${port} is already in use\n`);
    } finally {
      taken.close();
    }
    // 192.0.2.1 is TEST-NET-1 (RFC 5737): never an address of this machine.
    const io = memoryIo();
    expect(await runCli([...SERVE, '--host', '192.0.2.1', '--port', '0'], io)).toBe(2);
    expect(io.err()).toBe('rollgate serve-analysis: --host: 192.0.2.1 is not an address of this machine\n');
  });
});
