import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { format } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';

const README = fileURLToPath(new URL('../README.md', import.meta.url));

// Output the README promises: `console.log(...); // text` and comment lines right under a console.log line.
function promisedOutput(snippet: string): string[] {
  const out: string[] = [];
  let afterLog = false;
  for (const line of snippet.split('\n')) {
    const inline = /console\.log\(.*\);\s*\/\/ (.+)$/.exec(line);
    if (inline) out.push(inline[1]!);
    else if (afterLog && /^\s*\/\/ /.test(line)) out.push(line.replace(/^\s*\/\/ /, ''));
    afterLog = line.includes('console.log(') || (afterLog && /^\s*\/\/ /.test(line));
  }
  return out;
}

describe('README quick start', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rollgate-readme-'));
  afterEach(() => {
    vi.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs as written and prints what its comments say', async () => {
    const snippet = /## Quick start\n\n```ts\n([\s\S]*?)```/.exec(readFileSync(README, 'utf8'))?.[1];
    expect(snippet, 'README.md has a ```ts block under "## Quick start"').toBeDefined();
    const file = join(dir, 'quick-start.ts');
    writeFileSync(file, snippet ?? '');
    const printed: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      printed.push(format(...args));
    });
    await import(/* @vite-ignore */ pathToFileURL(file).href);
    expect(printed).toEqual(promisedOutput(snippet ?? ''));
    expect(printed.length).toBeGreaterThanOrEqual(6);
  });
});
