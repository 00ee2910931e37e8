// `pnpm bench`: runs every benchmark in its own process, one after another (they would skew each other if run
// together), each writing its own section of BENCHMARKS.md. Stops with a non-zero code if any failed.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const SCRIPTS = [
  'import-cost.mjs',
  'cli-startup.mjs',
  'readyz-throughput.mjs',
  'readyz-profile.mjs',
  'readyz-handle.micro.mjs',
  'probe-paths.mjs',
  'memory.mjs',
  'peer-behaviour.mjs',
  'evaluators.bench.mjs',
  'event-delivery.mjs',
  'redaction.bench.mjs',
  'analysis-prometheus.mjs',
  'fleet.mjs',
];

const failed = [];
const totalStart = Date.now();
for (const script of SCRIPTS) {
  if (!existsSync(`${here}${script}`)) {
    console.log(`\n# ${script}: not present, skipped`);
    continue;
  }
  console.log(`\n# ${script}`);
  const started = Date.now();
  const run = spawnSync(process.execPath, [script], { cwd: here, stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (run.status !== 0) failed.push(script);
  console.log(
    `# ${script}: ${run.status === 0 ? 'done' : `FAILED (exit ${run.status ?? run.signal})`} in ${seconds} s`,
  );
}
console.log(
  `\nAll benchmarks: ${((Date.now() - totalStart) / 1000).toFixed(1)} s; results in BENCHMARKS.md.`,
);
if (failed.length > 0) {
  console.error(`Failed: ${failed.join(', ')}`);
  process.exitCode = 1;
}
