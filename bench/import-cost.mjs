// Cold import cost and shipped size: what a service pays at every cold start for importing a health/readiness
// library, and what it adds to a bundle. Each timing sample is a fresh `node -e` process; the figure is its wall
// time minus the median wall time of the same process importing nothing, measured interleaved in the same run.
// Sizes are esbuild bundles (minified, gzipped) of each entry with its dependencies inlined.
//
//   node bench/import-cost.mjs                 # ~80 s; BENCH_QUICK=1 for a smoke run (~15 s)
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { machineLine } from './lib/machine.mjs';
import { table, writeSection } from './lib/markdown.mjs';
import { bundleSize, ESBUILD_VERSION, peerDependencies } from './lib/size.mjs';
import { fixed, median, percentile } from './lib/stats.mjs';

const QUICK = process.env.BENCH_QUICK === '1';
const SAMPLES = QUICK ? 5 : Math.max(15, Number(process.env.BENCH_IMPORT_SAMPLES ?? 20));
// Rows no target is set for are sampled every fourth round (5 samples), so the run stays under 90 s.
const SECONDARY_EVERY = 4;
const WARMUP_ROUNDS = 1;
const IMPORT_TARGET_MS = 20;
const ADAPTER_SLACK_MS = 3;
const SIZE_TARGET_KB = 20;
const OTEL = '@opentelemetry/api';
const cwd = fileURLToPath(new URL('.', import.meta.url));

/**
 * What is imported, in table order. rollgate's engine, router and adapters load `@opentelemetry/api` only once a
 * host has registered an OpenTelemetry global (core/src/tracing/otel.ts): a service without OpenTelemetry never
 * pays for it, and one with an SDK has loaded it for the SDK. The "other packages it loads" column shows it.
 * `withOtel` rows import `@opentelemetry/api` too. `target` rows carry the ≤ 20 ms target; `secondary` rows get
 * fewer samples.
 */
const TARGETS = [
  { specifier: '@rollgate/readyz', side: 'rollgate', target: true },
  { specifier: '@rollgate/core', side: 'rollgate' },
  { specifier: '@rollgate/adapters', side: 'rollgate', target: true },
  {
    specifier: '@rollgate/adapters/fastify',
    side: 'rollgate',
    target: true,
    note: 'without fastify itself',
  },
  {
    specifier: '@rollgate/adapters/express',
    side: 'rollgate',
    target: true,
    note: 'without express itself',
  },
  { specifier: '@rollgate/adapters/node', side: 'rollgate', target: true },
  { specifier: '@rollgate/adapters/fetch', side: 'rollgate', target: true },
  { specifier: '@rollgate/adapters/probes', side: 'rollgate', target: true },
  { specifier: '@rollgate/adapters/shutdown', side: 'rollgate', target: true },
  { specifier: '@godaddy/terminus', side: 'peer' },
  { specifier: 'lightship', side: 'peer', note: 'starts no server on import; bundles fastify' },
  { specifier: '@fastify/under-pressure', side: 'peer', note: 'without fastify itself' },
  {
    specifier: OTEL,
    side: 'library',
    note: 'loaded by rollgate only once an OpenTelemetry global is registered',
  },
  {
    specifier: '@rollgate/readyz',
    side: 'rollgate',
    withOtel: true,
    secondary: true,
    note: 'with the API a registered SDK would have loaded',
  },
  {
    specifier: '@rollgate/contract',
    side: 'rollgate',
    secondary: true,
    note: 'schemas: loads zod by design',
  },
  {
    specifier: '@rollgate/core/rules',
    side: 'rollgate',
    secondary: true,
    note: 'evaluator: loads zod by design',
  },
  {
    specifier: '@rollgate/core/canary',
    side: 'rollgate',
    secondary: true,
    note: 'evaluator: loads zod by design',
  },
  {
    specifier: '@rollgate/core/gate',
    side: 'rollgate',
    secondary: true,
    note: 'evaluator: loads zod by design',
  },
  {
    specifier: '@rollgate/core/events',
    side: 'rollgate',
    secondary: true,
    note: 'event delivery: loads zod by design',
  },
  { specifier: 'zod', side: 'library', secondary: true },
  { specifier: 'prom-client', side: 'library', secondary: true },
];

/** Bundles measured for size: `entry` is one specifier or several bundled together. */
const SIZE_ROWS = [
  {
    label: 'engine + readyz (every export of both)',
    entry: ['@rollgate/core', '@rollgate/readyz'],
    target: true,
  },
  {
    label: 'engine + readyz (`createHealth` + `createReadyz` only)',
    entry: ['@rollgate/core', '@rollgate/readyz'],
    source: "export { createHealth } from '@rollgate/core'; export { createReadyz } from '@rollgate/readyz';",
  },
  { label: '`@rollgate/readyz`', entry: '@rollgate/readyz' },
  { label: '`@rollgate/core` (engine)', entry: '@rollgate/core' },
  ...TARGETS.filter((t) => t.specifier.startsWith('@rollgate/adapters')).map((t) => ({
    label: `\`${t.specifier}\``,
    entry: t.specifier,
  })),
  { label: '`@godaddy/terminus`', entry: '@godaddy/terminus' },
  { label: '`lightship`', entry: 'lightship' },
  { label: '`@fastify/under-pressure`', entry: '@fastify/under-pressure' },
];

// The child reports how long its imports took, as a cross-check on the wall-time difference, and the CPU time
// the whole process used until then (user + system, every thread), which other work on the machine moves less.
function childScript(target) {
  const specifiers = target === undefined ? [] : [target.specifier, ...(target.withOtel ? [OTEL] : [])];
  const load = specifiers.map((s) => `await import(${JSON.stringify(s)});`).join(' ');
  return (
    `const t = performance.now(); ${load} const ms = performance.now() - t; const u = process.cpuUsage(); ` +
    'process.stdout.write(JSON.stringify([ms, (u.user + u.system) / 1000]));'
  );
}

// In a shared working tree another build may be replacing a package's dist/ while we sample: a missing
// module is retried a few times (the sample is taken again, never counted twice); anything else is fatal.
function sample(target, attempt = 1) {
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', childScript(target)], {
    cwd,
    encoding: 'utf8',
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (run.status !== 0) {
    if (attempt < 5 && run.stderr.includes('ERR_MODULE_NOT_FOUND')) {
      console.error(`  ${target?.specifier}: module not found (dist being rebuilt?); retrying in 5 s`);
      spawnSync(process.execPath, ['-e', 'setTimeout(() => {}, 5000)']);
      return sample(target, attempt + 1);
    }
    throw new Error(`importing ${target?.specifier ?? '(nothing)'} failed:\n${run.stderr}`);
  }
  const [importMs, cpuMs] = JSON.parse(run.stdout);
  return { wallMs, importMs, cpuMs };
}

function measure() {
  const names = [undefined, ...TARGETS];
  const results = new Map(names.map((n) => [n, { wall: [], inProcess: [], cpu: [] }]));
  for (let round = 0; round < WARMUP_ROUNDS + SAMPLES; round++) {
    // Rotate the order every round so no module always runs right after the baseline.
    const order = names.map((_, i) => names[(i + round) % names.length]);
    for (const target of order) {
      if (target?.secondary && round >= WARMUP_ROUNDS && (round - WARMUP_ROUNDS) % SECONDARY_EVERY !== 0)
        continue;
      const s = sample(target);
      if (round < WARMUP_ROUNDS) continue;
      results.get(target).wall.push(s.wallMs);
      results.get(target).inProcess.push(s.importMs);
      results.get(target).cpu.push(s.cpuMs);
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
const NOTABLE = ['fastify', 'express', 'zod', 'prom-client', OTEL, 'fastify-plugin'];
function describeLoaded(loaded) {
  if (loaded.length === 0) return 'none';
  if (loaded.length <= 6) return loaded.join(', ');
  const notable = NOTABLE.filter((n) => loaded.includes(n));
  return `${loaded.length} packages, incl. ${notable.length > 0 ? notable.join(', ') : loaded.slice(0, 3).join(', ')}`;
}

// Tracing is untimed, so two traces run at once (this machine has two cores).
async function traceAll() {
  const out = new Map();
  const queue = [...TARGETS];
  const worker = async () => {
    for (let t = queue.shift(); t !== undefined; t = queue.shift()) {
      out.set(t, await traceInChild(t.specifier));
    }
  };
  await Promise.all([worker(), worker()]);
  return out;
}

// Runs lib/loaded-packages.mjs's loadedPackages() in a child and reads its answer.
const loadedUrl = new URL('./lib/loaded-packages.mjs', import.meta.url).href;
// A dist/ being rebuilt meanwhile is retried, as in sample().
async function traceInChild(specifier, attempt = 1) {
  try {
    return await traceOnce(specifier);
  } catch (error) {
    if (attempt >= 5 || !String(error.message).includes('ERR_MODULE_NOT_FOUND')) throw error;
    console.error(`  tracing ${specifier}: module not found (dist being rebuilt?); retrying in 5 s`);
    await new Promise((done) => setTimeout(done, 5000));
    return traceInChild(specifier, attempt + 1);
  }
}

function traceOnce(specifier) {
  const script = `import { loadedPackages } from ${JSON.stringify(loadedUrl)};
process.stdout.write(JSON.stringify(loadedPackages(${JSON.stringify(specifier)}, ${JSON.stringify(cwd)})));`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('close', (code) =>
      code === 0 ? resolve(JSON.parse(stdout)) : reject(new Error(`tracing ${specifier}: ${stderr}`)),
    );
  });
}

async function sizes() {
  const rows = [];
  for (const row of SIZE_ROWS) {
    const entries = [row.entry].flat();
    const external = [...new Set(entries.flatMap((e) => peerDependencies(e, cwd)))].sort();
    rows.push({ ...row, external, ...(await bundleSize(entries, { cwd, external, source: row.source })) });
  }
  return rows;
}

const verdict = (ok) => (ok ? 'met' : 'missed');
const kb = (bytes) => fixed(bytes / 1024, 1);

async function main() {
  const started = new Date();
  const machine = machineLine(started);
  const results = measure();
  const traces = await traceAll();
  const sizeRows = await sizes();
  const baseline = results.get(undefined);
  const baseMedian = median(baseline.wall);
  const baseCpu = median(baseline.cpu);
  const rows = TARGETS.map((target) => {
    const r = results.get(target);
    const extra = r.wall.map((w) => w - baseMedian);
    const own = packageName(target.specifier);
    const loaded = traces.get(target).filter((p) => p !== own);
    return {
      target,
      samples: r.wall.length,
      medianMs: median(extra),
      p90Ms: percentile(extra, 90),
      inProcessMs: median(r.inProcess),
      cpuMs: median(r.cpu) - baseCpu,
      loaded,
      loadsZod: loaded.includes('zod') || target.specifier === 'zod',
    };
  });
  const readyz = rows.find((r) => r.target.specifier === '@rollgate/readyz');
  const isAdapter = (r) => r.target.specifier.startsWith('@rollgate/adapters');
  const label = (t) => `\`${t.specifier}\`${t.withOtel ? ` + \`${OTEL}\`` : ''}`;
  const header = [
    'import',
    'samples',
    'median ms',
    'p90 ms',
    'import() in-process, median ms',
    'CPU ms over baseline, median',
    `vs \`@rollgate/readyz\` (≤ +${ADAPTER_SLACK_MS} ms)`,
    `≤ ${IMPORT_TARGET_MS} ms`,
    'loads zod',
    'other packages it loads',
    'note',
  ];
  const body = [
    [
      '(baseline: empty `node -e`)',
      baseline.wall.length,
      fixed(baseMedian),
      fixed(percentile(baseline.wall, 90)),
      fixed(median(baseline.inProcess), 2),
      fixed(baseCpu),
      '',
      '',
      '–',
      '–',
      'absolute wall time of the process; subtracted from every row below',
    ],
    ...rows.map((r) => {
      const delta = r.medianMs - readyz.medianMs;
      return [
        label(r.target),
        r.samples,
        fixed(r.medianMs),
        fixed(r.p90Ms),
        fixed(r.inProcessMs),
        fixed(r.cpuMs),
        isAdapter(r)
          ? `${delta >= 0 ? '+' : ''}${fixed(delta)} ms, ${verdict(delta <= ADAPTER_SLACK_MS)}`
          : '',
        r.target.target ? verdict(r.medianMs <= IMPORT_TARGET_MS) : '',
        r.loadsZod ? 'yes' : 'no',
        describeLoaded(r.loaded),
        r.target.note ?? '',
      ];
    }),
  ];
  const sizeTable = table(
    ['bundle', 'left external (peer deps + node builtins)', 'input files', 'min kB', 'min+gz kB', 'target'],
    sizeRows.map((s) => [
      s.label,
      s.external.length > 0 ? s.external.join(', ') : 'builtins only',
      s.inputs,
      kb(s.minBytes),
      kb(s.gzBytes),
      s.target ? `≤ ${SIZE_TARGET_KB} kB: ${verdict(s.gzBytes <= SIZE_TARGET_KB * 1024)}` : '',
    ]),
  );

  const zodLine = readyz.loadsZod
    ? '**Importing `@rollgate/readyz` loads zod: this breaks the design rule and must be fixed.**'
    : 'Importing `@rollgate/readyz` loads no zod (checked by tracing every module the import resolves).';
  const targetRows = rows.filter((r) => r.target.target);
  const importMissed = targetRows.filter((r) => r.medianMs > IMPORT_TARGET_MS);
  const importLine =
    importMissed.length === 0
      ? `Target (\`@rollgate/readyz\` and each adapter ≤ ${IMPORT_TARGET_MS} ms, \`${OTEL}\` loaded only with an SDK): **met** by every row.`
      : `Target (\`@rollgate/readyz\` and each adapter ≤ ${IMPORT_TARGET_MS} ms, \`${OTEL}\` loaded only with an SDK): **missed** by ` +
        `${importMissed.length} of ${targetRows.length} rows, by ${fixed(Math.min(...importMissed.map((r) => r.medianMs - IMPORT_TARGET_MS)))}` +
        `–${fixed(Math.max(...importMissed.map((r) => r.medianMs - IMPORT_TARGET_MS)))} ms; \`${OTEL}\` alone costs ` +
        `${fixed(rows.find((r) => r.target.specifier === OTEL).medianMs)} ms in this run.`;
  const adapterMissed = rows.filter(isAdapter).filter((r) => r.medianMs - readyz.medianMs > ADAPTER_SLACK_MS);
  const adapterLine =
    `Each adapter subpath within ${ADAPTER_SLACK_MS} ms of \`@rollgate/readyz\` (issue 8): ` +
    (adapterMissed.length === 0
      ? '**met** by every subpath.'
      : `**missed** by ${adapterMissed.map((r) => `\`${r.target.specifier}\` (+${fixed(r.medianMs - readyz.medianMs)} ms)`).join(', ')}.`);
  const engine = sizeRows.find((s) => s.target);
  const minimal = sizeRows[1];
  const share = (s) => s.byPackage.map(([name, bytes]) => `${name} ${kb(bytes)} kB`).join(', ');
  const sizeLine =
    `Target (engine + readyz ≤ ${SIZE_TARGET_KB} kB min+gz): **${verdict(engine.gzBytes <= SIZE_TARGET_KB * 1024)}**, ` +
    `${kb(engine.gzBytes)} kB with every export, ${kb(minimal.gzBytes)} kB with \`createHealth\` + \`createReadyz\` only. ` +
    `Minified bytes by package, every export: ${share(engine)}; \`createHealth\` + \`createReadyz\`: ${share(minimal)}.`;
  const markdown = [
    '## Import cost',
    '',
    `Cold import of each module in a fresh \`node --input-type=module -e\` process (samples per row in the table; ` +
      `rows without a target are sampled every fourth round), after ${WARMUP_ROUNDS} discarded warm-up round (it fills the file cache), ` +
      'interleaved in rotating order with an empty process. rollgate loads ' +
      `\`${OTEL}\` only once a host has registered an OpenTelemetry global (a service with an SDK has loaded it for the SDK); ` +
      'the last rollgate row shows the router with it. ' +
      '"median/p90 ms" is wall time minus the median empty-process wall time; "import() in-process" is the time ' +
      'the child itself measured around its `await import()` calls (it excludes process start-up and exit); ' +
      '"CPU ms" is the CPU time (user + system, all threads) the child had used once its imports were done, ' +
      "minus the empty process's: other work on the machine moves it less than wall time. The verdicts use " +
      'median wall time. ' +
      `Run with \`node bench/import-cost.mjs\`${QUICK ? ' (this run: `BENCH_QUICK=1`, a smoke run with few samples)' : ''}; ` +
      `this run took ${fixed(performance.now() / 1000, 0)} s.`,
    '',
    machine,
    '',
    table(header, body),
    '',
    importLine,
    '',
    adapterLine,
    '',
    "How: at a cold start Node's ESM loader costs about a millisecond per module file, and a CommonJS package " +
      'imported from ESM starts its CommonJS loader too. So each adapter entry is one file (no chunks shared ' +
      "between entries), the Fastify plugin sets fastify-plugin's three plugin properties itself instead of " +
      "loading that CommonJS package (~6 ms), and the contract's zod-free `/errors` and `/time` subpaths are one " +
      'file each, imported by every other entry: `@rollgate/readyz` reads five files in all (tests check both).',
    '',
    zodLine,
    '',
    '### Size',
    '',
    `Each entry bundled with esbuild ${ESBUILD_VERSION} (\`bundle: true, minify: true, format: 'esm', ` +
      "platform: 'node'`), everything it imports inlined except the peer dependencies its package declares and " +
      "Node's builtins; gzip level 9. Unused exports are tree-shaken, as in a service's own bundle. " +
      '"engine + readyz" bundles every export of `@rollgate/core` and `@rollgate/readyz` together (the target ' +
      'row: whatever of the engine a service uses), then only `createHealth` and `createReadyz`, what the ' +
      'smallest service serving `/readyz` ships. terminus and lightship are bundled with their whole dependency trees.',
    '',
    sizeTable,
    '',
    sizeLine,
  ].join('\n');
  writeSection('import-cost', markdown);
  console.log(markdown);
  if (readyz.loadsZod) process.exitCode = 1;
}

await main();
