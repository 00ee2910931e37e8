// A real Prometheus for the fleet: scrapes every replica each second and evaluates the shipped alert rules
// (examples/prometheus/rollgate-rules.yaml, loaded from the file itself, untouched) beside a copy whose `for:` is
// shortened so an alert can fire within one bench run. The copy's alerts carry `fleet_copy="for <d>"`; the shipped
// file's alerts carry no such label. tests/support's startPrometheus writes no rule_files, hence this starter,
// built on the same harness pieces (tracked process, temp dir removed at exit).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';

/** The example rules as shipped. */
export const SHIPPED_RULES = fileURLToPath(
  new URL('../../examples/prometheus/rollgate-rules.yaml', import.meta.url),
);

/** The shipped rules with every `for:` replaced by `forDuration` and a `fleet_copy` label on each alert. */
export function shortenedRules(forDuration) {
  const doc = parse(readFileSync(SHIPPED_RULES, 'utf8'));
  for (const group of doc.groups) {
    group.name = `${group.name}-for-${forDuration}`;
    for (const rule of group.rules) {
      if (rule.for !== undefined) rule.for = forDuration;
      rule.labels = { ...rule.labels, fleet_copy: `for ${forDuration}` };
    }
  }
  return stringify(doc);
}

/** The `for:` of each alert in the shipped rules, by alert name (e.g. `{ ReadyzDependencyFailure: '5m' }`). */
export function shippedFor() {
  const doc = parse(readFileSync(SHIPPED_RULES, 'utf8'));
  return Object.fromEntries(doc.groups.flatMap((g) => g.rules).map((r) => [r.alert, r.for ?? '0s']));
}

/**
 * Starts Debian's `prometheus` on a free port with a temp TSDB: job `fleet` scraping `targets`, scrape and
 * evaluation every second, the shipped rules and the shortened copy. `support` is tests/support, loaded.
 */
export async function startFleetPrometheus(support, { targets, forDuration }) {
  const binary = support.requireBinary('prometheus');
  const dir = mkdtempSync(join(tmpdir(), 'rollgate-fleet-prom-'));
  const removeDir = support.trackDir(dir);
  const port = await support.freePort();
  const url = `http://127.0.0.1:${port}`;
  const copy = join(dir, 'rules-shortened.yaml');
  writeFileSync(copy, shortenedRules(forDuration));
  const config = join(dir, 'prometheus.yml');
  writeFileSync(
    config,
    stringify({
      global: { scrape_interval: '1s', scrape_timeout: '1s', evaluation_interval: '1s' },
      rule_files: [SHIPPED_RULES, copy],
      scrape_configs: [{ job_name: 'fleet', static_configs: [{ targets }] }],
    }),
  );
  let output = '';
  const child = support.spawnTracked(
    binary,
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const keep = (chunk) => {
    output = (output + chunk.toString()).slice(-8000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const close = async () => {
    support.signal(child.pid, 'SIGTERM');
    await support.waitForExit(child);
    removeDir();
  };
  try {
    await support.waitUntil(
      async () => {
        if (child.exitCode !== null) throw new Error(`prometheus exited early:\n${output}`);
        return getJson(`${url}/-/ready`, true);
      },
      {
        timeoutMs: 20_000,
        intervalMs: 100,
        describe: () => `prometheus was not ready on ${port}:\n${output}`,
      },
    );
    await support.waitUntil(
      async () => (await query(url, 'sum(up{job="fleet"})'))[0]?.value === targets.length,
      {
        timeoutMs: 20_000,
        intervalMs: 200,
        describe: () => `prometheus did not scrape all ${targets.length} replicas:\n${output}`,
      },
    );
  } catch (error) {
    await close();
    throw error;
  }
  return { url, close, alerts: () => alerts(url), query: (expr) => query(url, expr) };
}

async function getJson(url, statusOnly = false) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    if (statusOnly) {
      await response.body?.cancel();
      return response.status === 200;
    }
    return await response.json();
  } catch {
    return statusOnly ? false : undefined;
  }
}

/** Instant query: `[{ metric, value }]` with numeric values; empty when Prometheus did not answer. */
export async function query(url, expr) {
  const body = await getJson(`${url}/api/v1/query?query=${encodeURIComponent(expr)}`);
  return (body?.data?.result ?? []).map((r) => ({ metric: r.metric, value: Number(r.value[1]) }));
}

/** Active alerts (pending and firing): `[{ labels, state, activeAt }]`; undefined when Prometheus did not answer. */
export async function alerts(url) {
  const body = await getJson(`${url}/api/v1/alerts`);
  return body?.data?.alerts;
}
