import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ReleaseReport } from '../documents/deployment.js';
import { loadContract } from '../files.js';
import { splitFrontMatter } from './front-matter.js';
import { parseReleaseReport, renderReleaseReport } from './release-report.js';

const fixture = JSON.parse(
  await readFile(
    new URL('../../fixtures/v1.0.0/release-report/valid/2025.10.02-production.json', import.meta.url),
    'utf8',
  ),
) as ReleaseReport;

const name = fc.stringMatching(/^\S(.{0,30}\S)?$/);
const timestamp = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true })
  .map((d) => d.toISOString());
const reports: fc.Arbitrary<ReleaseReport> = fc.record(
  {
    schema_version: fc.constantFrom('1.0.0', '1.2.3'),
    status: fc.constantFrom('in_progress', 'succeeded', 'failed', 'rolled_back' as const),
    env: fc.stringMatching(/^[a-z][a-z0-9_-]{0,20}$/),
    version: name,
    started_at: timestamp,
    completed_at: timestamp,
    notes: fc.oneof(fc.string({ maxLength: 200 }), fc.array(fc.string({ maxLength: 80 }), { maxLength: 4 })),
  },
  { requiredKeys: ['status', 'env', 'version', 'started_at'] },
);

describe('release_report.md', () => {
  it('renders front matter then the notes, as seed 000 writes it', () => {
    const text = renderReleaseReport(
      { status: 'succeeded', env: 'production', version: '1.4.0', started_at: '2025-10-02T20:00:00+08:00' },
      '# orders-api 1.4.0\n\nCanary held at 5 % for 300 s.',
    );
    expect(text).toBe(
      '---\nstatus: succeeded\nenv: production\nversion: 1.4.0\nstarted_at: 2025-10-02T20:00:00+08:00\n---\n\n' +
        '# orders-api 1.4.0\n\nCanary held at 5 % for 300 s.\n',
    );
  });

  it('round-trips every valid report and any notes (fuzzed)', () => {
    fc.assert(
      fc.property(reports, fc.string({ maxLength: 300 }), (report, notes) => {
        const parsed = parseReleaseReport(renderReleaseReport(report, notes));
        expect(parsed).toEqual({ ok: true, value: { report, notes } });
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips the golden fixture with Markdown that itself contains --- lines', () => {
    const notes = '## Timeline\n\n---\n\n| step | at |\n|---|---|\n| canary | 20:05 |\n...\n';
    expect(parseReleaseReport(renderReleaseReport(fixture, notes))).toEqual({
      ok: true,
      value: { report: fixture, notes },
    });
  });

  it('reads a hand-written file with CRLF line endings and no notes', () => {
    const text =
      '---\r\nstatus: failed\r\nenv: staging\r\nversion: 2.0.0\r\nstarted_at: 2025-10-03T09:15:00Z\r\n---\r\n';
    expect(parseReleaseReport(text)).toEqual({
      ok: true,
      value: {
        report: { status: 'failed', env: 'staging', version: '2.0.0', started_at: '2025-10-03T09:15:00Z' },
        notes: '',
      },
    });
  });

  it('refuses a file without front matter, bad YAML and a report the schema refuses, as issues', () => {
    expect(parseReleaseReport('# just notes\n')).toMatchObject({
      ok: false,
      issues: [{ code: 'front_matter_missing', path: '' }],
    });
    expect(parseReleaseReport('---\nstatus: [\n---\n')).toMatchObject({
      ok: false,
      issues: [{ code: 'syntax', path: '' }],
    });
    const refused = parseReleaseReport('---\nstatus: shipped\nenv: production\nversion: 1.0.0\n---\nnotes\n');
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.issues.map((i) => i.path).sort()).toEqual(['started_at', 'status']);
  });

  it('never throws on arbitrary text (fuzzed)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string().map((s) => `---\n${s}\n---\n`),
          fc.string().map((s) => `---\n${s}`),
        ),
        (text) => {
          const parsed = parseReleaseReport(text);
          if (!parsed.ok) expect(parsed.issues.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('splitFrontMatter leaves the body untouched and needs the fence on the first line', () => {
    expect(splitFrontMatter('---\na: 1\n...\nbody\n')).toEqual({ frontMatter: 'a: 1\n', body: 'body\n' });
    expect(splitFrontMatter('\n---\na: 1\n---\n')).toBeNull();
    expect(splitFrontMatter('---\na: 1\n')).toBeNull();
  });

  it('loadContract reads a .md file as its front matter', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rollgate-report-'));
    const file = join(dir, 'release_report.md');
    await writeFile(file, renderReleaseReport(fixture, 'All green.'));
    expect(await loadContract('release-report', file)).toEqual({ ok: true, value: fixture });
    await writeFile(file, '# no front matter\n');
    expect(await loadContract('release-report', file)).toMatchObject({
      ok: false,
      issues: [{ code: 'front_matter_missing', file }],
    });
  });
});
