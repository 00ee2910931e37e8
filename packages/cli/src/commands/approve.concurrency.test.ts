// Two dozen `rollgate approve` processes on one manifest at once, as parallel CI jobs would run them: every
// approval is kept and the file stays a valid manifest. Needs the built bin (pnpm --filter @rollgate/cli build).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseContract } from '@rollgate/contract';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../testing/paths.js';

const RUNBOOK = `${ROOT}packages/contract/fixtures/v1.0.0/release-manifest/valid/runbook-example.json`;

function approve(cwd: string, actor: string): Promise<{ code: number; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [
        BIN,
        'approve',
        '--manifest',
        'release-manifest.json',
        '--role',
        'sre',
        '--actor',
        actor,
        '--now',
        '2025-10-02T14:00:00Z',
      ],
      { cwd, env: { PATH: process.env.PATH ?? '' } },
      (error, _stdout, stderr) => done({ code: error === null ? 0 : Number(error.code ?? -1), stderr }),
    );
  });
}

beforeAll(() => {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run \`pnpm --filter @rollgate/cli build\` first`);
});

describe('rollgate approve under concurrency', () => {
  it('keeps all 24 approvals from 24 concurrent processes, the file valid and its formatting kept', {
    timeout: 180_000,
  }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rollgate-approve-'));
    const file = join(dir, 'release-manifest.json');
    await copyFile(RUNBOOK, file);
    const actors = Array.from({ length: 24 }, (_, i) => `approver-${String(i).padStart(2, '0')}`);
    const runs = await Promise.all(actors.map((actor) => approve(dir, actor)));
    expect(runs.filter((r) => r.code !== 0)).toEqual([]);
    const text = await readFile(file, 'utf8');
    const parsed = parseContract('release-manifest', JSON.parse(text));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    expect(parsed.value.approvals.map((a) => a.actor).sort()).toEqual(['alice', ...actors].sort());
    // Only the approvals grew: the runbook's one-line entries and everything around them are as written.
    const original = await readFile(RUNBOOK, 'utf8');
    const [head, tail] = original.split(/(?<="timestamp": "2025-10-02T14:30:00Z"\})/);
    expect(text.startsWith(head as string)).toBe(true);
    expect(text.endsWith(tail as string)).toBe(true);
    // No temp file or lock is left behind.
    expect(await readdir(dir)).toEqual(['release-manifest.json']);
  });
});
