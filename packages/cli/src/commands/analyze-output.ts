// Human output of `rollgate analyze`: the decision, one line per rule with what it observed against which
// threshold over which window, and the rollback.requested event when there is one.
import type { ContractIssue, RollbackRequested, RollbackRules } from '@rollgate/contract';
import type { RollbackDecision, RuleReason } from '@rollgate/core/rules';
import type { CliIo } from '../output/io.js';
import { type Style, styleFor } from '../output/style.js';

/** Significant figures for a reason's numbers: enough to read, few enough to line up. */
export function formatNumber(value: number | null): string {
  if (value === null) return '—';
  if (value === 0) return '0';
  return String(Number(value.toPrecision(4)));
}

function paintFor(style: Style, action: string): (text: string) => string {
  if (action === 'promote' || action === 'continue') return style.good;
  if (action === 'rollback' || action === 'block') return style.bad;
  return style.warn;
}

// The rule's own threshold when the evaluator had nothing to compare (no data, provider error).
function writtenThreshold(rule: RollbackRules['rules'][number] | undefined): string | null {
  if (rule === undefined) return null;
  if (rule.kind === 'threshold' || rule.kind === 'count') return `${rule.op} ${formatNumber(rule.value)}`;
  if (rule.kind === 'baseline_ratio') return `${rule.op} ${formatNumber(rule.ratio)}`;
  return null;
}

function thresholdText(reason: RuleReason, rules: RollbackRules, forOf: ReadonlyMap<string, string>): string {
  const base =
    reason.threshold === null
      ? (writtenThreshold(rules.rules.find((r) => r.id === reason.rule)) ?? '—')
      : `${reason.op ?? ''} ${formatNumber(reason.threshold)}`.trim();
  const sustained = forOf.get(reason.rule);
  return sustained === undefined ? base : `${base} for ${sustained}`;
}

/** Prints a decision for a person. */
export function printDecision(
  io: CliIo,
  rules: RollbackRules,
  decision: RollbackDecision,
  nowText: string,
): void {
  const style = styleFor(io.stdout, io);
  const paint = paintFor(style, decision.action);
  const forOf = new Map<string, string>();
  for (const rule of rules.rules)
    if ('for' in rule && typeof rule.for === 'string') forOf.set(rule.id, rule.for);
  const name = rules.name === undefined ? '' : ` ${rules.name}`;
  io.stdout.write(`${paint(style.bold(decision.action.toUpperCase()))}${name} at ${nowText}\n`);
  io.stdout.write(`  ${decision.summary}\n`);
  const rows = decision.reasons.map((r) => [
    r.rule,
    r.status,
    r.verdict ?? 'no vote',
    formatNumber(r.observed),
    thresholdText(r, rules, forOf),
    r.window ?? '—',
    String(r.samples),
  ]);
  const header = ['rule', 'status', 'verdict', 'observed', 'threshold', 'window', 'samples'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  io.stdout.write(`  ${style.dim(line(header))}\n`);
  decision.reasons.forEach((reason, index) => {
    const text = line(rows[index] ?? []);
    const painted = reason.status === 'breach' ? paintFor(style, reason.verdict ?? 'hold')(text) : text;
    io.stdout.write(`  ${painted}\n`);
  });
  for (const reason of decision.reasons)
    if (reason.status !== 'pass') io.stdout.write(style.dim(`  ${reason.rule}: ${reason.message}\n`));
}

/** Prints the rollback.requested event, or why it could not be built. */
export function printEvent(
  io: CliIo,
  event: RollbackRequested | null,
  issues: readonly ContractIssue[],
): void {
  const style = styleFor(io.stdout, io);
  if (event !== null) {
    io.stdout.write(`${style.bold('rollback.requested')} ${style.dim(`on ${event.topic}`)}\n`);
    io.stdout.write(`${JSON.stringify(event)}\n`);
    return;
  }
  // Missing flags are named by their flag; anything the event schema refused keeps its path.
  const why = issues
    .map((i) => (i.code === 'missing_context' ? i.message : `${i.path}: ${i.message}`))
    .join('; ');
  io.stdout.write(style.dim(`rollback.requested not built: ${why}\n`));
}
