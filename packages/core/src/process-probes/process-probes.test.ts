import { describe, expect, it } from 'vitest';
import { createHealth } from '../probe/create-health.js';
import { diskSpaceProbe } from './disk-space.js';
import { eventLoopDelayProbe } from './event-loop-delay.js';
import { eventLoopUtilizationProbe } from './event-loop-utilization.js';
import { heapUsedProbe, rssProbe } from './memory.js';

function blockFor(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // a real stall: nothing else runs on this thread meanwhile
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() - started > timeoutMs) return value;
    await sleep(50);
  }
}

describe('event-loop delay probe', () => {
  it('a blocked loop takes the replica out of readiness naming EventLoop while liveness stays up, and it comes back by the heartbeat thresholds', async () => {
    const health = createHealth({
      service: 'orders-api',
      version: '1.0.0',
      heartbeat: { intervalMs: 100, failureThreshold: 2, successThreshold: 2, graceMs: 0 },
    });
    health.register(eventLoopDelayProbe({ maxDelayMs: 250, windowMs: 400 }));
    health.register({ name: 'alive', groups: ['liveness'], check: () => true });
    health.markStarted();

    const healthy = await until(
      () => health.check('readiness'),
      (report) => report.status === 'ok',
    );
    expect(healthy.status).toBe('ok');

    // Three stalls of 600 ms, each recorded by the histogram when the loop gets back.
    for (let i = 0; i < 3; i++) {
      blockFor(600);
      await sleep(120);
    }
    const failing = await until(
      () => health.check('readiness'),
      (report) => report.status === 'fail',
    );
    expect(failing.status).toBe('fail');
    expect(failing.dependency).toBe('EventLoop');
    expect(failing.error).toMatch(/^event loop delay p99 \d+ms over 400ms is above the 250ms threshold$/);
    expect((await health.check('liveness')).status).toBe('ok');

    const recovered = await until(
      () => health.check('readiness'),
      (report) => report.status === 'ok',
    );
    expect(recovered.status).toBe('ok');
    await health.close();
  });

  it('health.close() stops its sampling timer (the process can exit)', async () => {
    const health = createHealth({ service: 'orders-api', version: '1.0.0' });
    const probe = eventLoopDelayProbe({ windowMs: 100 });
    let closed = 0;
    health.register({
      ...probe,
      close: () => {
        closed += 1;
        probe.close?.();
      },
    });
    await health.close();
    expect(closed).toBe(1);
  });
});

describe('event-loop utilisation probe', () => {
  it('fails above its threshold with the measured value, passes below', async () => {
    const strict = eventLoopUtilizationProbe({ maxUtilization: 0.000001, windowMs: 200 });
    blockFor(50);
    expect(() => strict.check(new AbortController().signal)).toThrow(
      /^event loop utilisation [\d.]+% over 200ms is above the 0% threshold$/,
    );
    const lenient = eventLoopUtilizationProbe({ maxUtilization: 1 });
    expect(lenient.check(new AbortController().signal)).toBeTypeOf('number');
    strict.close?.();
    lenient.close?.();
    expect(strict.name).toBe('EventLoopUtilization');
  });
});

describe('memory probes', () => {
  it('heap: names the figure and threshold; default threshold passes', async () => {
    await expect(
      heapUsedProbe({ maxHeapUsedBytes: 1024 }).check(new AbortController().signal),
    ).rejects.toThrow(/^heap used [\d.]+ MiB is above the 1 KiB threshold$/);
    await expect(heapUsedProbe().check(new AbortController().signal)).resolves.toBeTypeOf('number');
    expect(heapUsedProbe().name).toBe('Heap');
  });

  it('rss: requires a threshold and names the figure', () => {
    expect(() => rssProbe({ maxRssBytes: 1024 * 1024 }).check(new AbortController().signal)).toThrow(
      /^RSS [\d.]+ MiB is above the 1 MiB threshold$/,
    );
    expect(() => rssProbe({} as { maxRssBytes: number })).toThrow(
      expect.objectContaining({ code: 'ROLLGATE_ERR_INVALID_OPTION' }),
    );
  });
});

describe('disk space probe', () => {
  it('reads the volume with statfs and names free space, path and threshold', async () => {
    const probe = diskSpaceProbe({ path: '/', minFreeRatio: 1 });
    await expect(probe.check(new AbortController().signal)).rejects.toThrow(
      /^free disk space [\d.]+ \w+ \([\d.]+%\) at \/ is below the 100% threshold$/,
    );
    const ok = diskSpaceProbe({ path: '/', minFreeRatio: 0 });
    await expect(ok.check(new AbortController().signal)).resolves.toBeGreaterThan(0);
    expect(ok.name).toBe('DiskSpace');
  });
});

describe('strict options', () => {
  it.each([
    () => eventLoopDelayProbe({ maxDelay: 10 } as never),
    () => eventLoopUtilizationProbe({ max: 0.5 } as never),
    () => heapUsedProbe({ maxHeap: 1 } as never),
    () => diskSpaceProbe({ minFree: 1 } as never),
  ])('refuses an unknown key (%#)', (make) => {
    expect(make).toThrow(expect.objectContaining({ code: 'ROLLGATE_ERR_UNKNOWN_OPTION' }));
  });

  it('refuses an out-of-range threshold', () => {
    expect(() => eventLoopDelayProbe({ maxDelayMs: -1 })).toThrow(
      expect.objectContaining({ code: 'ROLLGATE_ERR_INVALID_OPTION' }),
    );
    expect(() => eventLoopUtilizationProbe({ maxUtilization: 2 })).toThrow(
      expect.objectContaining({ code: 'ROLLGATE_ERR_INVALID_OPTION' }),
    );
  });
});
