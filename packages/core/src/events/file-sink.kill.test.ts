// A process killed (SIGKILL) while events are being written loses no line `emit` acknowledged. The child runs
// the BUILT sink (packages/core/dist/events.js; `pnpm test` builds first), emitting without pause, and prints
// each event's number once its emit() resolved; the parent kills it mid-stream and reads the file.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../..', import.meta.url));
const built = join(root, 'packages/core/dist/events.js');

// Emits continuously with up to 16 emits in flight, so the kill lands during writes and fsyncs.
const CHILD = `
const { createEmitter, fileSink } = await import(${JSON.stringify(pathToFileURL(built).href)});
const path = process.argv[1];
const emitter = createEmitter({ sinks: [fileSink({ path })] });
const event = (n) => ({
  type: 'health.failed', correlation_id: 'kill-test', environment: 'production', version: '1.4.0',
  service: 'orders-api', timestamp: new Date(Date.UTC(2025, 9, 2) + n).toISOString(), error: 'n=' + n,
});
let n = 0;
async function lane() {
  for (;;) {
    const mine = n++;
    const result = await emitter.emit(event(mine));
    if (!result.ok || result.value.sinks.file !== 'delivered') { console.error(JSON.stringify(result)); process.exit(3); }
    process.stdout.write(mine + '\\n');
  }
}
for (let i = 0; i < 16; i++) void lane();
`;

let dir: string;
let child: ChildProcess | undefined;

beforeAll(() => {
  if (!existsSync(built))
    throw new Error('packages/core/dist/events.js is missing: run pnpm --filter @rollgate/core build');
});
afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  child = undefined;
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('file sink durability', () => {
  it.each([1, 2, 3])(
    'SIGKILL mid-delivery (run %i): every acknowledged line is in the file, whole',
    async () => {
      dir = await mkdtemp(join(tmpdir(), 'rollgate-kill-'));
      const path = join(dir, 'events.jsonl');
      const proc = spawn(process.execPath, ['--input-type=module', '-e', CHILD, path], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = proc;
      const acknowledged = new Set<number>();
      let stderr = '';
      proc.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      let pending = '';
      const enough = 200 + Math.floor(Math.random() * 200);
      const exited = new Promise<NodeJS.Signals | null>((resolve) =>
        proc.on('exit', (_code, signal) => resolve(signal)),
      );
      await new Promise<void>((resolve, reject) => {
        proc.on('exit', () => reject(new Error(`child exited early: ${stderr}`)));
        proc.stdout?.on('data', (chunk: Buffer) => {
          pending += chunk.toString();
          const parts = pending.split('\n');
          pending = parts.pop() ?? '';
          for (const part of parts) acknowledged.add(Number(part));
          if (acknowledged.size >= enough) resolve();
        });
      });
      proc.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
      const text = await readFile(path, 'utf8');
      const whole = text.split('\n');
      whole.pop(); // the part after the last newline: empty, or a line torn by the kill (never acknowledged)
      const inFile = new Set(whole.map((line) => Number(/"error":"n=(\d+)"/.exec(line)?.[1] ?? -1)));
      for (const line of whole) expect(() => JSON.parse(line)).not.toThrow();
      const lost = [...acknowledged].filter((n) => !inFile.has(n));
      expect(lost).toEqual([]);
      expect(acknowledged.size).toBeGreaterThanOrEqual(enough);
    },
    30_000,
  );
});
