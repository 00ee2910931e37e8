// rollgate demo on embedded defaults: nothing to configure, no server to install.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from './cli.mjs';
import { validateDocuments } from './contracts.mjs';
import { runGate } from './gate.mjs';
import { runReadyz } from './readyz.mjs';
import { runRollout } from './rollout.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const print = (line = '') => console.log(line);

print('rollgate demo\n');
print('1. Contracts: example documents (examples/demo/documents)');
const { parsed, surprises } = await validateDocuments(here, print);

print('\n2-3. Canary: rollback rules judge a recorded canary minute by minute; the plan follows');
const rollout = runRollout(parsed['rollback_rules.yaml'], parsed['canary_plan.yaml'], print);

print('\n4. Deployment gate: the release manifest against the gate policy');
const gate = runGate(parsed['gate_policy.yaml'], parsed['release-manifest.json'], print);

print('\n5. /readyz: a node:http server with three in-memory dependencies, /version and a failure drill');
const statuses = await runReadyz(print);

print('\n6. The command line: the same recorded canary judged by `rollgate analyze --samples`');
const cli = runCli(here, print);

// The demo doubles as a smoke test: exit non-zero when any part tells a different story.
const expected =
  surprises === 0 &&
  rollout.state.phase === 'ROLLBACK' &&
  gate.healthy.decision === 'approve' &&
  gate.regressed.decision === 'reject' &&
  statuses.join(',') === '200,200,200,200,200,503,200,200,503,200,503' &&
  cli.code === 4;
print(expected ? '\nAll sections behaved as expected.' : '\nSomething did not behave as expected.');
if (!expected) process.exitCode = 1;
