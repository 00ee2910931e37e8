// Section 6 of the demo: the same recorded canary judged from the command line, as a pipeline step would run it.
// The samples file is the series of section 2-3 (inputs/canary_samples.json); the decision at minute 14 is the
// one the canary plan rolled back on, and `rollgate analyze` says so with exit code 4.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const rollgate = fileURLToPath(new URL('../../packages/cli/bin/rollgate.cjs', import.meta.url));

/** Runs `rollgate analyze --samples` on the recorded canary; prints the command, its output and exit code. */
export function runCli(here, print) {
  const args = [
    'analyze',
    '--rules',
    'documents/rollback_rules.yaml',
    '--samples',
    'inputs/canary_samples.json',
    '--now',
    '2025-10-02T12:14:00Z',
    '--service',
    'orders-api',
    '--environment',
    'production',
    '--release-version',
    '1.4.0',
  ];
  print(`  $ rollgate ${args.join(' ')}`);
  const run = spawnSync(process.execPath, [rollgate, ...args], { cwd: here, encoding: 'utf8' });
  for (const line of `${run.stdout}${run.stderr}`.trimEnd().split('\n')) print(`  ${line}`);
  print(`  (exit ${run.status}: 4 means rollback or block)`);
  return { code: run.status };
}
