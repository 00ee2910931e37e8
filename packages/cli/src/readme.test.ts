// The README's "A session with each command" is run as written: each `$ rollgate …` of its console blocks runs
// in-process in a copy of examples/demo, and what it prints (stdout and stderr as a terminal interleaves them) and
// its exit code must be what the README shows. A line `  …` stands for lines left out; a run without `--now`
// prints the current time, which is compared as any instant. The foreground `serve-analysis` block is not run.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './commands/program.js';
import type { CliIo } from './output/io.js';
import { ROOT } from './testing/paths.js';

const README = readFileSync(join(ROOT, 'packages/cli/README.md'), 'utf8');

interface Step {
  /** The command line as the README writes it. */
  readonly line: string;
  readonly args: string[];
  readonly output: string[];
  readonly exit: number;
}

/** The `$ rollgate …` steps of the console blocks in the README's section `title`. */
function sessionSteps(title: string): Step[] {
  const section = README.split(/^## /m).find((part) => part.startsWith(`${title}\n`));
  if (section === undefined) throw new Error(`README.md has no section "## ${title}"`);
  const steps: Step[] = [];
  for (const [, block] of section.matchAll(/```console\n([\s\S]*?)```/g)) {
    const lines = (block ?? '').split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (!lines[i]?.startsWith('$ rollgate ')) continue;
      let line = lines[i] as string;
      while (line.endsWith('\\')) line = `${line.slice(0, -1)}${lines[++i]?.trim() ?? ''}`;
      const output: string[] = [];
      let exit: number | undefined;
      for (i++; i < lines.length; i++) {
        const exitLine = /^# exit (\d+)$/.exec(lines[i] ?? '');
        if (exitLine) {
          exit = Number(exitLine[1]);
          break;
        }
        output.push(lines[i] as string);
      }
      if (exit === undefined) throw new Error(`README.md: "${line}" has no "# exit N" line`);
      if (/["'`|>]/.test(line))
        throw new Error(`README.md: "${line}" needs a shell; write it without quotes`);
      steps.push({ line, args: line.slice('$ rollgate '.length).split(/\s+/), output, exit });
    }
  }
  return steps;
}

/** A CliIo whose stdout and stderr write to one transcript, as a terminal shows them. */
function terminal(cwd: string): CliIo & { text(): string } {
  let text = '';
  const write = (chunk: string) => {
    text += chunk;
    return true;
  };
  return {
    stdout: { isTTY: false, write },
    stderr: { isTTY: false, write },
    env: {},
    cwd,
    text: () => text,
  };
}

const INSTANT = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)/g;

/** Whether `printed` is what the README shows: `  …` skips lines; instants match any instant when `anyTime`. */
function matchesShown(printed: string[], shown: string[], anyTime: boolean): boolean {
  const same = (a: string, b: string) =>
    anyTime ? a.replace(INSTANT, '<instant>') === b.replace(INSTANT, '<instant>') : a === b;
  const gap = shown.findIndex((l) => l.trim() === '…');
  if (gap === -1) return printed.length === shown.length && printed.every((l, i) => same(l, shown[i] ?? ''));
  const head = shown.slice(0, gap);
  const tail = shown.slice(gap + 1);
  return (
    printed.length >= head.length + tail.length &&
    head.every((l, i) => same(printed[i] ?? '', l)) &&
    tail.every((l, i) => same(printed[printed.length - tail.length + i] ?? '', l))
  );
}

describe('the CLI README’s session with each command', () => {
  // A copy of examples/demo, so `--html report.html` writes into the copy, not the repository.
  const dir = mkdtempSync(join(tmpdir(), 'rollgate-cli-readme-'));
  const demo = join(dir, 'demo');
  cpSync(join(ROOT, 'examples/demo'), demo, { recursive: true });
  cpSync(join(ROOT, 'examples/prometheus'), join(dir, 'prometheus'), { recursive: true });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // serve-analysis runs in the foreground until ^C: its block shows a server, not a command that returns.
  const steps = sessionSteps('A session with each command').filter((s) => s.args[0] !== 'serve-analysis');
  it('has a step for every command the issue table names', () => {
    const commands = new Set(steps.map((s) => s.args[0]));
    for (const command of ['validate', 'schema', 'gate', 'analyze']) expect(commands).toContain(command);
  });

  it.each(steps.map((s) => [s.line, s] as const))('%s', { timeout: 30_000 }, async (_, step) => {
    const io = terminal(demo);
    const code = await runCli(step.args, io);
    const printed = io.text().replace(/\n$/, '').split('\n');
    const shown =
      step.output.length > 0 && step.output.at(-1) === '' ? step.output.slice(0, -1) : step.output;
    const anyTime = !step.args.includes('--now');
    expect({ code, matches: matchesShown(printed, shown, anyTime) }, io.text()).toEqual({
      code: step.exit,
      matches: true,
    });
  });
});
