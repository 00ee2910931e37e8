// Cold import cost: what a service pays at every cold start for importing a health/readiness library.
// Each sample is a fresh `node -e` process; the figure is its wall time minus the median wall time of the
// same process importing nothing, measured interleaved in the same run.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadedPackages } from './lib/loaded-packages.mjs';
import { machineLine } from './lib/machine.mjs';
import { table, writeSection } from './lib/markdown.mjs';
import { fixed, median, percentile } from './lib/stats.mjs';

const SAMPLES = Math.max(15, Number(process.env.BENCH_IMPORT_SAMPLES ?? 20));
const WARMUP_ROUNDS = 2;
const cwd = fileURLToPath(new URL('.', import.meta.url));

/** What is imported, in table order. `note` explains a row that needs it. */
const TARGETS = [
  { specifier: '@rollgate/readyz', side: 'rollgate' },
  { specifier: '@rollgate/core', side: 'rollgate' },
  { specifier: '@rollgate/contract', side: 'rollgate', note: 'schemas: loads zod by design' },
  { specifier: '@rollgate/adapters', side: 'rollgate' },
  { specifier: '@rollgate/adapters/fastify', side: 'rollgate', note: 'without fastify itself' },
  { specifier: '@rollgate/adapters/express', side: 'rollgate', note: 'without express itself' },
  { specifier: '@rollgate/adapters/node', side: 'rollgate' },
  { specifier: '@rollgate/adapters/fetch', side: 'rollgate' },
  { specifier: '@rollgate/adapters/probes', side: 'rollgate' },
  { specifier: '@rollgate/adapters/shutdown', side: 'rollgate' },
  { specifier: '@rollgate/core/rules', side: 'rollgate', note: 'evaluator: loads zod by design' },
  { specifier: '@rollgate/core/canary', side: 'rollgate', note: 'evaluator: loads zod by design' },
  { specifier: '@rollgate/core/gate', side: 'rollgate', note: 'evaluator: loads zod by design' },
  { specifier: '@rollgate/core/events', side: 'rollgate', note: 'event delivery: loads zod by design' },
  { specifier: '@godaddy/terminus', side: 'peer' },
  { specifier: 'lightship', side: 'peer', note: 'starts no server on import; bundles fastify' },
  { specifier: '@fastify/under-pressure', side: 'peer', note: 'without fastify itself' },
  { specifier: 'zod', side: 'library' },
  { specifier: 'prom-client', side: 'library' },
  { specifier: '@opentelemetry/api', side: 'library' },
];

// The child reports how long `import()` itself took, as a cross-check on the wall-time difference.
function childScript(specifier) {
  const load = specifier === undefined ? '' : `await import(${JSON.stringify(specifier)});`;
  return `const t = performance.now(); ${load} process.stdout.write(String(performance.now() - t));`;
}

// In a shared working tree another build may be replacing a package's dist/ while we sample: a missing
// module is retried a few times (the sample is taken again, never counted twice); anything else is fatal.
function sample(specifier, attempt = 1) {
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', childScript(specifier)], {
    cwd,
    encoding: 'utf8',
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (run.status !== 0) {
    if (attempt < 5 && run.stderr.includes('ERR_MODULE_NOT_FOUND')) {
      console.error(`  ${specifier}: module not found (dist being rebuilt?); retrying in 5 s`);
      spawnSync(process.execPath, ['-e', 'setTimeout(() => {}, 5000)']);
      return sample(specifier, attempt + 1);
    }
    throw new Error(`importing ${specifier ?? '(nothing)'} failed:\n${run.stderr}`);
  }
  return { wallMs, importMs: Number(run.stdout) };
}

function measure() {
  const names = [undefined, ...TARGETS.map((t) => t.specifier)];
  const results = new Map(names.map((n) => [n, { wall: [], inProcess: [] }]));
  for (let round = 0; round < WARMUP_ROUNDS + SAMPLES; round++) {
    // Rotate the order every round so no module always runs right after the baseline.
    const order = names.map((_, i) => names[(i + round) % names.length]);
    for (const name of order) {
      const s = sample(name);
      if (round < WARMUP_ROUNDS) continue;
      results.get(name).wall.push(s.wallMs);
      results.get(name).inProcess.push(s.importMs);
    }
  }
  return results;
}

// '@rollgate/adapters/fastify' → '@rollgate/adapters'; 'zod' → 'zod'.
function packageName(specifier) {
  return specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');
}

// Long dependency lists are summarised: the count, then the packages a reader cares about.
const NOTABLE = ['fastify', 'express', 'zod', 'prom-client', '@opentelemetry/api', 'fastify-plugin'];
function describeLoaded(loaded) {
  if (loaded.length === 0) return 'none';
  if (loaded.length <= 6) return loaded.join(', ');
  const notable = NOTABLE.filter((n) => loaded.includes(n));
  return `${loaded.length} packages, incl. ${notable.length > 0 ? notable.join(', ') : loaded.slice(0, 3).join(', ')}`;
}

function main() {
  const started = new Date();
  const machine = machineLine(started);
  const results = measure();
  const baseline = results.get(undefined);
  const baseMedian = median(baseline.wall);
  const rows = TARGETS.map((target) => {
    const r = results.get(target.specifier);
    const extra = r.wall.map((w) => w - baseMedian);
    const own = packageName(target.specifier);
    const loaded = loadedPackages(target.specifier, cwd).filter((p) => p !== own);
    return {
      target,
      medianMs: median(extra),
      p90Ms: percentile(extra, 90),
      inProcessMs: median(r.inProcess),
      loaded,
      loadsZod: loaded.includes('zod') || target.specifier === 'zod',
    };
  });
  const header = [
    'import',
    'median ms',
    'p90 ms',
    'import() in-process, median ms',
    'loads zod',
    'other packages it loads',
    'note',
  ];
  const body = [
    [
      '(baseline: empty `node -e`)',
      fixed(baseMedian),
      fixed(percentile(baseline.wall, 90)),
      fixed(median(baseline.inProcess), 2),
      '–',
      '–',
      'absolute wall time of the process; subtracted from every row below',
    ],
    ...rows.map((r) => [
      `\`${r.target.specifier}\``,
      fixed(r.medianMs),
      fixed(r.p90Ms),
      fixed(r.inProcessMs),
      r.loadsZod ? 'yes' : 'no',
      describeLoaded(r.loaded),
      r.target.note ?? '',
    ]),
  ];
  const readyz = rows.find((r) => r.target.specifier === '@rollgate/readyz');
  const zodLine = readyz.loadsZod
    ? '**Importing `@rollgate/readyz` loads zod: this breaks the design rule and must be fixed.**'
    : 'Importing `@rollgate/readyz` loads no zod (checked by tracing every module the import resolves).';
  // The adapters are thin translations over readyz: each subpath should cost what readyz costs, within 3 ms.
  const adapterLines = rows
    .filter((r) => r.target.specifier.startsWith('@rollgate/adapters'))
    .map((r) => {
      const delta = r.medianMs - readyz.medianMs;
      return `\`${r.target.specifier}\` ${delta >= 0 ? '+' : ''}${fixed(delta)} ms (in-process ${fixed(r.inProcessMs - readyz.inProcessMs)} ms)`;
    });
  const markdown = [
    '## Import cost',
    '',
    `Cold import of each module in a fresh \`node --input-type=module -e\` process, ${SAMPLES} samples each ` +
      `(after ${WARMUP_ROUNDS} discarded warm-up rounds), interleaved with an empty process. "median/p90 ms" is ` +
      'wall time minus the median empty-process wall time; "import() in-process" is the time the child itself ' +
      'measured around `await import()` (it excludes process start-up and exit). Run with `node bench/import-cost.mjs`.',
    '',
    machine,
    '',
    table(header, body),
    '',
    zodLine,
    '',
    `Each adapter subpath against \`@rollgate/readyz\` (median wall, then in-process import): ${adapterLines.join('; ')}.`,
  ].join('\n');
  writeSection('import-cost', markdown);
  console.log(markdown);
  if (readyz.loadsZod) process.exitCode = 1;
}

main();
