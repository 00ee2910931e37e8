// One look at a process's memory and event-loop resources, after a full garbage collection, for the memory
// benchmark. Needs `node --expose-gc`.

/** Counts `process.getActiveResourcesInfo()` by type (`Timeout`, `TCPWRAP`, …). */
export function activeResources() {
  const counts = {};
  for (const type of process.getActiveResourcesInfo()) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}

/**
 * Collects garbage twice (a second pass frees what the first one's finalizers released), then returns heap used,
 * heap total, external and array-buffer bytes, RSS and the active resources by type.
 */
export function sampleMemory() {
  if (typeof globalThis.gc !== 'function') throw new Error('sampleMemory needs node --expose-gc');
  globalThis.gc();
  globalThis.gc();
  const m = process.memoryUsage();
  return {
    heapUsed: m.heapUsed,
    heapTotal: m.heapTotal,
    external: m.external,
    arrayBuffers: m.arrayBuffers,
    rss: m.rss,
    resources: activeResources(),
  };
}

/** Total number of active resources of a sample (every type). */
export const resourceTotal = (sample) => Object.values(sample.resources).reduce((a, b) => a + b, 0);
