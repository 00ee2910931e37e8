// rollgate manifest → approve → sign → verify → gate --signature, in process, on real files in a temp directory.
import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseContract } from '@rollgate/contract';
import { beforeEach, describe, expect, it } from 'vitest';
import { memoryIo } from '../testing/memory-io.js';
import { ROOT } from '../testing/paths.js';
import { runCli } from './program.js';

const CONFIG = `${ROOT}packages/contract/fixtures/v1.0.0/release-config/valid/runbook-release.yaml`;
const sha256 = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`;
let dir: string;

async function run(...args: string[]) {
  const io = memoryIo({ cwd: dir });
  const code = await runCli(args, io);
  return { code, out: io.out(), err: io.err() };
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rollgate-release-'));
  await writeFile(join(dir, 'service-api.tgz'), 'service-api 1.4.0 bytes');
  await writeFile(join(dir, 'prompt-pack.tar'), 'prompt pack bytes');
  await writeFile(
    join(dir, 'readiness_report.json'),
    JSON.stringify({
      run_id: 'run123',
      started_at: '2025-10-02T10:00:00Z',
      suites: [{ name: 'unit', status: 'passed' }],
      scorecard: { passed: true, performance_p95_ms: 150, error_rate: 0.002 },
    }),
  );
  const keys = generateKeyPairSync('ed25519');
  await writeFile(
    join(dir, 'ed25519.pem'),
    keys.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
  );
  await writeFile(join(dir, 'ed25519.pub'), keys.publicKey.export({ type: 'spki', format: 'pem' }) as string);
  const other = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }) as string;
  await writeFile(join(dir, 'other.pub'), other);
  await writeFile(
    join(dir, 'gate.yaml'),
    'policies: { readiness_passed: true }\napprovals: { production: [change-board, sre] }\nrequire_signature: true\n',
  );
});

const assemble = () =>
  run(
    'manifest',
    '--config',
    CONFIG,
    '--report',
    'readiness_report.json',
    '--artifact',
    'service-api=service-api.tgz',
    '--artifact',
    'prompt-pack=prompt-pack.tar',
    '--output',
    'release-manifest.json',
    '--now',
    '2025-10-02T12:00:00Z',
  );

describe('rollgate manifest', () => {
  it('writes a valid manifest whose digests are the files', async () => {
    const { code, out } = await assemble();
    expect(code).toBe(0);
    expect(out).toContain(
      'wrote release-manifest.json: release 2025.10.02 to production, readiness run run123',
    );
    const manifest = JSON.parse(await readFile(join(dir, 'release-manifest.json'), 'utf8'));
    expect(parseContract('release-manifest', manifest).ok).toBe(true);
    expect(manifest.artifacts.map((a: { hash: string }) => a.hash)).toEqual([
      sha256('service-api 1.4.0 bytes'),
      sha256('prompt pack bytes'),
    ]);
    expect(manifest).toMatchObject({
      generated_at: '2025-10-02T12:00:00.000Z',
      approvals: [],
      readiness_run_id: 'run123',
    });
  });

  it('writes nothing when an artifact has no file, and says which (exit 1); a missing file is exit 2', async () => {
    const missing = await run(
      'manifest',
      '--config',
      CONFIG,
      '--report',
      'readiness_report.json',
      '--artifact',
      'prompt-pack=prompt-pack.tar',
      '--output',
      'm.json',
    );
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/artifact "service-api": .*service-api\.tgz: file not found/);
    const unknown = await run(
      'manifest',
      '--config',
      CONFIG,
      '--report',
      'readiness_report.json',
      '--artifact',
      'service-api=service-api.tgz',
      '--artifact',
      'prompt-pack=prompt-pack.tar',
      '--artifact',
      'web=prompt-pack.tar',
      '--output',
      'm.json',
    );
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('"web" is not an artifact of release 2025.10.02');
    await expect(readFile(join(dir, 'm.json'))).rejects.toThrow();
  });
});

describe('rollgate approve', () => {
  it('appends, treats a repeat as a no-op, and refuses a role off the roster', async () => {
    await assemble();
    const first = await run(
      'approve',
      '--manifest',
      'release-manifest.json',
      '--role',
      'sre',
      '--actor',
      'bob',
      '--reason',
      'on call',
      '--policy',
      'gate.yaml',
      '--now',
      '2025-10-02T14:00:00Z',
    );
    expect(first).toMatchObject({ code: 0, err: '' });
    expect(first.out).toBe('approved 2025.10.02: sre by bob at 2025-10-02T14:00:00.000Z (1 approvals)\n');
    const again = await run(
      'approve',
      '--manifest',
      'release-manifest.json',
      '--role',
      'sre',
      '--actor',
      'bob',
    );
    expect(again.out).toBe('unchanged 2025.10.02: sre by bob is already recorded\n');
    const refused = await run(
      'approve',
      '--manifest',
      'release-manifest.json',
      '--role',
      'intern',
      '--actor',
      'eve',
      '--policy',
      'gate.yaml',
    );
    expect(refused.code).toBe(1);
    expect(refused.err).toBe(
      'rollgate approve: release-manifest.json: approvals: role "intern" is not on the production roster (change-board, sre)\n',
    );
    const manifest = JSON.parse(await readFile(join(dir, 'release-manifest.json'), 'utf8'));
    expect(manifest.approvals).toEqual([
      { role: 'sre', actor: 'bob', timestamp: '2025-10-02T14:00:00.000Z', reason: 'on call' },
    ]);
  });
});

describe('rollgate sign and verify', () => {
  beforeEach(async () => {
    await assemble();
    expect((await run('sign', '--manifest', 'release-manifest.json', '--key', 'ed25519.pem')).code).toBe(0);
  });

  it('verifies the signature and every artifact', async () => {
    const { code, out } = await run(
      'verify',
      '--manifest',
      'release-manifest.json',
      '--signature',
      'release-manifest.json.dsse.json',
      '--pub',
      'ed25519.pub',
      '--artifacts',
      '.',
    );
    expect(code).toBe(0);
    expect(out).toMatch(
      /^✓ signature release-manifest.json: signed by sha256:[0-9a-f]{64}\n✓ artifacts 2 of 2 match their digests\n$/,
    );
  });

  it('fails a tampered manifest, another key and a tampered artifact, each with its own reason', async () => {
    const args = [
      'verify',
      '--manifest',
      'release-manifest.json',
      '--signature',
      'release-manifest.json.dsse.json',
    ];
    const wrongKey = await run(...args, '--pub', 'other.pub');
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.out).toMatch(/^✗ signature_invalid /);

    await writeFile(join(dir, 'service-api.tgz'), 'service-api 1.4.0 bytes, patched');
    const artifact = await run(...args, '--pub', 'ed25519.pub', '--artifacts', '.', '--json');
    expect(artifact.code).toBe(1);
    expect(JSON.parse(artifact.out)).toMatchObject({
      verified: false,
      signature: { ok: true },
      artifacts: { ok: false, mismatches: [{ name: 'service-api' }] },
    });

    const manifest = JSON.parse(await readFile(join(dir, 'release-manifest.json'), 'utf8'));
    manifest.artifacts[0].version = '1.4.1';
    await writeFile(join(dir, 'release-manifest.json'), JSON.stringify(manifest, null, 2));
    const tampered = await run(...args, '--pub', 'ed25519.pub');
    expect(tampered.code).toBe(1);
    expect(tampered.out).toMatch(
      /^✗ manifest_changed release-manifest.json: the signature is good, but the manifest differs/,
    );
  });

  it('gate --signature approves the signed manifest and rejects it once changed or unsigned', async () => {
    await run(
      'approve',
      '--manifest',
      'release-manifest.json',
      '--role',
      'change-board',
      '--actor',
      'alice',
      '--now',
      '2025-10-02T13:00:00Z',
    );
    await run(
      'approve',
      '--manifest',
      'release-manifest.json',
      '--role',
      'sre',
      '--actor',
      'bob',
      '--now',
      '2025-10-02T13:00:00Z',
    );
    await run('sign', '--manifest', 'release-manifest.json', '--key', 'ed25519.pem');
    const gate = (...extra: string[]) =>
      run(
        'gate',
        '--manifest',
        'release-manifest.json',
        '--policy',
        'gate.yaml',
        '--scorecard',
        'readiness_report.json',
        '--now',
        '2025-10-02T15:00:00Z',
        ...extra,
      );
    // The scorecard is the report's; the gate reads the scorecard document itself.
    const report = JSON.parse(await readFile(join(dir, 'readiness_report.json'), 'utf8'));
    await writeFile(join(dir, 'readiness_report.json'), JSON.stringify(report.scorecard));
    const signed = await gate('--signature', 'release-manifest.json.dsse.json', '--pub', 'ed25519.pub');
    expect(signed.code).toBe(0);
    const unsigned = await gate();
    expect(unsigned.code).toBe(4);
    expect(unsigned.out).toMatch(/✗ SIGNATURE_MISSING /);
    await run(
      'approve',
      '--manifest',
      'release-manifest.json',
      '--role',
      'sre',
      '--actor',
      'mallory',
      '--now',
      '2025-10-02T14:00:00Z',
    );
    const changed = await gate(
      '--signature',
      'release-manifest.json.dsse.json',
      '--pub',
      'ed25519.pub',
      '--json',
    );
    expect(changed.code).toBe(4);
    expect(JSON.parse(changed.out).reasons).toContainEqual(
      expect.objectContaining({ code: 'SIGNATURE_INVALID', observed: 'manifest_changed' }),
    );
  });
});

describe('help', () => {
  it.each(['manifest', 'approve', 'sign', 'verify', 'compat'])(
    '%s --help shows an example and exit codes',
    async (command) => {
      const io = memoryIo();
      expect(await runCli([command, '--help'], io)).toBe(0);
      expect(io.out()).toContain(`Example:\n  $ rollgate ${command} `);
      expect(io.out()).toContain('Exit codes:\n  0 ');
    },
  );
});
