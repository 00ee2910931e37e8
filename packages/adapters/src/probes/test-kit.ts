import type { ProbeRegistration } from '@rollgate/core';
// Shared by this folder's tests only (not exported, not bundled): runs a probe the way a host does,
// through a real health, so the timeout under test is the engine's, with the engine's text.
import { createHealth } from '@rollgate/core';

/** How one check of a probe through a real health went. */
export interface HealthRun {
  /** Status of the probe's report. */
  readonly status: string | undefined;
  /** Error of the probe's report. */
  readonly error: string | undefined;
  /** Wall-clock time the check took, in ms. */
  readonly elapsedMs: number;
  /** Warnings the engine logged (a late rejection it did not expect, say). */
  readonly warnings: readonly string[];
}

/** Registers `probe` with a fresh health (no cache), checks it once, and closes the health. */
export async function checkThroughHealth(probe: ProbeRegistration): Promise<HealthRun> {
  const warnings: string[] = [];
  const health = createHealth({
    service: 'probe-tests',
    version: '0.0.0',
    cacheTtlMs: 0,
    logger: { warn: (_fields, message) => warnings.push(message) },
  });
  try {
    health.register(probe);
    const started = performance.now();
    const report = await health.checkProbe(probe.name);
    const elapsedMs = performance.now() - started;
    // A probe that gave up when its signal aborted rejects just after the run settled: let it land.
    await new Promise((resolve) => setImmediate(resolve));
    return { status: report?.status, error: report?.error, elapsedMs, warnings };
  } finally {
    await health.close();
  }
}
