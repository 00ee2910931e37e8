import { setTimeout as sleep } from 'node:timers/promises';

// The three dependency checks every server in readyz-throughput.mjs runs, with call counters so the
// benchmark can report how often each server actually ran them.

/**
 * Creates three counted probes. `slowMs` > 0 makes the first one ("postgres") take that long, as a query
 * would; the others resolve at once (in a microtask).
 */
export function countedProbes(slowMs) {
  const calls = { postgres: 0, redis: 0, kafka: 0 };
  const probes = [
    {
      name: 'postgres',
      check: async () => {
        calls.postgres++;
        if (slowMs > 0) await sleep(slowMs);
      },
    },
    {
      name: 'redis',
      check: async () => {
        calls.redis++;
      },
    },
    {
      name: 'kafka',
      check: async () => {
        calls.kafka++;
      },
    },
  ];
  /** Runs all three, as a hand-written health check would; rejects if any rejects. */
  const runAll = async () => {
    await Promise.all(probes.map((p) => p.check()));
  };
  const reset = () => {
    calls.postgres = 0;
    calls.redis = 0;
    calls.kafka = 0;
  };
  return { probes, calls, runAll, reset };
}
