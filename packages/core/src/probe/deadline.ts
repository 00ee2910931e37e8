// Bounds a whole check: every probe result by `deadlineMs`, whichever probe is slowest. The deadline
// timer exists only while something is pending and is cleared when the last result arrives.
import type { Obtained } from './probe-slot.js';
import type { ProbeResult } from './run-probe.js';

/** Results in input order; a run still pending at the deadline gets `late(index)` instead. */
export function collect(
  items: readonly Obtained[],
  deadlineMs: number,
  late: (index: number) => ProbeResult,
): Promise<ProbeResult[]> {
  const results: (ProbeResult | undefined)[] = items.map((item) =>
    item.kind === 'settled' ? item.result : undefined,
  );
  let pending = results.filter((result) => result === undefined).length;
  if (pending === 0) return Promise.resolve(results as ProbeResult[]);
  return new Promise((resolve) => {
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(results.map((result, index) => result ?? late(index)));
    };
    const timer = setTimeout(finish, deadlineMs);
    items.forEach((item, index) => {
      if (item.kind !== 'pending') return;
      item.promise.then((result) => {
        if (done) return;
        results[index] = result;
        pending -= 1;
        if (pending === 0) finish();
      });
    });
  });
}
