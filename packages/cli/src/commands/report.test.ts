import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseReleaseReport } from '@rollgate/contract/files';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../testing/memory-io.js';
import { ROOT } from '../testing/paths.js';
import { runCli } from './program.js';

const FIXTURE = `${ROOT}packages/contract/fixtures/v1.0.0/release-report/valid/2025.10.02-production.json`;
const fixture = JSON.parse(await readFile(FIXTURE, 'utf8')) as Record<string, unknown>;

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'rollgate-report-'));
}

describe('rollgate report', () => {
  it('writes release_report.md from a report and notes, and validate reads it back as a release report', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'notes.md'), '# orders-api 1.4.0\n\nCanary held at 5 % for 300 s.\n');
    const io = memoryIo({ cwd: dir });
    const code = await runCli(
      ['report', '--from', FIXTURE, '--notes', 'notes.md', '--output', 'release_report.md'],
      io,
    );
    expect(code).toBe(0);
    expect(io.out()).toBe('✓ release_report.md release-report: succeeded, production 1.4.0\n');
    const text = await readFile(join(dir, 'release_report.md'), 'utf8');
    expect(text.startsWith('---\nschema_version: 1.0.0\nstatus: succeeded\n')).toBe(true);
    expect(parseReleaseReport(text)).toEqual({
      ok: true,
      value: { report: fixture, notes: '# orders-api 1.4.0\n\nCanary held at 5 % for 300 s.' },
    });

    const validate = memoryIo({ cwd: dir });
    expect(await runCli(['validate', 'release_report.md'], validate)).toBe(0);
    expect(validate.out()).toBe('✓ release_report.md release-report\n');
  });

  it('prints to stdout without --output', async () => {
    const io = memoryIo();
    expect(await runCli(['report', '--from', FIXTURE], io)).toBe(0);
    expect(io.out()).toMatch(/^---\nschema_version: 1\.0\.0\n[\s\S]*\n---\n$/);
  });

  it('exits 1 and writes nothing for a report the contract refuses', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'report.json'), JSON.stringify({ ...fixture, status: 'shipped' }));
    const io = memoryIo({ cwd: dir });
    const code = await runCli(['report', '--from', 'report.json', '--output', 'out.md', '--json'], io);
    expect(code).toBe(1);
    expect(JSON.parse(io.out())).toMatchObject({
      written: false,
      output: 'out.md',
      issues: [{ file: 'report.json', path: 'status' }],
    });
    await expect(readFile(join(dir, 'out.md'))).rejects.toThrow(/ENOENT/);
  });

  it('exits 2 on a missing input or an unwritable output, in one line', async () => {
    const dir = await tempDir();
    const missing = memoryIo({ cwd: dir });
    expect(await runCli(['report', '--from', 'nope.json'], missing)).toBe(2);
    expect(missing.err()).toBe('rollgate report: nope.json: file not found\n');
    const unwritable = memoryIo({ cwd: dir });
    expect(await runCli(['report', '--from', FIXTURE, '--output', 'no/such/dir/r.md'], unwritable)).toBe(2);
    expect(unwritable.err()).toMatch(
      /^rollgate report: .*r\.md: cannot write: the directory does not exist\n$/,
    );
  });

  it('validate reports a Markdown file without front matter as unreadable, and a bad one as invalid', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'release_report.md'), '# notes only\n');
    await writeFile(join(dir, 'bad_release_report.md'), '---\nstatus: shipped\n---\n\nnotes\n');
    const io = memoryIo({ cwd: dir });
    expect(await runCli(['validate', 'release_report.md'], io)).toBe(2);
    expect(io.err()).toMatch(/^rollgate validate: release_report\.md: expected YAML front matter/);
    const bad = memoryIo({ cwd: dir });
    expect(await runCli(['validate', 'bad_release_report.md'], bad)).toBe(1);
    expect(bad.out()).toMatch(/^✗ bad_release_report\.md release-report: 4 issues\n/);
  });
});
