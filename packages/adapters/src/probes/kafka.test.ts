// No Kafka broker can be installed on the machines these tests run on. So: the real kafkajs client
// is pointed at a closed port and at a TCP server that never answers (real library, real sockets),
// and the cases that need a broker's answer (missing topic, leaderless partition, protocol error) use
// a stub of kafkajs' Admin that returns kafkajs' own shapes and throws kafkajs' own error classes.
import { createServer, type Server, type Socket } from 'node:net';
import {
  type Admin,
  Kafka,
  KafkaJSConnectionError,
  KafkaJSNumberOfRetriesExceeded,
  KafkaJSProtocolError,
  logLevel,
} from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../../tests/support/index.js';
import { type KafkaAdminLike, kafkaProbe } from './kafka.js';
import { checkThroughHealth } from './test-kit.js';

const run = async (probe: ReturnType<typeof kafkaProbe>) => probe.check(new AbortController().signal);

type ClusterAnswer = Awaited<ReturnType<Admin['describeCluster']>>;
type TopicsAnswer = Awaited<ReturnType<Admin['fetchTopicMetadata']>>;

const healthyCluster: ClusterAnswer = {
  brokers: [{ nodeId: 1, host: 'kafka-1', port: 9092 }],
  controller: 1,
  clusterId: 'rollgate-test',
};
const partition = (partitionId: number, leader: number) => ({
  partitionErrorCode: 0,
  partitionId,
  leader,
  replicas: [1],
  isr: leader >= 0 ? [1] : [],
  offlineReplicas: [],
});
const healthyTopics: TopicsAnswer = {
  topics: [{ name: 'orders', partitions: [partition(0, 1), partition(1, 1)] }],
};

/** A stand-in for kafkajs' Admin: same method signatures, answers and errors as the real client. */
function stubAdmin(
  answers: { cluster?: () => Promise<ClusterAnswer>; topics?: () => Promise<TopicsAnswer> } = {},
): Pick<Admin, 'describeCluster' | 'fetchTopicMetadata'> & { topicRequests: unknown[] } {
  const topicRequests: unknown[] = [];
  return {
    topicRequests,
    describeCluster: answers.cluster ?? (async () => healthyCluster),
    fetchTopicMetadata: async (options?: { topics: string[] }) => {
      topicRequests.push(options);
      return (answers.topics ?? (async () => healthyTopics))();
    },
  };
}

describe('kafkaProbe with the real kafkajs client and no broker', () => {
  let silent: Server;
  let silentPort: number;
  const sockets = new Set<Socket>();
  beforeAll(async () => {
    silent = createServer((socket) => {
      sockets.add(socket); // accepts, reads, never answers: a hung broker
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    silentPort = (silent.address() as { port: number }).port;
  });
  afterAll(() => {
    for (const socket of sockets) socket.destroy();
    silent?.close();
  });

  const admin = (port: number) =>
    new Kafka({
      clientId: 'rollgate-test',
      brokers: [`127.0.0.1:${port}`],
      retry: { retries: 0 },
      connectionTimeout: 200,
      requestTimeout: 600, // above the probe timeout, so the probe gives up first
      logLevel: logLevel.NOTHING,
    }).admin();

  it("fails with kafkajs' connection error when the broker refuses connections", async () => {
    const port = await freePort();
    await expect(run(kafkaProbe(admin(port)))).rejects.toThrow(
      `Connection error: connect ECONNREFUSED 127.0.0.1:${port}`,
    );
  });

  it('fails at its timeout, naming describeCluster, when the broker accepts but never answers', async () => {
    const real = admin(silentPort);
    const hung = await checkThroughHealth(kafkaProbe(real, { timeoutMs: 300 }));
    expect(hung).toMatchObject({
      status: 'fail',
      error: 'describeCluster timeout after 300ms',
      warnings: [],
    });
    expect(hung.elapsedMs).toBeLessThan(300 + 200);
    await real.disconnect();
  });
});

describe("kafkaProbe against a stub of kafkajs' Admin", () => {
  it('passes with at least one broker, and with every required topic led on each partition', async () => {
    await expect(run(kafkaProbe(stubAdmin()))).resolves.toEqual(healthyCluster);
    await expect(run(kafkaProbe(stubAdmin(), { topics: ['orders'] }))).resolves.toEqual(healthyCluster);
  });

  it('fails when the cluster reports no broker', async () => {
    const admin = stubAdmin({ cluster: async () => ({ ...healthyCluster, brokers: [], controller: null }) });
    await expect(run(kafkaProbe(admin))).rejects.toThrow('describeCluster: no broker available');
  });

  it('fails naming a missing required topic, and never asks for it by name (no auto-creation)', async () => {
    const admin = stubAdmin();
    await expect(run(kafkaProbe(admin, { topics: ['orders', 'payments'] }))).rejects.toThrow(
      'missing topic: payments',
    );
    expect(admin.topicRequests).toEqual([undefined]);
  });

  it('fails when a required topic has a partition without a leader', async () => {
    const admin = stubAdmin({
      topics: async () => ({ topics: [{ name: 'orders', partitions: [partition(0, 1), partition(1, -1)] }] }),
    });
    await expect(run(kafkaProbe(admin, { topics: ['orders'] }))).rejects.toThrow(
      'topic orders has no leader for partition 1',
    );
  });

  it("fails with the message of kafkajs' protocol and connection errors", async () => {
    const unknownTopic = new KafkaJSProtocolError({
      type: 'UNKNOWN_TOPIC_OR_PARTITION',
      code: 3,
      retriable: true,
      message: 'This server does not host this topic-partition',
    } as unknown as Error);
    const protocolAdmin = stubAdmin({ topics: () => Promise.reject(unknownTopic) });
    await expect(run(kafkaProbe(protocolAdmin, { topics: ['orders'] }))).rejects.toThrow(
      'This server does not host this topic-partition',
    );

    const refused = new KafkaJSConnectionError('Connection error: connect ECONNREFUSED 10.0.0.7:9092', {
      broker: '10.0.0.7:9092',
    });
    const exhausted = new KafkaJSNumberOfRetriesExceeded(refused, { retryCount: 5, retryTime: 3_000 });
    const downAdmin = stubAdmin({ cluster: () => Promise.reject(exhausted) });
    await expect(run(kafkaProbe(downAdmin))).rejects.toThrow(
      'Connection error: connect ECONNREFUSED 10.0.0.7:9092',
    );
  });

  it('is named Kafka, names its Metadata requests as its operation, and refuses a non-admin or an empty topic name with a coded error', () => {
    expect(kafkaProbe(stubAdmin())).toEqual({
      name: 'Kafka',
      operation: 'describeCluster',
      check: expect.any(Function),
    });
    expect(kafkaProbe(stubAdmin(), { topics: ['orders'], timeoutMs: 500 })).toMatchObject({
      operation: 'metadata',
      timeoutMs: 500,
    });
    expect(() => kafkaProbe({} as KafkaAdminLike)).toThrow(
      expect.objectContaining({ code: 'ROLLGATE_ERR_INVALID_PROBE_OPTION' }),
    );
    expect(() => kafkaProbe(stubAdmin(), { topics: [''] })).toThrow(/option topics is invalid/);
  });
});
