// The dependencies of the integration and smoke suites, each with a switch to make it fail:
// a real redis-server and a real PostgreSQL (tests/support), a real node:http upstream, and a Kafka
// stand-in. No Kafka broker can be installed here, so the Kafka "cluster" is an object with kafkajs'
// Admin methods that answers with kafkajs' shapes and fails with kafkajs' own error classes.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHealth, type Health } from '@rollgate/core';
import { Redis } from 'ioredis';
import { type Admin, KafkaJSConnectionError, KafkaJSNumberOfRetriesExceeded } from 'kafkajs';
import pg from 'pg';
import {
  type PostgresServer,
  type RedisServer,
  startPostgres,
  startRedis,
} from '../../../../tests/support/index.js';
import {
  httpProbe,
  kafkaProbe,
  postgresProbe,
  postgresSentinelTableSql,
  redisProbe,
} from '../../src/probes.js';

/** Probe timeout every suite uses: short, so fault tests stay fast. */
export const PROBE_TIMEOUT_MS = 300;

/** A Kafka cluster stand-in with kafkajs' Admin methods; `mode` decides its next answers. */
export class KafkaStandIn implements Pick<Admin, 'describeCluster' | 'fetchTopicMetadata'> {
  /** `up`: one broker, topic `orders` led; `down`: kafkajs' connection error; `missing-topic`: no `orders`. */
  mode: 'up' | 'down' | 'missing-topic' = 'up';

  /** One broker, or kafkajs' error for a cluster it cannot reach. */
  async describeCluster(): Promise<Awaited<ReturnType<Admin['describeCluster']>>> {
    if (this.mode === 'down') {
      const refused = new KafkaJSConnectionError('Connection error: connect ECONNREFUSED 127.0.0.1:9092', {
        broker: '127.0.0.1:9092',
      });
      throw new KafkaJSNumberOfRetriesExceeded(refused, { retryCount: 5, retryTime: 3_000 });
    }
    return { brokers: [{ nodeId: 1, host: '127.0.0.1', port: 9092 }], controller: 1, clusterId: 'stand-in' };
  }

  /** Every topic: `orders` with a leader, or none at all. */
  async fetchTopicMetadata(): Promise<Awaited<ReturnType<Admin['fetchTopicMetadata']>>> {
    const partition = {
      partitionErrorCode: 0,
      partitionId: 0,
      leader: 1,
      replicas: [1],
      isr: [1],
      offlineReplicas: [],
    };
    return { topics: this.mode === 'missing-topic' ? [] : [{ name: 'orders', partitions: [partition] }] };
  }
}

/** Every dependency, the health probing them, and the switches. */
export interface Dependencies {
  /** The real redis-server. */
  readonly redis: RedisServer;
  /** The real PostgreSQL; the probe writes as role `app` into `rollgate_sentinel`. */
  readonly postgres: PostgresServer;
  /** The Kafka stand-in. */
  readonly kafka: KafkaStandIn;
  /** The HTTP upstream ("Payments"): set `status` to what its /health answers. */
  readonly upstream: { status: number };
  /** Health with probes Postgres (write sentinel), Redis, Kafka and Payments, 300 ms each, no cache. */
  readonly health: Health;
  /** Closes clients, servers and the health. */
  close(): Promise<void>;
}

/** Starts every dependency (real servers included) and a health probing them. */
export async function startDependencies(): Promise<Dependencies> {
  const closers: (() => Promise<unknown> | unknown)[] = [];
  const close = async () => {
    for (const closer of closers.splice(0).reverse()) await Promise.resolve(closer()).catch(() => {});
  };
  try {
    const [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
    closers.push(
      () => redis.close(),
      () => postgres.close(),
    );
    await postgres.sql(
      `CREATE ROLE app LOGIN; ${postgresSentinelTableSql()}; GRANT SELECT, INSERT ON rollgate_sentinel TO app`,
    );

    const upstreamState = { status: 200 };
    const upstream: Server = createServer((_req, res) => {
      res.writeHead(upstreamState.status, { 'content-type': 'application/json' }).end('{}');
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    closers.push(
      () =>
        new Promise((resolve) => {
          upstream.closeAllConnections();
          upstream.close(resolve);
        }),
    );

    // A disconnected ioredis queues commands until it reconnects, so a stopped server shows as a
    // PING timeout; reconnect fast so a restarted server is seen at once.
    const client = new Redis(redis.url, { retryStrategy: () => 50, maxRetriesPerRequest: null });
    client.on('error', () => {});
    closers.push(() => client.disconnect());
    // redisProbe fails at once while the client is not ready: the first check must find it connected.
    if (client.status !== 'ready') await new Promise((resolve) => client.once('ready', resolve));
    const pool = new pg.Pool({ connectionString: postgres.url('app'), max: 2 });
    pool.on('error', () => {}); // idle clients die when the server stops; the probe reports it
    closers.push(() => pool.end());
    const kafka = new KafkaStandIn();

    const health = createHealth({
      service: 'orders-api',
      version: '1.4.0',
      probeTimeoutMs: 1_000,
      cacheTtlMs: 0,
    });
    closers.push(() => health.close());
    const timeoutMs = PROBE_TIMEOUT_MS;
    health.register(postgresProbe(pool, { write: true, timeoutMs }));
    health.register(redisProbe(client, { timeoutMs }));
    health.register(kafkaProbe(kafka, { topics: ['orders'], timeoutMs }));
    const { port } = upstream.address() as AddressInfo;
    health.register(httpProbe(`http://127.0.0.1:${port}/health`, { name: 'Payments', timeoutMs }));

    return { redis, postgres, kafka, upstream: upstreamState, health, close };
  } catch (error) {
    await close();
    throw error;
  }
}
