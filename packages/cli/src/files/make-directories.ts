// `mkdir -p` that fails instead of spinning. Node's `mkdir(dir, { recursive: true })` loops forever, at full CPU,
// where a parent exists but refuses a child with ENOENT (procfs, sysfs: `rollgate schema --out /proc/x` never
// returned). Here each missing directory is made on its own, from the deepest existing ancestor down, so that
// ENOENT is an error like any other.
import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const codeOf = (error: unknown): unknown => (error as NodeJS.ErrnoException | null)?.code;

/** Makes `dir` and its missing parents (each with `mode`); throws the first error, as `mkdir` reports it. */
export function makeDirectories(dir: string, mode?: number): void {
  const missing: string[] = [];
  for (let current = resolve(dir); ; current = dirname(current)) {
    try {
      if (statSync(current).isDirectory()) break;
      throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${dir}'`), { code: 'ENOTDIR' });
    } catch (error) {
      if (codeOf(error) !== 'ENOENT') throw error;
    }
    missing.push(current);
    if (dirname(current) === current) break;
  }
  for (const path of missing.reverse()) {
    try {
      mkdirSync(path, mode === undefined ? {} : { mode });
    } catch (error) {
      if (codeOf(error) !== 'EEXIST') throw error; // made meanwhile by another process: fine
    }
  }
}
