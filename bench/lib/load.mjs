import autocannon from 'autocannon';

// One autocannon run with per-response latencies kept at full precision: autocannon's own histogram keeps
// whole milliseconds, and most answers here take less than one.

/**
 * Drives `url` with autocannon (note: it counts `duration` in whole seconds, rounding up) (`options` as autocannon takes them: connections, duration or amount,
 * overallRate, …). Resolves { reqPerSec, total, latencies, statuses, failures, seconds }, where failures
 * counts errors and timeouts and statuses maps each status code to its count.
 */
export async function drive(url, options) {
  const started = process.hrtime.bigint();
  const latencies = [];
  const statuses = new Map();
  const instance = autocannon({ url, ...options });
  instance.on('response', (_client, status, _bytes, ms) => {
    latencies.push(ms);
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
  });
  const result = await instance;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    reqPerSec: latencies.length / seconds,
    total: latencies.length,
    latencies,
    statuses,
    failures: result.errors + result.timeouts,
    seconds,
  };
}

/** Count of answers whose status is not 2xx. */
export function non2xx(statuses) {
  let n = 0;
  for (const [status, count] of statuses) if (status < 200 || status > 299) n += count;
  return n;
}
