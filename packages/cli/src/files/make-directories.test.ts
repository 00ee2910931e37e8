import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeDirectories } from './make-directories.js';

describe('makeDirectories', () => {
  it('makes a directory and its missing parents with the mode given, and accepts one that exists', () => {
    const root = mkdtempSync(join(tmpdir(), 'rollgate-mkdir-'));
    const deep = join(root, 'a', 'b', 'c');
    makeDirectories(deep, 0o700);
    expect(statSync(deep).isDirectory()).toBe(true);
    expect(statSync(join(root, 'a')).mode & 0o777).toBe(0o700);
    expect(() => makeDirectories(deep)).not.toThrow();
  });

  it('throws, rather than loop, where a parent refuses children (a file; procfs on Linux)', () => {
    const root = mkdtempSync(join(tmpdir(), 'rollgate-mkdir-'));
    writeFileSync(join(root, 'file'), '');
    expect(() => makeDirectories(join(root, 'file', 'x'))).toThrow(/ENOTDIR/);
    // Node's own recursive mkdir spins forever here; this must come back at once with ENOENT.
    if (existsSync('/proc/self')) expect(() => makeDirectories('/proc/rollgate-no-such/x')).toThrow(/ENOENT/);
  });
});
