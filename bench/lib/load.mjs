import http from 'node:http';
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

/**
 * `n` GETs one after another on one keep-alive connection, each timed from request to the end of its body.
 * For sequential latency, where autocannon would add up to a second per run: it reports `amount` runs done on
 * its next one-second tick. Resolves { latencies, statuses, failures, total }.
 */
export async function sequentialGets(url, n) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const latencies = [];
  const statuses = new Map();
  let failures = 0;
  try {
    for (let i = 0; i < n; i++) {
      const started = process.hrtime.bigint();
      try {
        const status = await get(url, agent);
        latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      } catch {
        failures++;
      }
    }
  } finally {
    agent.destroy();
  }
  return { latencies, statuses, failures, total: latencies.length };
}

function get(url, agent) {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}
