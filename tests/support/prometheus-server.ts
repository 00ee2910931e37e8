import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireBinary } from './binaries.js';
import { freePort } from './ports.js';
import { serverControls, signal, spawnTracked, trackDir, waitForExit, waitUntil } from './processes.js';

/** A real Prometheus on 127.0.0.1 with a throwaway TSDB, scraping the given targets every second. */
export interface PrometheusServer {
  /** Port it listens on (stays the same across stop/start). */
  readonly port: number;
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** Stops Prometheus (SIGTERM, waits for exit): connections are refused. */
  stop(): Promise<void>;
  /** Starts it again on the same port and TSDB and waits until `/-/ready` answers 200 (no-op while running). */
  start(): Promise<void>;
  /** SIGSTOP: the port accepts connections but nothing answers (a hung Prometheus). */
  pause(): void;
  /** SIGCONT after pause(). */
  resume(): void;
  /** Resolves once every target has been scraped successfully at least once (`up == 1`). */
  waitForScrapes(timeoutMs?: number): Promise<void>;
  /** Stops Prometheus and removes its directory. Safe to call twice. */
  close(): Promise<void>;
}

/** Options of {@link startPrometheus}. */
export interface PrometheusServerOptions {
  /** `host:port` targets scraped as job `app` (metrics path `/metrics`). */
  targets: readonly string[];
  /** Scrape interval (default `1s`). */
  scrapeInterval?: string;
  /** Binary name or path (default `prometheus` on PATH). */
  binary?: string;
}

async function isReady(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(500) });
    await response.body?.cancel();
    return response.status === 200;
  } catch {
    return false;
  }
}

async function allTargetsUp(url: string, count: number): Promise<boolean> {
  try {
    const response = await fetch(`${url}/api/v1/query?query=${encodeURIComponent('sum(up{job="app"})')}`, {
      signal: AbortSignal.timeout(1000),
    });
    const body = (await response.json()) as { data?: { result?: { value: [number, string] }[] } };
    return Number(body.data?.result?.[0]?.value[1]) === count;
  } catch {
    return false;
  }
}

/** Starts Debian's `prometheus`; fails with the install command when it is missing. */
export async function startPrometheus(options: PrometheusServerOptions): Promise<PrometheusServer> {
  const binary = requireBinary(options.binary ?? 'prometheus');
  const dir = mkdtempSync(join(tmpdir(), 'rollgate-prometheus-'));
  const removeDir = trackDir(dir);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const interval = options.scrapeInterval ?? '1s';
  const config = join(dir, 'prometheus.yml');
  writeFileSync(
    config,
    [
      'global:',
      `  scrape_interval: ${interval}`,
      `  scrape_timeout: ${interval}`,
      `  evaluation_interval: ${interval}`,
      'scrape_configs:',
      '  - job_name: app',
      '    static_configs:',
      `      - targets: [${options.targets.map((t) => JSON.stringify(t)).join(', ')}]`,
      '',
    ].join('\n'),
  );
  let child: ChildProcess | undefined;
  const spawned = new Set<ChildProcess>();
  let output = '';

  const start = async () => {
    if (child !== undefined) return; // already running
    output = '';
    const args = [
      `--config.file=${config}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ];
    const started = spawnTracked(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    spawned.add(started);
    child = started;
    started.once('exit', () => {
      if (child === started) child = undefined; // died on its own: start() may run it again
    });
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-8000);
    };
    started.stdout?.on('data', keep);
    started.stderr?.on('data', keep);
    await waitUntil(
      async () => {
        if (started.exitCode !== null) throw new Error(`prometheus exited early:\n${output}`);
        return isReady(url);
      },
      {
        timeoutMs: 20_000,
        intervalMs: 100,
        describe: () => `prometheus was not ready on ${port}:\n${output}`,
      },
    );
  };

  const stop = async () => {
    const running = child;
    child = undefined;
    if (running?.pid === undefined) return;
    signal(running.pid, 'SIGCONT');
    signal(running.pid, 'SIGTERM');
    await waitForExit(running);
  };

  try {
    await start();
  } catch (error) {
    await stop();
    removeDir();
    throw error;
  }

  return {
    port,
    url,
    start,
    stop,
    waitForScrapes: (timeoutMs = 15_000) =>
      waitUntil(() => allTargetsUp(url, options.targets.length), {
        timeoutMs,
        intervalMs: 200,
        describe: () =>
          `prometheus did not scrape ${options.targets.join(', ')} within ${timeoutMs}ms:\n${output}`,
      }),
    ...serverControls(() => child, stop, spawned, removeDir),
  };
}
