// Checks rules without zod (core never loads it at run time) and compiles each one into a form with
// defaults applied and durations in milliseconds. Every problem becomes an error naming the rule id and
// the field; a rule with a problem is reported `invalid` and never evaluated.
import type { Aggregate, ComparisonOp, NoDataPolicy, RuleAction } from '@rollgate/contract';
import { parseDuration } from '@rollgate/contract/time';
import { ROLLBACK_ERROR_CODES } from './codes.js';
import type { RollbackInputError, RuleKind } from './types.js';

/** Evidence defaults (DESIGN "Semantics settled" plus Argo Rollouts' limits). */
export const RULE_DEFAULTS = {
  action: 'rollback',
  minSamples: 1,
  minCoverage: 1,
  noData: 'inconclusive',
  failureLimit: 0,
  inconclusiveLimit: 0,
  consecutiveErrorLimit: 4,
  window: '5m',
  confidence: 0.98,
  allowedEffectSize: 0.1,
  maxSpreadRatio: 2,
} as const;

/** The `slo-30d` burn-rate preset: the four window pairs of the Google SRE workbook for a 30-day SLO. */
export const SLO_30D_BURN_WINDOWS: readonly { long: string; short: string; factor: number }[] = [
  { long: '1h', short: '5m', factor: 14.4 },
  { long: '6h', short: '30m', factor: 6 },
  { long: '1d', short: '2h', factor: 3 },
  { long: '3d', short: '6h', factor: 1 },
];

/** Fields and defaults every compiled rule has. */
interface CompiledBase {
  index: number;
  id: string;
  metric: string;
  action: RuleAction;
  minSamples: number;
  minCoverage: number;
  noData: NoDataPolicy;
  dryRun: boolean;
  failureLimit: number;
  inconclusiveLimit: number;
  consecutiveErrorLimit: number;
  /** Evidence window in ms and as written. */
  windowMs: number;
  window: string;
}

/** A compiled `threshold` rule. */
export interface CompiledThreshold extends CompiledBase {
  kind: 'threshold';
  op: ComparisonOp;
  value: number;
  /** `for` in ms; null when absent or zero (the latest sample decides). */
  forMs: number | null;
  for: string | null;
}

/** A compiled `baseline_ratio` rule. */
export interface CompiledBaselineRatio extends CompiledBase {
  kind: 'baseline_ratio';
  op: ComparisonOp;
  ratio: number;
  aggregate: Aggregate;
}

/** A compiled `count` rule. */
export interface CompiledCount extends CompiledBase {
  kind: 'count';
  op: ComparisonOp;
  value: number;
}

/** One compiled long/short window pair. */
export interface CompiledBurnPair {
  long: string;
  short: string;
  longMs: number;
  shortMs: number;
  factor: number;
}

/** A compiled `burn_rate` rule. */
export interface CompiledBurnRate extends CompiledBase {
  kind: 'burn_rate';
  objective: number;
  pairs: CompiledBurnPair[];
}

/** A compiled `mann_whitney` rule. */
export interface CompiledMannWhitney extends CompiledBase {
  kind: 'mann_whitney';
  direction: 'increase' | 'decrease' | 'either';
  confidence: number;
  allowedEffectSize: number;
  criticalEffectSize: number | null;
  compareSpread: boolean;
  maxSpreadRatio: number;
}

/** Any compiled rule. */
export type CompiledRule =
  | CompiledThreshold
  | CompiledBaselineRatio
  | CompiledCount
  | CompiledBurnRate
  | CompiledMannWhitney;

/** A rule that could not be compiled: what is known of it, for its reason line. */
export interface InvalidRule {
  index: number;
  id: string;
  kind: string;
  metric: string;
  dryRun: boolean;
  problems: string[];
}

/** Result of compiling the rules input. */
export interface CompiledRules {
  /** One entry per input rule, in order. */
  rules: (CompiledRule | InvalidRule)[];
  /** True when the document around the rules had a problem (the decision then never promotes). */
  documentInvalid: boolean;
}

const KINDS: readonly RuleKind[] = ['threshold', 'baseline_ratio', 'count', 'burn_rate', 'mann_whitney'];
const OPS: readonly ComparisonOp[] = ['>', '>=', '<', '<=', '==', '!='];
const ACTIONS: readonly RuleAction[] = ['rollback', 'block', 'hold'];
const NO_DATA: readonly NoDataPolicy[] = ['inconclusive', 'hold', 'rollback', 'ignore'];
const AGGREGATES: readonly Aggregate[] = ['mean', 'p50', 'p90', 'p95', 'p99', 'max', 'min', 'sum', 'last'];
const ID_RE = /^[a-z0-9][a-z0-9_.-]{0,127}$/;
const METRIC_RE = /^[a-zA-Z_:][a-zA-Z0-9_:.-]*$/;

const COMMON_FIELDS = [
  'id',
  'kind',
  'metric',
  'description',
  'action',
  'minSamples',
  'minCoverage',
  'noData',
  'dryRun',
  'window',
  'failureLimit',
  'inconclusiveLimit',
  'consecutiveErrorLimit',
];
const KIND_FIELDS: Readonly<Record<RuleKind, readonly string[]>> = {
  threshold: ['op', 'value', 'for'],
  baseline_ratio: ['op', 'ratio', 'for', 'aggregate'],
  count: ['op', 'value'],
  burn_rate: ['objective', 'windows', 'preset'],
  mann_whitney: [
    'direction',
    'confidence',
    'allowedEffectSize',
    'criticalEffectSize',
    'compareSpread',
    'maxSpreadRatio',
  ],
};

const fieldsOf = (kind: RuleKind): ReadonlySet<string> => new Set([...COMMON_FIELDS, ...KIND_FIELDS[kind]]);
const ALLOWED_FIELDS: Readonly<Record<RuleKind, ReadonlySet<string>>> = {
  threshold: fieldsOf('threshold'),
  baseline_ratio: fieldsOf('baseline_ratio'),
  count: fieldsOf('count'),
  burn_rate: fieldsOf('burn_rate'),
  mann_whitney: fieldsOf('mann_whitney'),
};

type Obj = Record<string, unknown>;

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (Array.isArray(value)) return 'an array';
  return value === null ? 'null' : `a ${typeof value}`;
}

/** Collects the problems of one rule while reading its fields. */
class RuleReader {
  readonly problems: string[] = [];
  constructor(
    readonly raw: Obj,
    private readonly path: string,
    private readonly ruleId: string | null,
    private readonly errors: RollbackInputError[],
  ) {}

  fail(field: string, message: string): void {
    this.problems.push(`${field}: ${message}`);
    this.errors.push({
      code: ROLLBACK_ERROR_CODES.RULE_INVALID,
      path: `${this.path}.${field}`,
      rule: this.ruleId,
      field,
      message: this.ruleId ? `rule "${this.ruleId}": ${field} ${message}` : `${field} ${message}`,
    });
  }

  has(field: string): boolean {
    return this.raw[field] !== undefined;
  }

  oneOf<T extends string>(field: string, allowed: readonly T[], fallback: T | undefined): T | undefined {
    const v = this.raw[field];
    if (v === undefined) {
      if (fallback === undefined) this.fail(field, `is required (one of ${allowed.join(', ')})`);
      return fallback;
    }
    if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) return v as T;
    this.fail(field, `must be one of ${allowed.join(', ')}, got ${describe(v)}`);
    return fallback;
  }

  number(
    field: string,
    opts: { min?: number; max?: number; gt?: number; lt?: number; int?: boolean; fallback?: number },
  ): number | undefined {
    const v = this.raw[field];
    if (v === undefined) {
      if (opts.fallback === undefined) this.fail(field, 'is required (a finite number)');
      return opts.fallback;
    }
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      this.fail(field, `must be a finite number, got ${describe(v)}`);
      return undefined;
    }
    if (opts.int && !Number.isInteger(v)) this.fail(field, `must be an integer, got ${v}`);
    else if (opts.min !== undefined && v < opts.min)
      this.fail(field, `must be at least ${opts.min}, got ${v}`);
    else if (opts.max !== undefined && v > opts.max)
      this.fail(field, `must be at most ${opts.max}, got ${v}`);
    else if (opts.gt !== undefined && v <= opts.gt)
      this.fail(field, `must be greater than ${opts.gt}, got ${v}`);
    else if (opts.lt !== undefined && v >= opts.lt)
      this.fail(field, `must be less than ${opts.lt}, got ${v}`);
    else return v;
    return undefined;
  }

  boolean(field: string, fallback: boolean): boolean {
    const v = this.raw[field];
    if (v === undefined) return fallback;
    if (typeof v === 'boolean') return v;
    this.fail(field, `must be true or false, got ${describe(v)}`);
    return fallback;
  }

  duration(field: string, value: unknown, opts: { positive: boolean }): number | undefined {
    if (typeof value !== 'string') {
      this.fail(field, `must be a duration string such as 30s, 5m, 1h30m, got ${describe(value)}`);
      return undefined;
    }
    const ms = parseDuration(value);
    if (ms === undefined) {
      this.fail(field, `must be a duration such as 30s, 5m, 1h30m or 1d, got ${describe(value)}`);
      return undefined;
    }
    if (opts.positive && ms <= 0) {
      this.fail(field, `must be longer than 0, got ${describe(value)}`);
      return undefined;
    }
    return ms;
  }

  optionalDuration(
    field: string,
    opts: { positive: boolean },
  ): { ms: number; text: string } | null | undefined {
    const v = this.raw[field];
    if (v === undefined) return null;
    const ms = this.duration(field, v, opts);
    return ms === undefined ? undefined : { ms, text: v as string };
  }
}

function pushError(
  errors: RollbackInputError[],
  code: string,
  path: string,
  rule: string | null,
  field: string | null,
  message: string,
): void {
  errors.push({ code, path, rule, field, message });
}

/** Compiles the rules input (a document or an array); never throws. */
export function compileRules(input: unknown, errors: RollbackInputError[]): CompiledRules {
  let list: readonly unknown[];
  let documentInvalid = false;
  if (Array.isArray(input)) list = input;
  else if (isObj(input) && Array.isArray(input.rules)) {
    list = input.rules;
    for (const key of Object.keys(input)) {
      if (key !== 'rules' && key !== 'schema_version' && key !== 'name') {
        documentInvalid = true;
        pushError(
          errors,
          ROLLBACK_ERROR_CODES.RULES_INVALID,
          key,
          null,
          key,
          `unknown field "${key}" in a rule set`,
        );
      }
    }
    if (
      input.schema_version !== undefined &&
      (typeof input.schema_version !== 'string' || !/^1\.\d+\.\d+$/.test(input.schema_version))
    ) {
      documentInvalid = true;
      pushError(
        errors,
        ROLLBACK_ERROR_CODES.RULES_INVALID,
        'schema_version',
        null,
        'schema_version',
        `schema_version must be a 1.x.y version this evaluator understands, got ${describe(input.schema_version)}`,
      );
    }
  } else {
    pushError(
      errors,
      ROLLBACK_ERROR_CODES.RULES_INVALID,
      'rules',
      null,
      null,
      `rules must be a rule set { rules: [...] } or an array of rules, got ${describe(input)}`,
    );
    return { rules: [], documentInvalid: true };
  }
  if (list.length === 0) {
    pushError(
      errors,
      ROLLBACK_ERROR_CODES.RULES_INVALID,
      'rules',
      null,
      null,
      'a rule set needs at least one rule',
    );
    return { rules: [], documentInvalid: true };
  }
  const seen = new Set<string>();
  const rules: (CompiledRule | InvalidRule)[] = [];
  for (let i = 0; i < list.length; i++) {
    const compiled = compileRule(list[i], i, errors);
    if (!('problems' in compiled)) {
      if (seen.has(compiled.id)) {
        const message = `rule id "${compiled.id}" is used by an earlier rule; ids must be unique`;
        pushError(
          errors,
          ROLLBACK_ERROR_CODES.RULE_DUPLICATE_ID,
          `rules[${i}].id`,
          compiled.id,
          'id',
          message,
        );
        rules.push({
          index: i,
          id: compiled.id,
          kind: compiled.kind,
          metric: compiled.metric,
          dryRun: compiled.dryRun,
          problems: [message],
        });
        continue;
      }
      seen.add(compiled.id);
    }
    rules.push(compiled);
  }
  return { rules, documentInvalid };
}

function compileRule(raw: unknown, index: number, errors: RollbackInputError[]): CompiledRule | InvalidRule {
  const path = `rules[${index}]`;
  if (!isObj(raw)) {
    const message = `a rule must be an object, got ${describe(raw)}`;
    pushError(errors, ROLLBACK_ERROR_CODES.RULE_INVALID, path, null, null, message);
    return { index, id: `#${index}`, kind: 'unknown', metric: '', dryRun: false, problems: [message] };
  }
  const idOk = typeof raw.id === 'string' && ID_RE.test(raw.id);
  const id = idOk ? (raw.id as string) : null;
  const r = new RuleReader(raw, path, id, errors);
  if (!idOk)
    r.fail('id', `must be lowercase letters, digits, ".", "_", "-" (at most 128), got ${describe(raw.id)}`);
  const kind = r.oneOf<RuleKind>('kind', KINDS, undefined);
  const metric = typeof raw.metric === 'string' ? raw.metric : '';
  if (!(metric.length > 0 && metric.length <= 256 && METRIC_RE.test(metric))) {
    r.fail('metric', `must be a metric name such as http.server.errors.rate, got ${describe(raw.metric)}`);
  }
  if (
    raw.description !== undefined &&
    (typeof raw.description !== 'string' || raw.description.length > 4096)
  ) {
    r.fail('description', 'must be text of at most 4096 characters');
  }
  if (kind) {
    const allowed = ALLOWED_FIELDS[kind];
    for (const key of Object.keys(raw)) {
      if (!allowed.has(key))
        r.fail(key, `is not a field of a ${kind} rule (fields: ${[...allowed].join(', ')})`);
    }
  }
  const base = {
    index,
    id: id ?? `#${index}`,
    metric,
    action: r.oneOf<RuleAction>('action', ACTIONS, RULE_DEFAULTS.action) ?? RULE_DEFAULTS.action,
    minSamples: r.number('minSamples', {
      int: true,
      min: 1,
      max: 1_000_000,
      fallback: RULE_DEFAULTS.minSamples,
    }),
    minCoverage: r.number('minCoverage', { min: 0, max: 1, fallback: RULE_DEFAULTS.minCoverage }),
    noData: r.oneOf<NoDataPolicy>('noData', NO_DATA, RULE_DEFAULTS.noData) ?? RULE_DEFAULTS.noData,
    dryRun: r.boolean('dryRun', false),
    failureLimit: r.number('failureLimit', {
      int: true,
      min: 0,
      max: 1000,
      fallback: RULE_DEFAULTS.failureLimit,
    }),
    inconclusiveLimit: r.number('inconclusiveLimit', {
      int: true,
      min: 0,
      max: 1000,
      fallback: RULE_DEFAULTS.inconclusiveLimit,
    }),
    consecutiveErrorLimit: r.number('consecutiveErrorLimit', {
      int: true,
      min: 0,
      max: 1000,
      fallback: RULE_DEFAULTS.consecutiveErrorLimit,
    }),
  };
  const window = r.optionalDuration('window', { positive: true });
  const compiled = kind ? compileKind(kind, r, window) : undefined;
  const invalid = (): InvalidRule => ({
    index,
    id: base.id,
    kind: typeof raw.kind === 'string' ? raw.kind : 'unknown',
    metric,
    dryRun: base.dryRun,
    problems: r.problems,
  });
  if (r.problems.length > 0 || !compiled) return invalid();
  const { minSamples, minCoverage, failureLimit, inconclusiveLimit, consecutiveErrorLimit, ...rest } = base;
  if (
    minSamples === undefined ||
    minCoverage === undefined ||
    failureLimit === undefined ||
    inconclusiveLimit === undefined ||
    consecutiveErrorLimit === undefined
  ) {
    return invalid();
  }
  return {
    ...rest,
    minSamples,
    minCoverage,
    failureLimit,
    inconclusiveLimit,
    consecutiveErrorLimit,
    ...compiled,
  } as CompiledRule;
}

// A compiled rule without the common fields: what each kind adds (its evidence window included).
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type KindPart = DistributiveOmit<CompiledRule, Exclude<keyof CompiledBase, 'windowMs' | 'window'>>;

const DEFAULT_WINDOW = { ms: parseDuration(RULE_DEFAULTS.window) ?? 300_000, text: RULE_DEFAULTS.window };

function compileKind(
  kind: RuleKind,
  r: RuleReader,
  window: { ms: number; text: string } | null | undefined,
): KindPart | undefined {
  const win = window ?? DEFAULT_WINDOW;
  switch (kind) {
    case 'threshold': {
      const op = r.oneOf<ComparisonOp>('op', OPS, undefined);
      const value = r.number('value', {});
      const forD = r.optionalDuration('for', { positive: false });
      if (!op || value === undefined || forD === undefined || window === undefined) return undefined;
      const hasFor = forD !== null && forD.ms > 0;
      // The evidence window is `window` when given, else the `for` duration, else 5m.
      const evidence = window ?? (hasFor ? forD : DEFAULT_WINDOW);
      return {
        kind,
        op,
        value,
        forMs: hasFor ? forD.ms : null,
        for: hasFor ? forD.text : null,
        windowMs: evidence.ms,
        window: evidence.text,
      };
    }
    case 'baseline_ratio': {
      const op = r.oneOf<ComparisonOp>('op', OPS, undefined);
      const ratio = r.number('ratio', { gt: 0 });
      const forD = r.optionalDuration('for', { positive: true });
      const aggregate = r.oneOf<Aggregate>('aggregate', AGGREGATES, 'mean');
      if (!op || ratio === undefined || forD === undefined || !aggregate || window === undefined)
        return undefined;
      // DESIGN: canary and baseline are aggregated over the `for` window.
      const evidence = forD ?? win;
      return { kind, op, ratio, aggregate, windowMs: evidence.ms, window: evidence.text };
    }
    case 'count': {
      const op = r.oneOf<ComparisonOp>('op', OPS, undefined);
      const value = r.number('value', {});
      if (!op || value === undefined || window === undefined) return undefined;
      return { kind, op, value, windowMs: win.ms, window: win.text };
    }
    case 'burn_rate':
      return compileBurnRate(r, window);
    case 'mann_whitney': {
      const direction = r.oneOf<'increase' | 'decrease' | 'either'>(
        'direction',
        ['increase', 'decrease', 'either'],
        undefined,
      );
      const confidence = r.number('confidence', { gt: 0.5, lt: 1, fallback: RULE_DEFAULTS.confidence });
      const allowed = r.number('allowedEffectSize', { min: 0, fallback: RULE_DEFAULTS.allowedEffectSize });
      const critical = r.has('criticalEffectSize') ? r.number('criticalEffectSize', { min: 0 }) : null;
      const compareSpread = r.boolean('compareSpread', true);
      const maxSpreadRatio = r.number('maxSpreadRatio', { gt: 1, fallback: RULE_DEFAULTS.maxSpreadRatio });
      if (critical !== null && critical !== undefined && allowed !== undefined && critical < allowed) {
        r.fail('criticalEffectSize', `must be at least allowedEffectSize (${allowed}), got ${critical}`);
      }
      if (
        !direction ||
        confidence === undefined ||
        allowed === undefined ||
        critical === undefined ||
        maxSpreadRatio === undefined ||
        window === undefined
      ) {
        return undefined;
      }
      return {
        kind,
        direction,
        confidence,
        allowedEffectSize: allowed,
        criticalEffectSize: critical,
        compareSpread,
        maxSpreadRatio,
        windowMs: win.ms,
        window: win.text,
      };
    }
  }
}

function compileBurnRate(
  r: RuleReader,
  window: { ms: number; text: string } | null | undefined,
): KindPart | undefined {
  const objective = r.number('objective', { gt: 0, lt: 1 });
  if (window !== null)
    r.fail('window', 'is not used by a burn_rate rule: its windows come from `windows` or `preset`');
  const raw = r.raw;
  const hasWindows = raw.windows !== undefined;
  const hasPreset = raw.preset !== undefined;
  let spec: readonly unknown[] = [];
  if (hasWindows && hasPreset) {
    r.fail('windows', 'and preset are both set; give one of them');
    return undefined;
  }
  if (hasPreset) {
    if (raw.preset !== 'slo-30d') {
      r.fail('preset', `must be "slo-30d", got ${describe(raw.preset)}`);
      return undefined;
    }
    spec = SLO_30D_BURN_WINDOWS;
  } else if (hasWindows) {
    if (!Array.isArray(raw.windows) || raw.windows.length === 0) {
      r.fail('windows', 'must be a non-empty array of { long, short, factor }');
      return undefined;
    }
    spec = raw.windows;
  } else {
    r.fail('windows', 'are required (or preset: slo-30d)');
    return undefined;
  }
  const pairs: CompiledBurnPair[] = [];
  spec.forEach((w, i) => {
    const field = `windows[${i}]`;
    if (!isObj(w)) {
      r.fail(field, `must be { long, short, factor }, got ${describe(w)}`);
      return;
    }
    for (const key of Object.keys(w)) {
      if (key !== 'long' && key !== 'short' && key !== 'factor')
        r.fail(`${field}.${key}`, 'is not a field of a window pair');
    }
    const longMs = r.duration(`${field}.long`, w.long, { positive: true });
    const shortMs = r.duration(`${field}.short`, w.short, { positive: true });
    const factor = w.factor;
    if (typeof factor !== 'number' || !Number.isFinite(factor) || factor <= 0) {
      r.fail(`${field}.factor`, `must be a finite number greater than 0, got ${describe(factor)}`);
      return;
    }
    if (longMs === undefined || shortMs === undefined) return;
    if (longMs < shortMs) {
      r.fail(`${field}.long`, `must not be shorter than short (${String(w.short)}), got ${String(w.long)}`);
      return;
    }
    pairs.push({ long: w.long as string, short: w.short as string, longMs, shortMs, factor });
  });
  if (objective === undefined || pairs.length !== spec.length) return undefined;
  // Evidence is judged on the shortest short window: the fastest pair can decide once it is covered.
  let shortest = pairs[0]!;
  for (const p of pairs) if (p.shortMs < shortest.shortMs) shortest = p;
  return { kind: 'burn_rate', objective, pairs, windowMs: shortest.shortMs, window: shortest.short };
}
