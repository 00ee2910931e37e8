// Pollers that call every replica's /readyz on a fixed schedule, as a kubelet's readinessProbe does: each replica
// gets its own phase within the period (pods start at different times), requests never overlap per replica, and
// every answer is recorded with the time it arrived.
import http from 'node:http';

/** Wall-clock milliseconds with sub-millisecond resolution, comparable with Prometheus' timestamps. */
export function now() {
  return performance.timeOrigin + performance.now();
}

/** True when a /readyz answer is a 503 whose failing dependency (or one of its failures) is `name`. */
export function names(observation, name) {
  return (
    observation.status === 503 &&
    (observation.dependency === name || (observation.failures ?? []).includes(name))
  );
}

function get(url, agent, timeoutMs) {
  return new Promise((resolve) => {
    const req = http.get(url, { agent, timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => {
        let parsed = {};
        try {
          parsed = JSON.parse(body);
        } catch {}
        resolve({
          status: res.statusCode ?? 0,
          dependency: parsed.dependency,
          failures: Array.isArray(parsed.failures) ? parsed.failures.map((f) => f.name) : undefined,
        });
      });
      res.on('error', () => resolve({ status: 0, error: 'reset' }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (error) => resolve({ status: 0, error: error.message }));
  });
}

/**
 * Starts polling `replicas` (`[{ id, url }]`) every `intervalMs`. `keepAlive: false` opens a fresh connection per
 * request, as the kubelet does; `record: false` keeps counts only (for the heavy poller). Returns the recorded
 * observations (`{ replica, sentAt, at, status, dependency, failures, error }`), a request counter and `stop()`.
 */
export function startPoller(replicas, { intervalMs, timeoutMs = 3000, keepAlive = false, record = true }) {
  const agent = keepAlive ? new http.Agent({ keepAlive: true, maxSockets: 1 }) : false;
  const observations = [];
  const state = { requests: 0, stopped: false };
  const timers = new Set();
  const origin = now();
  replicas.forEach((replica, index) => {
    let round = 0;
    const schedule = () => {
      if (state.stopped) return;
      // Fixed grid (origin + phase + k × interval): a slow answer delays one request, never the whole schedule.
      const due = origin + (index / replicas.length) * intervalMs + round * intervalMs;
      round++;
      const timer = setTimeout(
        async () => {
          timers.delete(timer);
          const sentAt = now();
          state.requests++;
          const answer = await get(replica.url, agent, timeoutMs);
          if (record) observations.push({ replica: replica.id, sentAt, at: now(), ...answer });
          while (origin + (index / replicas.length) * intervalMs + round * intervalMs < now()) round++;
          schedule();
        },
        Math.max(0, due - now()),
      );
      timers.add(timer);
    };
    schedule();
  });
  return {
    observations,
    requests: () => state.requests,
    stop() {
      state.stopped = true;
      for (const timer of timers) clearTimeout(timer);
      if (agent) agent.destroy();
    },
  };
}
