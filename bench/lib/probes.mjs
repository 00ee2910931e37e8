import { setTimeout as sleep } from 'node:timers/promises';

// The dependency checks every benchmark server runs, with a call counter per probe: the counter is the
// dependency's view, i.e. how many calls the health endpoint sends it. Every library gets the same set.

/** The three probes of the throughput benchmark: they resolve at once (in a microtask). */
export const INSTANT_PROBES = [
  { name: 'postgres', delayMs: 0 },
  { name: 'redis', delayMs: 0 },
  { name: 'kafka', delayMs: 0 },
];

/** The fan-out set: eight dependencies answering in 5 to 50 ms; the slowest one bounds a parallel check. */
export const FANOUT_PROBES = [5, 10, 15, 20, 25, 30, 40, 50].map((delayMs, i) => ({
  name: `dep${i + 1}-${delayMs}ms`,
  delayMs,
}));

/** A promise that never settles: a dependency that hangs (no timeout of its own, as a stuck socket). */
function never() {
  return new Promise(() => {});
}

/**
 * Creates counted probes from `[{ name, delayMs }]`. `setMode('hang', names)` makes every later call of the
 * named probes (all when `names` is omitted) never settle: the dependency hangs while the service runs;
 * `setMode('ok')` restores every probe.
 */
export function countedProbes(specs) {
  const calls = Object.fromEntries(specs.map((s) => [s.name, 0]));
  let hung = new Set();
  const probes = specs.map(({ name, delayMs }) => ({
    name,
    check: async () => {
      calls[name]++;
      if (hung.has(name)) return never();
      if (delayMs > 0) await sleep(delayMs);
    },
  }));
  /** Runs every probe in parallel, as a hand-written health check would; rejects if any rejects. */
  const runAll = async () => {
    await Promise.all(probes.map((p) => p.check()));
  };
  const reset = () => {
    for (const name of Object.keys(calls)) calls[name] = 0;
  };
  const setMode = (mode, names) => {
    hung = mode === 'hang' ? new Set(names ?? specs.map((s) => s.name)) : new Set();
  };
  return { probes, calls, runAll, reset, setMode };
}
