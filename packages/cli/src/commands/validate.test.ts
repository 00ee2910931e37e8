import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ANSI, memoryIo } from '../testing/memory-io.js';
import { DOCUMENTS } from '../testing/paths.js';
import { runCli } from './program.js';

async function tempFile(name: string, text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'rollgate-validate-'));
  const file = join(dir, name);
  await writeFile(file, text);
  return file;
}

describe('rollgate validate', () => {
  it('exits 0 and ticks every valid document, the kind told by the file name', async () => {
    const io = memoryIo({ cwd: DOCUMENTS });
    const code = await runCli(
      ['validate', 'rollback_rules.yaml', 'release-manifest.json', 'gate_policy.yaml'],
      io,
    );
    expect(code).toBe(0);
    expect(io.out()).toBe(
      '✓ rollback_rules.yaml rollback-rules\n✓ release-manifest.json release-manifest\n✓ gate_policy.yaml gate-policy\n',
    );
    expect(io.err()).toBe('');
  });

  it("reads seed 001's release.yml as a release config", async () => {
    const text = await readFile(
      new URL('../../../contract/fixtures/v1.0.0/release-config/valid/runbook-release.yaml', import.meta.url),
      'utf8',
    );
    const file = await tempFile('release.yml', text);
    const io = memoryIo();
    expect(await runCli(['validate', file], io)).toBe(0);
    expect(io.out()).toBe(`✓ ${file} release-config\n`);
  });

  it('exits 1 and prints each issue as file: path: message', async () => {
    const io = memoryIo({ cwd: DOCUMENTS });
    const code = await runCli(['validate', 'release-manifest.elided.json'], io);
    expect(code).toBe(1);
    const lines = io.out().trimEnd().split('\n');
    expect(lines[0]).toBe('✗ release-manifest.elided.json release-manifest: 2 issues');
    expect(lines.slice(1)).toEqual([
      'release-manifest.elided.json: artifacts[0].hash: expected an OCI digest: "sha256:" followed by 64 lowercase hex characters',
      'release-manifest.elided.json: artifacts[1].hash: expected an OCI digest: "sha256:" followed by 64 lowercase hex characters',
    ]);
  });

  it('exits 2 for a missing file, naming it on stderr, even beside an invalid one', async () => {
    const io = memoryIo({ cwd: DOCUMENTS });
    const code = await runCli(['validate', 'release-manifest.elided.json', 'nope/gate_policy.yaml'], io);
    expect(code).toBe(2);
    expect(io.err()).toBe('rollgate validate: nope/gate_policy.yaml: file not found\n');
  });

  it('exits 2 when no kind can be told, and says how to give one', async () => {
    const file = await tempFile('notes.yaml', 'a: 1\n');
    const io = memoryIo();
    expect(await runCli(['validate', file], io)).toBe(2);
    expect(io.err()).toMatch(
      /notes\.yaml: cannot tell the kind from the file name or a "kind" field; pass --kind/,
    );
  });

  it('takes the kind from --kind, then a kind field, then the name, forgiving _ - and case', async () => {
    const plan = 'schema_version: 1.0.0\nsteps: [{ weight: 10, hold: 5m }, { weight: 100 }]\n';
    const unnamed = await tempFile('plan.yaml', plan);
    const io = memoryIo();
    expect(await runCli(['validate', '--kind', 'Canary_Plan', unnamed], io)).toBe(0);
    expect(io.out()).toContain('canary-plan');

    const prefixed = await tempFile('orders.canary_plan.yml', plan);
    expect(await runCli(['validate', prefixed], memoryIo())).toBe(0);

    // A kind field decides over the name; the strict canary-plan schema then refuses the field itself.
    const fielded = await tempFile('gate_policy.yaml', `kind: CanaryPlan\n${plan}`);
    const named = memoryIo();
    expect(await runCli(['validate', fielded], named)).toBe(1);
    expect(named.out()).toContain('canary-plan: 1 issue');
    expect(named.out()).toMatch(/gate_policy\.yaml: kind: /);
  });

  it('refuses an unknown --kind with exit 2', async () => {
    const io = memoryIo({ cwd: DOCUMENTS });
    expect(await runCli(['validate', '--kind', 'manifesto', 'gate_policy.yaml'], io)).toBe(2);
    expect(io.err()).toMatch(
      /^rollgate validate: gate_policy\.yaml: --kind: unknown kind "manifesto"; expected one of /,
    );
  });

  it('reports YAML syntax errors as the file, no stack', async () => {
    const file = await tempFile('gate_policy.yaml', 'policies: [unclosed\n');
    const io = memoryIo();
    expect(await runCli(['validate', file], io)).toBe(2);
    expect(io.err().trimEnd().split('\n')).toHaveLength(1);
    expect(io.err()).toMatch(/gate_policy\.yaml: YAML: /);
    expect(io.err()).not.toMatch(/\n\s+at /);
  });

  it('--json prints one document with every file, status and issue', async () => {
    const io = memoryIo({ cwd: DOCUMENTS });
    const code = await runCli(['validate', '--json', 'gate_policy.yaml', 'release-manifest.elided.json'], io);
    expect(code).toBe(1);
    const report = JSON.parse(io.out());
    expect(report.valid).toBe(false);
    expect(report.files.map((f: { status: string }) => f.status)).toEqual(['valid', 'invalid']);
    expect(report.files[1].issues[0]).toEqual({
      file: 'release-manifest.elided.json',
      code: 'invalid_format',
      path: 'artifacts[0].hash',
      message: expect.stringContaining('OCI digest'),
    });
  });

  it('colours only on a terminal, and never with NO_COLOR', async () => {
    const tty = memoryIo({ cwd: DOCUMENTS, tty: true });
    await runCli(['validate', 'gate_policy.yaml'], tty);
    expect(tty.out()).toMatch(ANSI);
    const noColor = memoryIo({ cwd: DOCUMENTS, tty: true, env: { NO_COLOR: '1' } });
    await runCli(['validate', 'gate_policy.yaml'], noColor);
    expect(noColor.out()).not.toMatch(ANSI);
    const piped = memoryIo({ cwd: DOCUMENTS });
    await runCli(['validate', 'release-manifest.elided.json'], piped);
    expect(piped.out()).not.toMatch(ANSI);
  });

  it('reads standard input for -, YAML or JSON, its kind from --kind or its kind field', async () => {
    const rules = await readFile(join(DOCUMENTS, 'rollback_rules.yaml'), 'utf8');
    const piped = memoryIo({ cwd: DOCUMENTS, stdin: rules });
    expect(await runCli(['validate', '-', '--kind', 'rollback-rules'], piped)).toBe(0);
    expect(piped.out()).toBe('✓ stdin rollback-rules\n');

    const manifest = await readFile(join(DOCUMENTS, 'release-manifest.elided.json'), 'utf8');
    const json = memoryIo({ cwd: DOCUMENTS, stdin: manifest });
    expect(await runCli(['validate', '-', '--kind', 'release-manifest'], json)).toBe(1);
    expect(json.out()).toContain('stdin: artifacts[0].hash: expected an OCI digest');

    const kinded = memoryIo({ cwd: DOCUMENTS, stdin: 'kind: canary-plan\nsteps: [{ weight: 50 }]\n' });
    await runCli(['validate', '-'], kinded);
    expect(kinded.out()).toMatch(/^✗ stdin canary-plan: /);
  });

  it('refuses standard input without a kind, read twice, or past the document bound, with exit 2', async () => {
    const unkinded = memoryIo({ cwd: DOCUMENTS, stdin: 'steps: []\n' });
    expect(await runCli(['validate', '-'], unkinded)).toBe(2);
    expect(unkinded.err()).toMatch(/^rollgate validate: stdin: cannot tell the kind .*pass --kind/);

    const twice = memoryIo({
      cwd: DOCUMENTS,
      stdin: 'kind: canary-plan\nsteps: [{ weight: 50, hold: 5m }]\n',
    });
    expect(await runCli(['validate', '-', '-'], twice)).toBe(2);
    expect(twice.err()).toBe('rollgate validate: stdin: standard input was already read (give - once)\n');

    const huge = memoryIo({ cwd: DOCUMENTS, stdin: `# ${'x'.repeat(1024 * 1024)}\n` });
    expect(await runCli(['validate', '-', '--kind', 'canary-plan'], huge)).toBe(2);
    expect(huge.err()).toBe('rollgate validate: stdin: over the limit of 1048576 bytes\n');
  });
});
