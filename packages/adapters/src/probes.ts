// '@rollgate/adapters/probes': dependency probes built on the client the host already has.
// Structural types only: nothing here imports pg, ioredis, redis or kafkajs.
export { type ExpectStatus, type HttpProbeOptions, httpProbe } from './probes/http.js';
export {
  type KafkaAdminLike,
  type KafkaPartitionMetadata,
  type KafkaProbeOptions,
  kafkaProbe,
} from './probes/kafka.js';
export {
  type PostgresPool,
  type PostgresPoolClient,
  type PostgresProbeOptions,
  type PostgresQueryable,
  type PostgresQueryResult,
  postgresProbe,
} from './probes/postgres.js';
export type { CancellableBackend } from './probes/postgres-cancel.js';
export { DEFAULT_SENTINEL_TABLE, postgresSentinelTableSql } from './probes/postgres-sql.js';
export { type RedisPingable, type RedisProbeOptions, redisProbe } from './probes/redis.js';
export type { CommonProbeOptions } from './probes/types.js';
