import http from 'node:http';

// A GET that measures time to the response head (first byte) and gives up after a cap, so a health endpoint
// that never answers is reported as "no answer within N s" instead of hanging the benchmark.

/**
 * GETs `url` on a fresh connection. Resolves { answered: true, ms, status, headers, body } or, when no response
 * head arrived within `capMs`, { answered: false, ms: capMs }. Never rejects.
 */
export function timedGet(url, capMs = 15_000) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const elapsed = () => Number(process.hrtime.bigint() - started) / 1e6;
    let settled = false;
    const finish = (result) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const req = http.get(url, { agent: false }, (res) => {
      const ms = elapsed();
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () =>
        finish({
          answered: true,
          ms,
          status: res.statusCode,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      res.on('error', (error) => finish({ answered: false, ms, error: error.message }));
    });
    req.on('error', (error) => finish({ answered: false, ms: elapsed(), error: error.message }));
    const timer = setTimeout(() => {
      finish({ answered: false, ms: capMs });
      req.destroy();
    }, capMs);
  });
}

/** Counts equal values: ['200', '200', '503'] → "2× 200, 1× 503". */
export function tally(values) {
  const counts = new Map();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([v, n]) => `${n}× ${v}`).join(', ');
}

/** Shortens a response body for a table cell. */
export function snippet(body, max = 90) {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
