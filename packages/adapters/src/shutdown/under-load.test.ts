// Shutdown under load: a real Express or Fastify service (the BUILT package) in a child process,
// autocannon driving its ordinary route, SIGTERM in the middle. During the drain the route keeps
// answering 2xx with zero errors while readiness answers 503, and the process exits by itself within
// timeoutMs. The load stops before the listener closes, as it does in a cluster once readiness has
// taken the pod out of the endpoints (connections refused after that point are the point of closing).
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { http } from '../../../../tests/support/index.js';
import { PACKAGE_DIR, requireFreshBuild } from '../../tests/apps/built.js';

/** The part of autocannon's programmatic API this test uses (autocannon ships no types). */
interface AutocannonResult {
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
}
interface AutocannonInstance extends PromiseLike<AutocannonResult> {
  on(event: 'response', listener: () => void): void;
  stop(): void;
}
const autocannon = createRequire(import.meta.url)('autocannon') as (options: {
  url: string;
  connections: number;
  duration: number;
  sampleInt: number;
}) => AutocannonInstance;

const SERVER = fileURLToPath(new URL('../../tests/apps/under-load.server.mjs', import.meta.url));
const DRAIN_DELAY_MS = 1_200;
const TIMEOUT_MS = 4_000;
const SIGNAL_AFTER_MS = 300;
const LOAD_AFTER_SIGNAL_MS = 700; // stop the load well inside the drain delay

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function start(
  framework: 'express' | 'fastify',
): Promise<{ child: ChildProcess; url: string; stderr: () => string }> {
  const child = spawn(process.execPath, [SERVER], {
    cwd: PACKAGE_DIR,
    env: {
      ...process.env,
      FRAMEWORK: framework,
      DRAIN_DELAY_MS: String(DRAIN_DELAY_MS),
      TIMEOUT_MS: String(TIMEOUT_MS),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) =>
      reject(new Error(`server exited with ${code} before listening:\n${stderr}`)),
    );
    child.stdout?.once('data', (chunk: Buffer) => {
      const { port } = JSON.parse(chunk.toString()) as { port: number };
      resolve({ child, url: `http://127.0.0.1:${port}`, stderr: () => stderr });
    });
  });
}

beforeAll(() => {
  requireFreshBuild();
});

describe.each(['express', 'fastify'] as const)('SIGTERM under load on a real %s service', (framework) => {
  it('serves the ordinary route without a single failure through the drain, answers readiness 503 from the signal on, and exits within timeoutMs', async () => {
    const { child, url, stderr } = await start(framework);
    const exited = new Promise<{ code: number | null; at: number }>((resolve) => {
      child.once('exit', (code) => resolve({ code, at: performance.now() }));
    });
    try {
      // sampleInt: autocannon only notices stop() on its sampling tick (1 s by default).
      const load = autocannon({ url: `${url}/work`, connections: 20, duration: 10, sampleInt: 50 });
      let signalledAt = Number.POSITIVE_INFINITY;
      let responsesAfterSignal = 0;
      load.on('response', () => {
        if (performance.now() > signalledAt) responsesAfterSignal += 1;
      });

      // Readiness, polled on fresh connections until the listener closes.
      const polls: { sentAt: number; answeredAt: number; status: number }[] = [];
      let polling = true;
      const poller = (async () => {
        while (polling) {
          const sentAt = performance.now();
          try {
            const { status } = await http(`${url}/readyz`, { timeoutMs: 1_000 });
            polls.push({ sentAt, answeredAt: performance.now(), status });
          } catch {
            return; // refused: the listener has closed
          }
          await sleep(25);
        }
      })();

      await sleep(SIGNAL_AFTER_MS);
      signalledAt = performance.now();
      child.kill('SIGTERM');
      await sleep(LOAD_AFTER_SIGNAL_MS);
      load.stop();
      const result = await load;
      const { code, at } = await exited;
      polling = false;
      await poller;

      expect(result['2xx']).toBeGreaterThan(0);
      expect(responsesAfterSignal).toBeGreaterThan(0); // the load really ran through the drain
      expect({ errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx }).toEqual({
        errors: 0,
        timeouts: 0,
        non2xx: 0,
      });

      const before = polls.filter((poll) => poll.answeredAt < signalledAt);
      const after = polls.filter((poll) => poll.sentAt > signalledAt + 20); // signal delivery is not instant
      expect(before.length).toBeGreaterThan(0);
      expect(before.every((poll) => poll.status === 200)).toBe(true);
      expect(after.length).toBeGreaterThan(5);
      expect(after.map((poll) => poll.status)).toEqual(after.map(() => 503));

      expect(code).toBe(0);
      expect(at - signalledAt).toBeGreaterThanOrEqual(DRAIN_DELAY_MS);
      expect(at - signalledAt).toBeLessThan(TIMEOUT_MS);
    } catch (error) {
      console.error(`${framework} server log:\n${stderr()}`);
      throw error;
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
