// Redaction cost against text length: the engine's redactor on ordinary and adversarial error texts from 1 KB to
// 64 KB, before (the redactor of BEFORE_REF, read with `git show` and transpiled to a temp file) and after (the
// BUILT @rollgate/core). Every failing probe run passes its error text through it, so a slow pattern is a stall
// of the event loop on every failure:
//
//   pnpm --filter @rollgate/core build
//   node bench/redaction.bench.mjs            # prints the table, updates BENCHMARKS.md "## Redaction"
//   node bench/redaction.bench.mjs --no-write # prints only
//
// Adversarial texts repeat one short unit that makes some pattern work hard (long runs of a pattern's class with
// many places a match could start); the figure is the worst unit at that length, and the table names it. Timings
// are the lowest of three rounds' medians of repeated calls, after warm-up calls (a pattern compiles on first use).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRedactor } from '@rollgate/core';
import { machineLine } from './lib/machine.mjs';
import { table, writeSection } from './lib/markdown.mjs';
import { fixed, median } from './lib/stats.mjs';

/** The last commit whose redactor had the quadratic patterns (the parent of the linear-time rewrite). */
const BEFORE_REF = '1c12cd0~1';
const SIZES = [1024, 4096, 16_384, 65_536];
const ADVERSARIAL_UNITS = [
  'a.',
  'a-',
  'eyJ-',
  'sk-proj-',
  'Ab1+',
  'password',
  'ab-cd.ef_',
  'a://b:',
  'password "',
  'authorization: ',
  '-----BEGIN ',
];
const ORDINARY =
  'connect ECONNREFUSED 10.0.4.17:5432 while querying orders for postgres://app:Sup3rSecret@db.internal:5432/orders ' +
  '(attempt 3, pool exhausted, last error: timeout after 2000ms; see https://docs.example.com/errors?id=42&page=2) ';
const MIN_RUNS = 3;
const MIN_MS = 40;
const ROUNDS = 3;

const root = fileURLToPath(new URL('..', import.meta.url));
const write = !process.argv.includes('--no-write');

function textOf(unit, size) {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

/**
 * Ms of one call of `redact(text)`: the lowest of ROUNDS medians (the host is shared, and a round the scheduler
 * preempted says nothing about the redactor), each after warm-up calls (V8 tiers a regexp up to native code on reuse).
 */
function time(redact, text) {
  for (let i = 0; i < 3; i++) redact(text);
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < ROUNDS; round++) {
    const samples = [];
    const started = performance.now();
    while (samples.length < MIN_RUNS || performance.now() - started < MIN_MS) {
      const t0 = performance.now();
      redact(text);
      samples.push(performance.now() - t0);
    }
    best = Math.min(best, median(samples));
  }
  return best;
}

/** The redactor of BEFORE_REF: its one source file, transpiled with the workspace's TypeScript. */
async function loadBefore(dir) {
  const source = execFileSync('git', ['show', `${BEFORE_REF}:packages/core/src/probe/redact.ts`], {
    cwd: root,
    encoding: 'utf8',
  });
  const ts = createRequire(join(root, 'package.json'))('typescript');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  const file = join(dir, 'redact-before.mjs');
  writeFileSync(file, outputText);
  return (await import(pathToFileURL(file).href)).createRedactor();
}

function worst(redact, size) {
  let result = { ms: -1, unit: '' };
  for (const unit of ADVERSARIAL_UNITS) {
    const ms = time(redact, textOf(unit, size));
    if (ms > result.ms) result = { ms, unit };
  }
  return result;
}

const dir = mkdtempSync(join(tmpdir(), 'rollgate-redaction-bench-'));
try {
  const before = await loadBefore(dir);
  const after = createRedactor();
  const rows = [];
  for (const size of SIZES) {
    const ordinary = textOf(ORDINARY, size);
    const adversarialBefore = worst(before, size);
    const adversarialAfter = worst(after, size);
    const row = [
      `${size / 1024} KB`,
      fixed(time(before, ordinary), 3),
      fixed(time(after, ordinary), 3),
      `${fixed(adversarialBefore.ms, 1)} (\`${adversarialBefore.unit}\`)`,
      `${fixed(adversarialAfter.ms, 2)} (\`${adversarialAfter.unit}\`)`,
    ];
    rows.push(row);
    console.log(row.join('  '));
  }
  const body = `## Redaction

${machineLine()}

Cost of one call of the engine's redactor (\`createRedactor()\`, every failing probe's error text passes through it)
against text length, ms (lowest of three rounds' medians). *Before* is the redactor of \`${BEFORE_REF}\`, *after* the built \`@rollgate/core\`.
Ordinary: a realistic connection error with a URL credential, repeated to length. Adversarial: the worst of
${ADVERSARIAL_UNITS.map((unit) => `\`${unit}\``).join(', ')} repeated to length (named in the cell). Both cut the
text to 16 KB before matching, so 64 KB costs what 16 KB costs; after the rewrite every pattern does bounded work
per character, so the cost grows linearly up to that cut. \`node bench/redaction.bench.mjs\`

${table(['text', 'ordinary before (ms)', 'ordinary after (ms)', 'adversarial before (ms)', 'adversarial after (ms)'], rows)}
`;
  console.log(`\n${body}`);
  if (write) writeSection('redaction', body);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
