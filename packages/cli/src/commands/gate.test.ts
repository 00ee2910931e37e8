import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseContract } from '@rollgate/contract';
import { describe, expect, it } from 'vitest';
import { ANSI, memoryIo } from '../testing/memory-io.js';
import { DOCUMENTS, INPUTS } from '../testing/paths.js';
import { runCli } from './program.js';

const NOW = '2025-10-02T16:00:00+08:00';
const base = [
  'gate',
  '--manifest',
  `${DOCUMENTS}release-manifest.json`,
  '--policy',
  `${DOCUMENTS}gate_policy.yaml`,
  '--scorecard',
  `${INPUTS}scorecard.json`,
  '--now',
  NOW,
];

async function gate(...extra: string[]) {
  const io = memoryIo();
  const code = await runCli([...base, ...extra], io);
  return { code, out: io.out(), err: io.err() };
}

describe('rollgate gate', () => {
  it('exits 0 on approve and prints the decision with every reason', async () => {
    const { code, out } = await gate('--signals', `${INPUTS}signals.json`);
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toBe('APPROVE 2025.10.02 to production at 2025-10-02T16:00:00.000+08:00');
    expect(lines.filter((l) => l.includes('POLICY_PASSED'))).toHaveLength(9);
    expect(out).not.toMatch(ANSI);
  });

  it('exits 4 on reject, naming each failing policy', async () => {
    const { code, out } = await gate('--signals', `${INPUTS}signals-regressed.json`);
    expect(code).toBe(4);
    expect(out).toMatch(/^REJECT /);
    expect(out).toMatch(/✗ P95_ABOVE_LIMIT +p95 latency is 240 ms/);
    expect(out).toMatch(/✗ OPEN_CRITICAL_INCIDENTS /);
  });

  it('exits 3 when only a listed, unexpired waiver lets the release through', async () => {
    const manifest = JSON.parse(await readFile(`${DOCUMENTS}release-manifest.json`, 'utf8'));
    manifest.waivers = [
      {
        id: 'wvr-p95',
        policy: 'performance_p95_ms',
        reason: 'cold cache after the index migration',
        approved_by: 'bob',
        expires_at: '2025-10-09T00:00:00Z',
      },
    ];
    const dir = await mkdtemp(join(tmpdir(), 'rollgate-gate-'));
    await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest));
    await writeFile(
      join(dir, 'signals.json'),
      '{"p95_ms":240,"error_rate":0.004,"open_critical_incidents":0}',
    );
    const io = memoryIo({ cwd: dir });
    const args = ['gate', '--manifest', 'manifest.json', '--policy', `${DOCUMENTS}gate_policy.yaml`];
    const code = await runCli(
      [...args, '--scorecard', `${INPUTS}scorecard.json`, '--signals', 'signals.json', '--now', NOW],
      io,
    );
    expect(code).toBe(3);
    expect(io.out()).toMatch(/^WAIVER_REQUIRED /);
    expect(io.out()).toContain('WAIVER_APPLIED');
  });

  it("--json prints the contract's GateDecision", async () => {
    const { code, out } = await gate('--signals', `${INPUTS}signals-regressed.json`, '--json');
    expect(code).toBe(4);
    const parsed = parseContract('gate-decision', JSON.parse(out));
    expect(parsed.ok ? parsed.value.decision : parsed.issues).toBe('reject');
  });

  it('exits 2 for an unreadable input, naming the file, and decides nothing', async () => {
    const { code, out, err } = await gate('--signals', 'missing-signals.json');
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toBe('rollgate gate: missing-signals.json: file not found\n');
  });

  it('exits 2 when the policy itself is malformed, still printing why', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rollgate-gate-'));
    await writeFile(join(dir, 'policy.yaml'), 'policies: { error_rate: "about one percent" }\n');
    const io = memoryIo({ cwd: dir });
    const code = await runCli(
      ['gate', '--manifest', `${DOCUMENTS}release-manifest.json`, '--policy', 'policy.yaml', '--now', NOW],
      io,
    );
    expect(code).toBe(2);
    expect(io.out()).toMatch(/POLICY_INVALID .*error_rate/);
  });

  it('exits 2 with one line for a bad --now or a missing required flag', async () => {
    const bad = await gate('--now', 'yesterday');
    expect(bad.code).toBe(2);
    expect(bad.err).toBe(
      'rollgate gate: --now: expected an RFC 3339 instant such as 2025-10-02T12:21:00Z, got "yesterday"\n',
    );
    const io = memoryIo();
    expect(await runCli(['gate', '--manifest', 'm.json'], io)).toBe(2);
    expect(io.err()).toBe("rollgate gate: required option '--policy <file>' not specified\n");
  });
});
