import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireBinary } from './binaries.js';
import { freePort } from './ports.js';
import { serverControls, signal, spawnTracked, trackDir, waitForExit, waitUntil } from './processes.js';

/** A real redis-server on 127.0.0.1 with a throwaway directory, controllable for fault injection. */
export interface RedisServer {
  /** Port it listens on (stays the same across stop/start). */
  readonly port: number;
  /** `redis://127.0.0.1:<port>`. */
  readonly url: string;
  /** Stops the server (SIGTERM, waits for exit): connections are refused. */
  stop(): Promise<void>;
  /** Starts it again on the same port and waits until it answers PING (no-op while running). */
  start(): Promise<void>;
  /** SIGSTOP: the port accepts connections but nothing answers (a hung dependency). */
  pause(): void;
  /** SIGCONT after pause(). */
  resume(): void;
  /** Stops the server and removes its directory. Safe to call twice. */
  close(): Promise<void>;
}

/** Sends one RESP PING on a fresh socket; true when the answer is +PONG within `timeoutMs`. */
export function pingRedis(port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('*1\r\n$4\r\nPING\r\n'));
    socket.once('data', (data) => done(data.toString('latin1').startsWith('+PONG')));
  });
}

/** Starts redis-server; fails with the install command when it is missing. */
export async function startRedis(options: { binary?: string } = {}): Promise<RedisServer> {
  const binary = requireBinary(options.binary ?? 'redis-server');
  const dir = mkdtempSync(join(tmpdir(), 'rollgate-redis-'));
  const removeDir = trackDir(dir);
  const port = await freePort();
  let child: ChildProcess | undefined;
  const spawned = new Set<ChildProcess>();
  let output = '';

  const start = async () => {
    if (child !== undefined) return; // already running
    output = '';
    const args = [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--save',
      '',
      '--appendonly',
      'no',
    ];
    const started = spawnTracked(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    spawned.add(started);
    child = started;
    started.once('exit', () => {
      if (child === started) child = undefined; // died on its own: start() may run it again
    });
    started.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    started.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    await waitUntil(
      async () => {
        if (started.exitCode !== null) throw new Error(`redis-server exited early:\n${output}`);
        return pingRedis(port);
      },
      { timeoutMs: 10_000, describe: () => `redis-server did not answer PING on ${port}:\n${output}` },
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
    url: `redis://127.0.0.1:${port}`,
    start,
    stop,
    ...serverControls(() => child, stop, spawned, removeDir),
  };
}
