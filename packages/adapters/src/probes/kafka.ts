import type { ProbeRegistration } from '@rollgate/core';
import { describeValue } from '@rollgate/core';
import { adapterError } from '../errors.js';
import { checkProbeOptions } from './options.js';
import { buildRegistration } from './registration.js';
import { COMMON_PROBE_OPTIONS, type CommonProbeOptions } from './types.js';

/** A partition as kafkajs' `fetchTopicMetadata()` describes it. */
export interface KafkaPartitionMetadata {
  /** Partition id. */
  partitionId: number;
  /** Leader broker id; negative when the partition has no leader. */
  leader: number;
}

/** The part of a kafkajs `Admin` (connected) the probe uses; the SDK never imports kafkajs. */
export interface KafkaAdminLike {
  /** Brokers of the cluster (kafkajs: `admin.describeCluster()`). */
  describeCluster(): Promise<{ brokers: readonly unknown[] }>;
  /** Topic metadata; called without `topics`, it lists every topic and never auto-creates one. */
  fetchTopicMetadata(options?: {
    topics: string[];
  }): Promise<{ topics: readonly { name: string; partitions: readonly KafkaPartitionMetadata[] }[] }>;
}

/** Options of `kafkaProbe()`. */
export interface KafkaProbeOptions extends CommonProbeOptions {
  /** Display name (default `Kafka`). */
  name?: string;
  /** Topics that must exist with a leader for every partition. */
  topics?: readonly string[];
}

const KAFKA_PROBE_OPTION_KEYS = Object.keys({
  ...COMMON_PROBE_OPTIONS,
  topics: true,
} satisfies Record<keyof KafkaProbeOptions, true>);

/**
 * A readiness probe for Kafka through the host's kafkajs Admin client: cluster metadata must list at
 * least one broker, and every required topic must exist with a leader on each partition. Topic
 * metadata is read for all topics (never for named ones), because a metadata request naming a missing
 * topic makes a broker with `auto.create.topics.enable` create it: a probe must not change the cluster.
 * Connection and protocol errors from kafkajs (KafkaJSConnectionError, KafkaJSProtocolError, …) fail
 * the probe with their message. A timeout reads `describeCluster timeout after <n>ms`, or
 * `metadata timeout after <n>ms` with `topics` (both calls are Kafka Metadata requests).
 */
export function kafkaProbe(admin: KafkaAdminLike, options: KafkaProbeOptions = {}): ProbeRegistration {
  checkProbeOptions('kafkaProbe', options, KAFKA_PROBE_OPTION_KEYS);
  if (typeof admin?.describeCluster !== 'function' || typeof admin.fetchTopicMetadata !== 'function') {
    throw adapterError(
      'ROLLGATE_ERR_INVALID_PROBE_OPTION',
      'kafkaProbe',
      'admin',
      'expected a kafkajs Admin with describeCluster() and fetchTopicMetadata()',
    );
  }
  const topics = [...(options.topics ?? [])];
  if (!topics.every((topic) => typeof topic === 'string' && topic !== '')) {
    throw adapterError(
      'ROLLGATE_ERR_INVALID_PROBE_OPTION',
      'kafkaProbe',
      'topics',
      `expected non-empty strings, got ${describeValue(options.topics)}`,
    );
  }

  const operation = topics.length === 0 ? 'describeCluster' : 'metadata';
  return buildRegistration('kafkaProbe', 'Kafka', operation, options, async (signal) => {
    const cluster = await admin.describeCluster();
    if (!Array.isArray(cluster?.brokers) || cluster.brokers.length === 0) {
      throw new Error('describeCluster: no broker available');
    }
    if (topics.length === 0 || signal.aborted) return cluster;
    const metadata = await admin.fetchTopicMetadata();
    const problem = topicProblem(topics, metadata?.topics ?? []);
    if (problem !== undefined) throw new Error(problem);
    return cluster;
  });
}

/** Why the required topics are not usable, or undefined when they are. Pure. */
export function topicProblem(
  required: readonly string[],
  present: readonly { name: string; partitions: readonly KafkaPartitionMetadata[] }[],
): string | undefined {
  const byName = new Map(present.map((topic) => [topic.name, topic]));
  const missing = required.filter((topic) => !byName.has(topic));
  if (missing.length > 0) return `missing topic${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`;
  for (const name of required) {
    const partitions = byName.get(name)?.partitions ?? [];
    if (partitions.length === 0) return `topic ${name} has no partitions`;
    const leaderless = partitions
      .filter((partition) => !(partition.leader >= 0))
      .map((partition) => partition.partitionId);
    if (leaderless.length > 0) return `topic ${name} has no leader for partition ${leaderless.join(', ')}`;
  }
  return undefined;
}
