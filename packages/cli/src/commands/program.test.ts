// What every command shares: help with a runnable example, usage mistakes as one line and exit 2, the stack of
// an unexpected error only with --debug.
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../testing/memory-io.js';
import { runCli } from './program.js';

const COMMANDS = ['validate', 'schema', 'gate', 'analyze', 'serve-analysis'];

describe('rollgate', () => {
  it('--help lists every command and exits 0', async () => {
    const io = memoryIo();
    expect(await runCli(['--help'], io)).toBe(0);
    for (const command of COMMANDS) expect(io.out()).toMatch(new RegExp(`^  ${command} `, 'm'));
    expect(io.out()).toContain('Example:\n  $ rollgate ');
  });

  it.each(COMMANDS)('%s --help shows a runnable example and the exit codes', async (command) => {
    const io = memoryIo();
    expect(await runCli([command, '--help'], io)).toBe(0);
    expect(io.out()).toContain(`Example:\n  $ rollgate ${command} `);
    expect(io.out()).toContain('Exit codes:\n  0 ');
  });

  it('an unknown command or option is one line and exit 2', async () => {
    const unknown = memoryIo();
    expect(await runCli(['validat'], unknown)).toBe(2);
    expect(unknown.err()).toBe("rollgate: unknown command 'validat'\n(Did you mean validate?)\n");
    const option = memoryIo();
    expect(await runCli(['schema', '--outt', 'x'], option)).toBe(2);
    expect(option.err()).toMatch(/^rollgate schema: unknown option '--outt'/);
  });

  it('--version prints the version', async () => {
    const io = memoryIo();
    expect(await runCli(['--version'], io)).toBe(0);
    expect(io.out()).toBe('0.1.0\n');
  });

  it('an unexpected error is one line without a stack, exit 70; --debug adds the stack', async () => {
    // A stdout that fails is no input mistake of the user's: it stands in for a bug.
    const failing = (debug: boolean) => {
      const io = memoryIo();
      const broken = {
        ...io,
        stdout: {
          write() {
            throw new Error('boom\nsecond line');
          },
        },
      };
      return { io, run: () => runCli(['schema', ...(debug ? ['--debug'] : [])], broken) };
    };
    const quiet = failing(false);
    expect(await quiet.run()).toBe(70);
    expect(quiet.io.err()).toBe(
      'rollgate schema: internal error: boom (run again with --debug for the stack)\n',
    );
    const loud = failing(true);
    expect(await loud.run()).toBe(70);
    expect(loud.io.err()).toMatch(/^rollgate schema: internal error: boom\nError: boom\nsecond line\n\s+at /);
  });
});
