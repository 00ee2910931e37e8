import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseContract } from '@rollgate/contract';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../testing/memory-io.js';
import { DOCUMENTS, INPUTS } from '../testing/paths.js';
import { runCli } from './program.js';

const RULES = `${DOCUMENTS}rollback_rules.yaml`;
const SAMPLES = `${INPUTS}canary_samples.json`;
const context = ['--var', 'service=orders-api', '--var', 'environment=production', '--var', 'version=1.4.0'];

async function analyze(...args: string[]) {
  const io = memoryIo();
  const code = await runCli(['analyze', '--rules', RULES, ...args], io);
  return { code, out: io.out(), err: io.err() };
}

describe('rollgate analyze --samples', () => {
  it('exits 4 on rollback, with each rule observed against its threshold and window, and the event', async () => {
    const { code, out, err } = await analyze(
      '--samples',
      SAMPLES,
      '--now',
      '2025-10-02T12:14:00Z',
      ...context,
    );
    expect(err).toBe('');
    expect(code).toBe(4);
    const lines = out.split('\n');
    expect(lines[0]).toBe('ROLLBACK orders-api canary at 2025-10-02T12:14:00.000Z');
    expect(lines[2]).toMatch(/^ {2}rule +status +verdict +observed +threshold +window +samples$/);
    expect(lines[3]).toMatch(/^ {2}error-rate +breach +rollback +0\.06 +> 0\.02 for 2m +2m +5$/);
    expect(lines[4]).toMatch(/^ {2}p95-vs-baseline +pass +promote +1\.042 +> 2 for 5m +5m +22$/);
    expect(lines[5]).toMatch(/^ {2}contract-tests +pass +promote +0 +> 0 +5m +11$/);
    const eventLine = lines.findIndex((l) =>
      l.startsWith('rollback.requested on observability/deploy/rollback'),
    );
    const event = JSON.parse(lines[eventLine + 1] ?? '');
    expect(parseContract('rollback-requested', event).ok).toBe(true);
    expect(event).toMatchObject({
      service: 'orders-api',
      environment: 'production',
      observed: { metric: 'http.server.errors.rate', value: 0.06, window: '2m' },
    });
  });

  it('--json prints the decision and a rollback.requested event the contract accepts', async () => {
    const { code, out } = await analyze(
      '--samples',
      SAMPLES,
      '--now',
      '2025-10-02T12:14:00Z',
      '--json',
      ...context,
    );
    expect(code).toBe(4);
    const { decision, event } = JSON.parse(out);
    expect(decision.action).toBe('rollback');
    expect(decision.decidedBy).toEqual(['error-rate']);
    const parsed = parseContract('rollback-requested', event);
    expect(parsed.ok ? parsed.value.observed.value : parsed.issues).toBe(0.06);
  });

  it('exits 0 on promote while the canary is healthy', async () => {
    const { code, out } = await analyze('--samples', SAMPLES, '--now', '2025-10-02T12:11:00Z');
    expect(code).toBe(0);
    expect(out).toMatch(/^PROMOTE /);
    expect(out).not.toContain('rollback.requested');
  });

  it('exits 3 when the metrics the rules read are not in the file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rollgate-analyze-'));
    await writeFile(join(dir, 'samples.json'), '{"some.other.metric":[{"t":1759406400000,"value":1}]}');
    const io = memoryIo({ cwd: dir });
    const code = await runCli(['analyze', '--rules', RULES, '--samples', 'samples.json'], io);
    expect(code).toBe(3);
    expect(io.out()).toMatch(/^INCONCLUSIVE /);
  });

  it('defaults --now to the last sample with --samples', async () => {
    const { code, out } = await analyze('--samples', SAMPLES);
    expect(code).toBe(4);
    expect(out).toContain('at 2025-10-02T12:21:00.000Z');
  });

  it('without an event context, still exits 4 and says what the event needs', async () => {
    const { code, out } = await analyze('--samples', SAMPLES, '--now', '2025-10-02T12:14:00Z');
    expect(code).toBe(4);
    expect(out).toContain(
      'rollback.requested not built: --service (or --var service=…) is required; --environment (or --var environment=…) is required; --release-version (or --var version=…) is required\n',
    );
  });

  it('exits 2 for rules the contract refuses, each issue as file: path: message', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rollgate-analyze-'));
    await writeFile(
      join(dir, 'rules.yaml'),
      'rules:\n  - { id: e, kind: threshold, metric: m, op: ">", value: 1, for: soon }\n',
    );
    const io = memoryIo({ cwd: dir });
    const code = await runCli(['analyze', '--rules', 'rules.yaml', '--samples', SAMPLES], io);
    expect(code).toBe(2);
    expect(io.err()).toMatch(/^rollgate analyze: rules\.yaml: rules\[0\]\.for: expected a duration/);
    expect(io.out()).toBe('');
  });

  it('exits 2 with one line for conflicting or missing sources and bad flags', async () => {
    const both = await analyze('--samples', SAMPLES, '--prometheus', 'http://127.0.0.1:9');
    expect(both.code).toBe(2);
    expect(both.err).toBe('rollgate analyze: --samples and --prometheus cannot be used together\n');
    const none = await analyze();
    expect(none.code).toBe(2);
    expect(none.err).toBe(
      'rollgate analyze: --samples or --prometheus is required to have something to judge\n',
    );
    const badVar = await analyze('--samples', SAMPLES, '--var', 'service');
    expect(badVar.err).toBe('rollgate analyze: --var: expected name=value, got "service"\n');
    const missing = await analyze('--samples', 'nowhere.json');
    expect(missing.code).toBe(2);
    expect(missing.err).toBe('rollgate analyze: nowhere.json: file not found\n');
  });

  it('--html writes one self-contained page with the breach marked', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rollgate-analyze-'));
    const io = memoryIo({ cwd: dir });
    const code = await runCli(
      [
        'analyze',
        '--rules',
        RULES,
        '--samples',
        SAMPLES,
        '--now',
        '2025-10-02T12:14:00Z',
        '--html',
        'r.html',
      ],
      io,
    );
    expect(code).toBe(4);
    expect(io.out()).toContain('report written to r.html');
    const html = await readFile(join(dir, 'r.html'), 'utf8');
    expect(html).toContain(`data-breach-at="${Date.parse('2025-10-02T12:12:00Z')}"`);
    expect(html).not.toMatch(/<script|<link|@import|url\(/);
  });
});
