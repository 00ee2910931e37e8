// What the fleet costs its dependency, counted at both ends: PINGs that reached redis-server (its own
// `INFO commandstats`) and Redis probe runs the replicas made (readyz's probe-duration histogram count, which
// counts every real run, failed ones included, and never a cache hit).
import { connect } from 'node:net';

/** Sends one RESP command on a fresh socket; resolves the bulk-string reply, or undefined if Redis is down. */
export function redisCommand(port, args, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    const done = (value) => {
      socket.destroy();
      resolve(value);
    };
    socket.setTimeout(timeoutMs, () => done(undefined));
    socket.once('error', () => done(undefined));
    socket.once('connect', () =>
      socket.write(`*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`),
    );
    socket.on('data', (chunk) => {
      data += chunk.toString('latin1');
      const header = data.indexOf('\r\n');
      if (header === -1 || data[0] !== '$') return;
      const length = Number(data.slice(1, header));
      if (Buffer.byteLength(data, 'latin1') >= header + 2 + length)
        done(data.slice(header + 2, header + 2 + length));
    });
  });
}

/** PING calls redis-server has answered since it started; undefined while it is down. */
export async function pingCalls(port) {
  const info = await redisCommand(port, ['INFO', 'commandstats']);
  if (info === undefined) return undefined;
  return Number(/cmdstat_ping:calls=(\d+)/.exec(info)?.[1] ?? 0);
}

/** The pid of the redis-server answering on `port` (from `INFO server`). */
export async function redisPid(port) {
  const info = await redisCommand(port, ['INFO', 'server']);
  const pid = Number(/process_id:(\d+)/.exec(info ?? '')?.[1]);
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`no redis-server process_id on port ${port}`);
  return pid;
}

/** The text of one replica's /metrics, or '' when it does not answer. */
export async function scrape(url) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return await response.text();
  } catch {
    return '';
  }
}

/** Sum over `texts` of `<metric>{…probe="<probe>"…} value` (histogram counts, gauges). */
export function sumSamples(texts, metric, probe) {
  let total = 0;
  for (const text of texts) {
    for (const line of text.split('\n')) {
      if (!line.startsWith(`${metric}{`) || !line.includes(`probe="${probe}"`)) continue;
      total += Number(line.slice(line.lastIndexOf(' ') + 1));
    }
  }
  return total;
}

/** Number of samples (series) in one exposition text, comments excluded. */
export function seriesIn(text) {
  return text.split('\n').filter((line) => line.length > 0 && !line.startsWith('#')).length;
}
