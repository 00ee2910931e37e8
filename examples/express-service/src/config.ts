// Configuration from the environment (twelve-factor), validated once at startup. Pure: takes the
// environment, returns the config or every problem at once.

/** What the service needs to run. */
export interface Config {
  /** PostgreSQL connection string (DATABASE_URL). */
  databaseUrl: string;
  /** Redis URL (REDIS_URL). */
  redisUrl: string;
  /** Listen port (PORT, default 8080). */
  port: number;
  /** Listen address (HOST, default 0.0.0.0). */
  host: string;
  /** Per-probe timeout in ms (PROBE_TIMEOUT_MS, default 1500; rollgate caps it at 5000). */
  probeTimeoutMs: number;
  /** How long readiness answers 503 before the listener closes (DRAIN_DELAY_MS, default 5000). */
  drainDelayMs: number;
  /** Forced exit after the signal (SHUTDOWN_TIMEOUT_MS, default 25000; below Kubernetes' 30 s grace). */
  shutdownTimeoutMs: number;
}

/** The config, or the list of what is wrong with the environment. */
export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    problems.push(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

/** Reads and validates the environment. */
export function readConfig(env: NodeJS.ProcessEnv): ConfigResult {
  const problems: string[] = [];
  const databaseUrl = env.DATABASE_URL ?? '';
  const redisUrl = env.REDIS_URL ?? '';
  if (!/^postgres(ql)?:\/\//.test(databaseUrl))
    problems.push('DATABASE_URL must be set to postgres://user@host:port/db');
  if (!/^rediss?:\/\//.test(redisUrl)) problems.push('REDIS_URL must be set to redis://host:port');
  const config: Config = {
    databaseUrl,
    redisUrl,
    port: integer(env, 'PORT', 8080, problems),
    host: env.HOST || '0.0.0.0',
    probeTimeoutMs: integer(env, 'PROBE_TIMEOUT_MS', 1_500, problems),
    drainDelayMs: integer(env, 'DRAIN_DELAY_MS', 5_000, problems),
    shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', 25_000, problems),
  };
  return problems.length > 0 ? { ok: false, problems } : { ok: true, config };
}
