import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  INSTALL_COMMAND,
  type PostgresServer,
  pingRedis,
  type RedisServer,
  startPostgres,
  startPrometheus,
  startRedis,
} from './index.js';

function refuses(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

describe('a missing server binary', () => {
  it('fails redis with the exact install command instead of skipping', async () => {
    await expect(startRedis({ binary: '/nonexistent/redis-server' })).rejects.toThrow(INSTALL_COMMAND);
  });

  it('fails postgres with the exact install command instead of skipping', async () => {
    await expect(startPostgres({ binDir: '/nonexistent/bin' })).rejects.toThrow(INSTALL_COMMAND);
  });

  it('fails prometheus with the exact install command instead of skipping', async () => {
    await expect(startPrometheus({ targets: [], binary: '/nonexistent/prometheus' })).rejects.toThrow(
      INSTALL_COMMAND,
    );
  });
});

describe('a real redis-server', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(() => redis?.close());

  it('answers PING, refuses when stopped, hangs when paused, and comes back', async () => {
    expect(await pingRedis(redis.port)).toBe(true);
    redis.pause();
    expect(await pingRedis(redis.port, 200)).toBe(false);
    redis.resume();
    expect(await pingRedis(redis.port)).toBe(true);
    await redis.stop();
    expect(await refuses(redis.port)).toBe(true);
    await redis.start();
    expect(await pingRedis(redis.port)).toBe(true);
  });
});

describe('a real PostgreSQL', () => {
  let pg: PostgresServer;
  beforeAll(async () => {
    pg = await startPostgres();
  });
  afterAll(() => pg?.close());

  it('runs SQL, refuses when stopped and restarts on the same port with its data', async () => {
    await pg.sql('CREATE TABLE kept (id int)');
    expect(await pg.sql('SELECT 1 + 1')).toBe('2');
    await pg.stop();
    expect(await refuses(pg.port)).toBe(true);
    await pg.start();
    expect(await pg.sql("SELECT count(*) FROM pg_tables WHERE tablename = 'kept'")).toBe('1');
  });

  it('removes its data directory on close', async () => {
    const other = await startPostgres();
    const dir = (await other.sql('SHOW data_directory')).trim();
    expect(existsSync(dir)).toBe(true);
    await other.close();
    expect(existsSync(dir)).toBe(false);
    expect(await refuses(other.port)).toBe(true);
  });
});
