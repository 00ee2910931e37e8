// Validates `createHealth()` options once and fills in every default, so the engine never re-checks them.
import type { Tracer } from '@opentelemetry/api';
import type { BuildMetadata } from '@rollgate/contract';
import { rejectUnknownOptions } from '@rollgate/contract/errors';
import { offsetMinutes } from '@rollgate/contract/time';
import { rollgateError } from '../errors.js';
import { resolveBuild } from './build-info.js';
import { DEFAULT_CACHE_TTL_MS, DEFAULT_HEARTBEAT, DEFAULT_PROBE_TIMEOUT_MS } from './limits.js';
import { nameProblem } from './names.js';
import { DEFAULT_MAX_MESSAGE_LENGTH } from './redact.js';
import { checkTimeout } from './registry.js';
import { secretProblem } from './secrets.js';
import type {
  HealthEventEmitter,
  HealthLogger,
  HealthOptions,
  HeartbeatOptions,
  TelemetrySink,
} from './types.js';

/** Heartbeat settings with defaults filled in. */
export interface ResolvedHeartbeat {
  intervalMs: number;
  successThreshold: number;
  failureThreshold: number;
  graceMs: number;
}

/** `createHealth()` options, validated, with defaults. */
export interface ResolvedOptions {
  service: string;
  version: string;
  probeTimeoutMs: number;
  cacheTtlMs: number;
  staleWhileRevalidate: boolean;
  deadlineMs: number | undefined;
  heartbeat: ResolvedHeartbeat | undefined;
  redact: readonly RegExp[];
  sinks: readonly TelemetrySink[];
  emitter: HealthEventEmitter | undefined;
  environment: string;
  timestampOffset: string;
  logger: HealthLogger | undefined;
  wall: () => number;
  monotonic: () => number;
  tracer: Tracer | undefined;
  correlationId: string;
  taskId: string | undefined;
  phaseIndex: number | undefined;
  maxErrorLength: number;
  build: BuildMetadata | undefined;
  secrets: readonly string[];
}

const ENVIRONMENT = /^[a-z][a-z0-9_-]{0,62}$/;

// `satisfies Record<keyof …, true>` makes the compiler list every key of the type here, so a new option cannot
// be forgotten by the unknown-key check.
const HEALTH_OPTION_KEYS = Object.keys({
  service: true,
  version: true,
  probeTimeoutMs: true,
  cacheTtlMs: true,
  staleWhileRevalidate: true,
  deadlineMs: true,
  heartbeat: true,
  redact: true,
  sinks: true,
  emitter: true,
  environment: true,
  timestampOffset: true,
  logger: true,
  now: true,
  tracer: true,
  correlationId: true,
  taskId: true,
  phaseIndex: true,
  maxErrorLength: true,
  build: true,
  secrets: true,
} satisfies Record<keyof HealthOptions, true>);

const HEARTBEAT_OPTION_KEYS = Object.keys({
  intervalMs: true,
  successThreshold: true,
  failureThreshold: true,
  graceMs: true,
} satisfies Record<keyof HeartbeatOptions, true>);

/** Validates options; throws a coded `RollgateError` (`ROLLGATE_ERR_INVALID_OPTION`, `…_PROBE_TIMEOUT_CAP`, …). */
export function resolveOptions(options: HealthOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null) {
    throw rollgateError(
      'ROLLGATE_ERR_INVALID_OPTION',
      'options',
      'expected an object { service, version, … }',
    );
  }
  rejectUnknownOptions(options, HEALTH_OPTION_KEYS, 'createHealth');
  const name = (key: string, value: unknown): string => {
    const problem = nameProblem(value);
    if (problem !== undefined) invalid(key, problem === 'empty' ? 'must not be empty' : problem);
    return value as string;
  };
  const service = name('service', options.service);
  const version = name('version', options.version);
  const probeTimeoutMs = options.probeTimeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  checkTimeout('probeTimeoutMs', probeTimeoutMs);
  const cacheTtlMs = nonNegative('cacheTtlMs', options.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS);
  const deadlineMs =
    options.deadlineMs === undefined ? undefined : positive('deadlineMs', options.deadlineMs);
  if (options.staleWhileRevalidate !== undefined && typeof options.staleWhileRevalidate !== 'boolean')
    invalid('staleWhileRevalidate', 'expected true or false');
  const environment = options.environment ?? 'production';
  if (typeof environment !== 'string' || !ENVIRONMENT.test(environment)) {
    invalid('environment', 'expected a lowercase environment name such as "production"');
  }
  const timestampOffset = options.timestampOffset ?? 'Z';
  if (typeof timestampOffset !== 'string' || offsetMinutes(timestampOffset) === undefined) {
    invalid('timestampOffset', 'expected Z or an RFC 3339 offset such as +08:00');
  }
  const redact = options.redact ?? [];
  if (!Array.isArray(redact) || !redact.every((pattern) => pattern instanceof RegExp)) {
    invalid('redact', 'expected an array of RegExp');
  }
  const sinks = options.sinks ?? [];
  if (!Array.isArray(sinks) || !sinks.every((sink) => typeof sink === 'function')) {
    invalid('sinks', 'expected an array of functions (event) => void');
  }
  const emitter = options.emitter;
  if (
    emitter !== undefined &&
    (typeof emitter !== 'object' || emitter === null || typeof emitter.emit !== 'function')
  ) {
    invalid(
      'emitter',
      "expected an object with an emit(event) method (an emitter from '@rollgate/core/events')",
    );
  }
  const logger = options.logger;
  if (
    logger !== undefined &&
    (typeof logger !== 'object' || logger === null || typeof logger.warn !== 'function')
  ) {
    invalid('logger', 'expected an object with a warn(fields, message) method');
  }
  const now = options.now;
  if (now !== undefined && typeof now !== 'function')
    invalid('now', 'expected a function returning epoch ms');
  const tracer = options.tracer;
  if (
    tracer !== undefined &&
    (typeof tracer !== 'object' || tracer === null || typeof tracer.startSpan !== 'function')
  ) {
    invalid('tracer', 'expected an @opentelemetry/api Tracer');
  }
  const correlationId =
    options.correlationId === undefined ? randomId() : name('correlationId', options.correlationId);
  const taskId = options.taskId === undefined ? undefined : name('taskId', options.taskId);
  const phaseIndex = options.phaseIndex;
  if (phaseIndex !== undefined && (!Number.isInteger(phaseIndex) || phaseIndex < 0 || phaseIndex > 10_000)) {
    invalid('phaseIndex', 'expected an integer from 0 to 10000');
  }
  const maxErrorLength = options.maxErrorLength ?? DEFAULT_MAX_MESSAGE_LENGTH;
  if (!Number.isInteger(maxErrorLength) || maxErrorLength < 32 || maxErrorLength > 4096) {
    invalid('maxErrorLength', 'expected an integer from 32 to 4096');
  }
  const secrets = options.secrets ?? [];
  if (!Array.isArray(secrets)) invalid('secrets', 'expected an array of strings');
  secrets.forEach((secret, index) => {
    const why = secretProblem(secret);
    if (why !== undefined) invalid(`secrets[${index}]`, why);
  });
  return {
    service,
    version,
    probeTimeoutMs,
    cacheTtlMs,
    staleWhileRevalidate: options.staleWhileRevalidate === true,
    deadlineMs,
    heartbeat: options.heartbeat === undefined ? undefined : resolveHeartbeat(options.heartbeat),
    redact,
    sinks,
    emitter,
    environment,
    timestampOffset,
    logger,
    wall: now ?? Date.now,
    monotonic: now ?? (() => performance.now()),
    tracer,
    correlationId,
    taskId,
    phaseIndex,
    maxErrorLength,
    build: resolveBuild(options.build),
    secrets,
  };
}

function resolveHeartbeat(heartbeat: NonNullable<HealthOptions['heartbeat']>): ResolvedHeartbeat {
  if (typeof heartbeat !== 'object' || heartbeat === null) invalid('heartbeat', 'expected an object');
  // Probe timeouts are per probe (`timeoutMs`) or `probeTimeoutMs`; a heartbeat has no timeout of its own.
  rejectUnknownOptions(heartbeat, HEARTBEAT_OPTION_KEYS, 'createHealth heartbeat');
  return {
    intervalMs: positive('heartbeat.intervalMs', heartbeat.intervalMs ?? DEFAULT_HEARTBEAT.intervalMs),
    successThreshold: count(
      'heartbeat.successThreshold',
      heartbeat.successThreshold ?? DEFAULT_HEARTBEAT.successThreshold,
    ),
    failureThreshold: count(
      'heartbeat.failureThreshold',
      heartbeat.failureThreshold ?? DEFAULT_HEARTBEAT.failureThreshold,
    ),
    graceMs: nonNegative('heartbeat.graceMs', heartbeat.graceMs ?? DEFAULT_HEARTBEAT.graceMs),
  };
}

function positive(key: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    invalid(key, `expected a positive number of milliseconds, got ${String(value)}`);
  }
  return value;
}

function nonNegative(key: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    invalid(key, `expected zero or a positive number of milliseconds, got ${String(value)}`);
  }
  return value;
}

function count(key: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    invalid(key, `expected an integer of at least 1, got ${String(value)}`);
  }
  return value;
}

function invalid(key: string, why: string): never {
  throw rollgateError('ROLLGATE_ERR_INVALID_OPTION', key, why);
}

// Web Crypto is global from Node 19 and in every edge runtime; the fallback only keeps odd hosts working.
function randomId(): string {
  const webCrypto = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (webCrypto?.randomUUID) return webCrypto.randomUUID();
  return `rollgate-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
