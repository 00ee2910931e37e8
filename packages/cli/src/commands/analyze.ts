// `rollgate analyze --rules F (--samples F | --prometheus URL --queries F)`: rollback rules judged over recorded
// samples, or over Prometheus range queries at --now. Exit 0 promote/continue/hold, 3 inconclusive, 4 rollback
// or block, 2 bad input.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { CanaryPlan, ContractIssue, RollbackRequested, RollbackRules } from '@rollgate/contract';
import { loadContract } from '@rollgate/contract/files';
import { formatTimestamp } from '@rollgate/contract/time';
import { type RollbackAction, toRollbackRequested } from '@rollgate/core/rules';
import { latestSampleTime } from '../files/samples.js';
import { cliError } from '../output/errors.js';
import { EXIT, type ExitCode } from '../output/exit-codes.js';
import type { CliIo } from '../output/io.js';
import { issueLine } from '../output/issues.js';
import { printJson } from '../output/json.js';
import { styleFor } from '../output/style.js';
import { printDecision, printEvent } from './analyze-output.js';
import { type Evaluated, evaluateSamples } from './analyze-samples.js';
import { readDurationFlag, readNow, readVars } from './flags.js';

/** Flags of `rollgate analyze`. */
export interface AnalyzeOptions {
  /** Rollback rules file. */
  rules: string;
  /** Recorded samples file (the series shape evaluateRollback takes). */
  samples?: string;
  /** Prometheus base URL. */
  prometheus?: string;
  /** metric-queries file: the PromQL of each metric the rules read. */
  queries?: string;
  /** Evaluation instant, RFC 3339 (default: the last sample's time with --samples, the current time otherwise). */
  now?: string;
  /** `name=value` pairs filling `{{name}}` in the queries (also the rollback event's service/environment/version). */
  var?: string[];
  /** Range-query step (default 15s). */
  step?: string;
  /** Per-query timeout (default 10s). */
  timeout?: string;
  /** Write the HTML report here. */
  html?: string;
  /** Canary plan whose weight steps the report draws, driven by the decisions over time. */
  plan?: string;
  /** Service named in the rollback.requested event. */
  service?: string;
  /** Environment named in the rollback.requested event. */
  environment?: string;
  /** Version named in the rollback.requested event. */
  releaseVersion?: string;
  /** Correlation id of the rollback.requested event. */
  correlationId?: string;
  /** Print `{ decision, event }` as JSON. */
  json?: boolean;
}

const CONTEXT_FLAGS: Readonly<Record<string, string>> = {
  service: '--service',
  environment: '--environment',
  version: '--release-version',
};

/** Exit code of a rollback decision. */
export function analyzeExitCode(action: RollbackAction): ExitCode {
  if (action === 'rollback' || action === 'block') return EXIT.STOP;
  if (action === 'inconclusive') return EXIT.UNDECIDED;
  return EXIT.OK;
}

function printIssues(io: CliIo, file: string, issues: readonly ContractIssue[]): void {
  const err = styleFor(io.stderr, io);
  for (const issue of issues) io.stderr.write(`${err.bad('rollgate analyze:')} ${issueLine(file, issue)}\n`);
}

async function fromPrometheus(
  options: AnalyzeOptions,
  rules: RollbackRules,
  now: number,
  vars: Record<string, string>,
  io: CliIo,
  plan: CanaryPlan | undefined,
): Promise<Evaluated | null> {
  if (options.queries === undefined)
    throw cliError('ROLLGATE_ERR_CLI_MISSING_FLAG', '--queries', 'with --prometheus');
  const { analyzeWithPrometheus } = await import('./analyze-prometheus.js');
  return analyzeWithPrometheus({
    rules,
    queriesFile: resolve(io.cwd, options.queries),
    queriesName: options.queries,
    url: options.prometheus as string,
    now,
    vars,
    ...(options.step !== undefined ? { stepMs: readDurationFlag('--step', options.step) } : {}),
    ...(options.timeout !== undefined ? { timeoutMs: readDurationFlag('--timeout', options.timeout) } : {}),
    io,
    ...(plan !== undefined ? { plan } : {}),
  });
}

/** Runs `rollgate analyze`. */
export async function analyzeCommand(options: AnalyzeOptions, io: CliIo): Promise<ExitCode> {
  if (options.samples !== undefined && options.prometheus !== undefined)
    throw cliError('ROLLGATE_ERR_CLI_CONFLICTING_FLAGS', '--samples', '--prometheus');
  if (options.samples === undefined && options.prometheus === undefined)
    throw cliError(
      'ROLLGATE_ERR_CLI_MISSING_FLAG',
      '--samples or --prometheus',
      'to have something to judge',
    );
  const vars = readVars(options.var ?? []);
  // Every flag is checked before any file is read: a typo answers at once.
  readNow(options.now, Date.now);
  if (options.step !== undefined) readDurationFlag('--step', options.step);
  if (options.timeout !== undefined) readDurationFlag('--timeout', options.timeout);
  const loaded = await loadContract('rollback-rules', resolve(io.cwd, options.rules));
  if (!loaded.ok) {
    printIssues(
      io,
      options.rules,
      loaded.issues.map((i) => ({ ...i, file: options.rules })),
    );
    return EXIT.USAGE;
  }
  const rules = loaded.value;
  let plan: CanaryPlan | undefined;
  if (options.plan !== undefined) {
    const read = await loadContract('canary-plan', resolve(io.cwd, options.plan));
    if (!read.ok) {
      printIssues(io, options.plan, read.issues);
      return EXIT.USAGE;
    }
    plan = read.value;
  }
  let evaluated: Evaluated | null;
  let now: { ms: number; offset: string };
  if (options.samples !== undefined) {
    const samplesFile = options.samples;
    const read = await evaluateSamples(
      resolve(io.cwd, samplesFile),
      samplesFile,
      rules,
      (series) => readNow(options.now, () => latestSampleTime(series) ?? Date.now()),
      plan,
    );
    if (!read.ok) {
      printIssues(io, samplesFile, read.issues);
      return EXIT.USAGE;
    }
    evaluated = read.value;
    now = read.now;
  } else {
    now = readNow(options.now, Date.now);
    evaluated = await fromPrometheus(options, rules, now.ms, vars, io, plan);
    if (evaluated === null) return EXIT.USAGE;
  }
  const { decision, series } = evaluated;
  // Series problems (a dropped sample, a provider error) are worth seeing, but the decision already weighed them.
  if (evaluated.issues.length > 0 && !options.json) {
    const err = styleFor(io.stderr, io);
    for (const issue of evaluated.issues)
      io.stderr.write(`${err.warn('note:')} ${issue.path}: ${issue.message}\n`);
  }
  let event: RollbackRequested | null = null;
  let eventIssues: ContractIssue[] = [];
  if (decision.action === 'rollback' || decision.action === 'block') {
    const context = {
      service: options.service ?? vars.service,
      environment: options.environment ?? vars.environment,
      version: options.releaseVersion ?? vars.version,
    };
    // A missing field is named by its flag, not by the event schema's many words for an empty string.
    const missing = Object.entries(context)
      .filter(([, value]) => value === undefined || value === '')
      .map(([field]) => field);
    if (missing.length > 0) {
      eventIssues = missing.map((field) => ({
        code: 'missing_context',
        path: `context.${field}`,
        message: `${CONTEXT_FLAGS[field]} (or --var ${field}=…) is required`,
      }));
    } else {
      const built = toRollbackRequested(decision, {
        service: context.service as string,
        environment: context.environment as string,
        version: context.version as string,
        correlationId: options.correlationId ?? vars.correlation_id ?? `${context.service}-${now.ms}`,
        now: now.ms,
        offset: now.offset,
      });
      if (built.ok) event = built.value;
      else eventIssues = built.issues;
    }
  }
  if (options.html !== undefined) {
    const { renderReport } = await import('../report/render.js');
    const html = renderReport({
      rules,
      series,
      decision,
      timeline: evaluated.timeline.points,
      canary: { steps: evaluated.timeline.steps },
      source: options.samples ?? options.prometheus ?? '',
    });
    try {
      await writeFile(resolve(io.cwd, options.html), html);
    } catch (error) {
      throw cliError('ROLLGATE_ERR_CLI_CANNOT_WRITE', options.html, (error as Error).message);
    }
  }
  const code = analyzeExitCode(decision.action);
  if (options.json) {
    printJson(io, {
      decision,
      event,
      ...(eventIssues.length > 0 ? { eventIssues } : {}),
      ...(evaluated.issues.length > 0 ? { issues: evaluated.issues } : {}),
    });
    return code;
  }
  printDecision(io, rules, decision, formatTimestamp(now.ms, now.offset));
  if (decision.action === 'rollback' || decision.action === 'block') printEvent(io, event, eventIssues);
  if (options.html !== undefined) io.stdout.write(`report written to ${options.html}\n`);
  return code;
}
