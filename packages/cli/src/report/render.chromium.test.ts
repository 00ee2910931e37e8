// The report in a real browser: Debian's chromium renders the page headless, takes a screenshot, and the DOM it
// built holds the breach marker at the breach's time and at the x position that time maps to.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { requireBinary } from '../../../../tests/support/binaries.js';
import { runCli } from '../commands/program.js';
import { memoryIo } from '../testing/memory-io.js';
import { DOCUMENTS, INPUTS } from '../testing/paths.js';

const run = promisify(execFile);
const chromium = requireBinary('chromium');
// Root in a container has no user namespace for chromium's sandbox; the page is our own file.
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--no-first-run'];

function attribute(tag: string, name: string): string | undefined {
  return tag.match(new RegExp(`${name}="([^"]*)"`))?.[1];
}

describe('the HTML report in headless Chromium', () => {
  it('renders, screenshots, and holds the breach marker at the right time', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rollgate-report-'));
    const page = join(dir, 'report.html');
    const io = memoryIo();
    const code = await runCli(
      [
        'analyze',
        '--rules',
        `${DOCUMENTS}rollback_rules.yaml`,
        '--samples',
        `${INPUTS}canary_samples.json`,
        '--plan',
        `${DOCUMENTS}canary_plan.yaml`,
        '--now',
        '2025-10-02T12:14:00Z',
        '--html',
        page,
      ],
      io,
    );
    expect(code).toBe(4);
    const url = pathToFileURL(page).href;
    const shot = join(dir, 'report.png');
    const [dom] = await Promise.all([
      run(chromium, [...FLAGS, '--dump-dom', url], { maxBuffer: 16 * 1024 * 1024 }),
      run(chromium, [...FLAGS, '--window-size=860,1200', `--screenshot=${shot}`, url]),
    ]);

    const png = await readFile(shot);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect((await stat(shot)).size).toBeGreaterThan(20_000);

    // The DOM chromium built from the page (not the file we wrote): one breach, in the error-rate chart.
    const html = dom.stdout;
    expect(html).toContain('<body data-decision="rollback"');
    const section = html.slice(
      html.indexOf('data-rule="error-rate"'),
      html.indexOf('data-rule="p95-vs-baseline"'),
    );
    const svg = section.match(/<svg class="chart"[^>]*>/)?.[0] ?? '';
    const breach = section.match(/<g class="breach"[^>]*>/)?.[0] ?? '';
    expect(html.match(/class="breach"/g)).toHaveLength(1);
    const breachAt = Number(attribute(breach, 'data-breach-at'));
    expect(breachAt).toBe(Date.parse('2025-10-02T12:12:00Z'));
    const [t0, t1, x0, x1] = ['data-t0', 'data-t1', 'data-x0', 'data-x1'].map((n) =>
      Number(attribute(svg, n)),
    );
    const expectedX =
      (x0 ?? 0) + ((breachAt - (t0 ?? 0)) / ((t1 ?? 0) - (t0 ?? 0))) * ((x1 ?? 0) - (x0 ?? 0));
    expect(Number(attribute(breach, 'data-breach-x'))).toBeCloseTo(expectedX, 0);
    expect(section).toMatch(new RegExp(`<line x1="${attribute(breach, 'data-breach-x')}"`));
    // The canary's weight steps are on the timeline, ending in the rollback to 0 %.
    expect([...html.matchAll(/class="weight" data-weight="(\d+)"/g)].map((m) => Number(m[1]))).toEqual([
      10, 25, 50, 0,
    ]);
    await writeFile(join(dir, 'dom.html'), html);
  }, 120_000);
});
