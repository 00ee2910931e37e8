import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../testing/memory-io.js';
import { ROOT } from '../testing/paths.js';
import { runCli } from './program.js';

const FIXTURES = 'packages/cli/fixtures/lint-k8s';

describe('rollgate lint-k8s', () => {
  it('exits 0 on the repository examples, walking the directory', async () => {
    const io = memoryIo({ cwd: ROOT });
    expect(await runCli(['lint-k8s', 'examples'], io)).toBe(0);
    expect(io.out()).toMatch(/^✓ no findings \(\d+ files, \d+ workloads?\)\n$/);
    expect(io.err()).toBe('');
  });

  it('exits 1 and prints each finding with file#document, kind/name, container, path and code', async () => {
    const io = memoryIo({ cwd: ROOT });
    const code = await runCli(['lint-k8s', `${FIXTURES}/bad/liveness_on_readiness_path.yaml`], io);
    expect(code).toBe(1);
    expect(io.out()).toBe(
      `✗ ${FIXTURES}/bad/liveness_on_readiness_path.yaml#0 Deployment/orders-api container orders-api\n` +
        '  spec.template.spec.containers[0].livenessProbe.httpGet.path: livenessProbe GETs /readyz/postgres, a readiness path: a failing dependency would restart every pod; use /livez [liveness_on_readiness_path]\n' +
        '1 finding (1 file, 1 workload)\n',
    );
  });

  it('--json prints every finding of the bad fixtures', async () => {
    const io = memoryIo({ cwd: ROOT });
    expect(await runCli(['lint-k8s', `${FIXTURES}/bad`, '--json'], io)).toBe(1);
    const out = JSON.parse(io.out()) as { clean: boolean; findings: { code: string }[]; files: number };
    expect(out.clean).toBe(false);
    expect(out.files).toBe(8);
    expect(out.findings.map((f) => f.code).sort()).toEqual([
      'liveness_delay_without_startup',
      'liveness_on_readiness_path',
      'probe_port_undeclared',
      'probe_timeout_too_long',
      'readiness_probe_missing',
      'readiness_probe_path',
      'termination_grace_too_short',
      'thresholds_contradict_heartbeat',
    ]);
  });

  it('--drain-delay and --shutdown-timeout judge the grace period by the service’s own shutdown', async () => {
    const io = memoryIo({ cwd: ROOT });
    const args = [
      'lint-k8s',
      `${FIXTURES}/good/deployment.yaml`,
      '--drain-delay',
      '10s',
      '--shutdown-timeout',
      '25s',
    ];
    expect(await runCli(args, io)).toBe(1);
    expect(io.out()).toContain('the drain delay (10 s) plus the shutdown timeout (25 s) need 35');
  });

  it('exits 2 on a missing path, an unreadable document or a bad flag, one line each', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rollgate-lint-'));
    await writeFile(join(dir, 'broken.yaml'), 'kind: Deployment\nspec: [unclosed\n');
    const io = memoryIo({ cwd: dir });
    expect(await runCli(['lint-k8s', 'broken.yaml', 'missing.yaml'], io)).toBe(2);
    expect(io.err()).toMatch(
      /^rollgate lint-k8s: missing\.yaml: file not found\nrollgate lint-k8s: broken\.yaml: document\[0\]: YAML: .+\n$/,
    );
    // Never a ✓ beside an exit 2: what could not be read is counted in the summary.
    expect(io.out()).toBe('✗ 2 inputs could not be linted; no findings in the rest (1 file, 0 workloads)\n');
    const flag = memoryIo({ cwd: dir });
    expect(await runCli(['lint-k8s', '.', '--readiness-path', 'readyz'], flag)).toBe(2);
    expect(flag.err()).toBe(
      'rollgate lint-k8s: --readiness-path: expected a path such as /readyz, got "readyz"\n',
    );
  });

  it('passes a path with no workload, with a note that nothing was linted', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rollgate-lint-'));
    await writeFile(join(dir, 'service.yaml'), 'apiVersion: v1\nkind: Service\nmetadata: { name: orders }\n');
    const io = memoryIo({ cwd: dir });
    expect(await runCli(['lint-k8s', 'service.yaml'], io)).toBe(0);
    expect(io.out()).toBe('✓ no findings (1 file, 0 workloads)\n');
    expect(io.err()).toBe('note: no workload (Deployment, StatefulSet, Rollout) was found to lint\n');
  });
});
