// What /readyz does to and with its dependencies, rollgate beside every peer in the same run: fan-out (eight
// probes of 5 to 50 ms), a hung dependency (time to 503 with a 200 ms timeout) and a probe storm (5,000
// requests/s for 10 s: calls reaching each dependency). Every server runs in its own child process. Each
// scenario writes its own section of BENCHMARKS.md as soon as it is measured.
// Usage: node probe-paths.mjs [fanout] [hung] [storm]   (all three when none is named)
import { machineLine } from './lib/machine.mjs';
import { writeSection } from './lib/markdown.mjs';
import { fanout } from './lib/probe-paths/fanout.mjs';
import { hung } from './lib/probe-paths/hung.mjs';
import { storm } from './lib/probe-paths/storm.mjs';

const QUICK = process.env.BENCH_QUICK === '1';
const SCENARIOS = { fanout, hung, storm };

async function main() {
  const names = process.argv.slice(2);
  const unknown = names.filter((n) => !(n in SCENARIOS));
  if (unknown.length > 0) {
    console.error(
      `probe-paths.mjs: unknown scenario ${unknown.join(', ')}; known: ${Object.keys(SCENARIOS).join(', ')}`,
    );
    process.exit(2);
  }
  const totalStart = Date.now();
  for (const name of names.length > 0 ? names : Object.keys(SCENARIOS)) {
    const started = Date.now();
    const machine = machineLine();
    const body = await SCENARIOS[name]({ quick: QUICK });
    const seconds = Math.round((Date.now() - started) / 1000);
    const [title, ...rest] = body.split('\n');
    const markdown = [
      title,
      '',
      machine,
      `Took ${seconds} s. Run with \`node bench/probe-paths.mjs ${name}\`` +
        `${QUICK ? ' (BENCH_QUICK=1: smoke run, not comparable)' : ''}.`,
      ...rest,
    ].join('\n');
    writeSection(`probe-${name}`, markdown);
    console.log(`${markdown}\n`);
  }
  console.error(`probe-paths.mjs: ${Math.round((Date.now() - totalStart) / 1000)} s`);
}

await main();
