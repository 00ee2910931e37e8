// Reads the rules input with the contract (`parseContract('rollback-rules', …)`), the one source of truth for
// what a rule may say. A valid rule set is parsed once, whole. Otherwise each rule is parsed alone as well, so
// one bad rule is reported `invalid` while the others still run: a rollback signal must not be silenced by a
// typo in a neighbouring rule.
import { type ContractIssue, parseContract, type RollbackRule, type RollbackRules } from '@rollgate/contract';
import { isRecord } from '@rollgate/contract/errors';
import { type CompiledRule, compileRule } from './compile.js';

/** A rule the contract refused: what is known of it, for its reason line. */
export interface InvalidRule {
  /** Rule id, or `#<index>` when the id itself is unusable. */
  id: string;
  /** Kind as written, or `unknown`. */
  kind: string;
  /** Metric as written, or empty. */
  metric: string;
  /** Dry-run as written (a broken dry-run rule still never counts). */
  dryRun: boolean;
  /** The rule's issues, each as `<field>: <message>`. */
  problems: string[];
}

/** What reading the rules input gives the evaluator. */
export interface RuleSet {
  /** One entry per input rule, in order. */
  rules: (CompiledRule | InvalidRule)[];
  /** True when the document around the rules was refused (the decision then never promotes). */
  documentInvalid: boolean;
  /** Every issue the contract found, document-level first, then rule by rule. */
  issues: ContractIssue[];
  /** The parsed document, when the whole input was valid. */
  document: RollbackRules | null;
}

const RULE_PATH = /^rules\[(\d+)\]/;

/** The index of the rule an issue belongs to, or null for the document around the rules. */
function ruleIndex(path: string): number | null {
  const m = RULE_PATH.exec(path);
  return m ? Number(m[1]) : null;
}

// Issues of a one-rule document name `rules[0]`; in the caller's input that rule is `rules[index]`.
function moveTo(issue: ContractIssue, index: number): ContractIssue {
  return { code: issue.code, path: issue.path.replace(RULE_PATH, `rules[${index}]`), message: issue.message };
}

function problemOf(issue: ContractIssue): string {
  const field = issue.path.replace(RULE_PATH, '').replace(/^\./, '');
  return field ? `${field}: ${issue.message}` : issue.message;
}

// `idUsable`: the id passed the rule's own checks (a duplicate id still names its rule).
function invalidRule(raw: unknown, index: number, idUsable: boolean, issues: ContractIssue[]): InvalidRule {
  const r = isRecord(raw) ? raw : {};
  return {
    id: typeof r.id === 'string' && idUsable ? r.id : `#${index}`,
    kind: typeof r.kind === 'string' ? r.kind : 'unknown',
    metric: typeof r.metric === 'string' ? r.metric : '',
    dryRun: r.dryRun === true,
    problems: issues.map(problemOf),
  };
}

/**
 * Reads a rule-set document or a bare array of rules (read as the document's `rules`; anything else is
 * reported at `rules`). Never throws: every problem is an issue with the contract's code, path and message.
 */
export function readRules(input: unknown): RuleSet {
  const doc = isRecord(input) ? input : { rules: input };
  const whole = parseContract('rollback-rules', doc);
  if (whole.ok) {
    return {
      rules: whole.value.rules.map(compileRule),
      documentInvalid: false,
      issues: [],
      document: whole.value,
    };
  }
  const list = doc.rules;
  const issues = whole.issues.filter((i) => ruleIndex(i.path) === null);
  if (!Array.isArray(list) || list.length === 0)
    return { rules: [], documentInvalid: true, issues, document: null };
  // A broken rule alone is reported by its reason; only a refused document keeps every decision from promoting.
  const documentInvalid = issues.length > 0;

  // A newer minor's leniency (unknown fields kept) applies to each rule alone too, unless the version was refused.
  const version =
    typeof doc.schema_version === 'string' && !issues.some((i) => i.path === 'schema_version')
      ? { schema_version: doc.schema_version }
      : {};
  const perRule: ContractIssue[][] = list.map(() => []);
  const parsed: { index: number; rule: RollbackRule }[] = [];
  const alone = new Map<number, RollbackRule>();
  list.forEach((raw, index) => {
    const one = parseContract('rollback-rules', { ...version, rules: [raw] });
    if (one.ok) {
      parsed.push({ index, rule: one.value.rules[0]! });
      alone.set(index, one.value.rules[0]!);
    } else
      perRule[index]!.push(...one.issues.filter((i) => ruleIndex(i.path) === 0).map((i) => moveTo(i, index)));
  });
  // Checks across rules (unique ids) need the rules together: the ones that parsed alone, back in one set.
  if (parsed.length > 1) {
    const together = parseContract('rollback-rules', { ...version, rules: parsed.map((p) => p.rule) });
    if (!together.ok) {
      for (const issue of together.issues) {
        const at = ruleIndex(issue.path);
        const entry = at === null ? undefined : parsed[at];
        if (entry) perRule[entry.index]!.push(moveTo(issue, entry.index));
      }
    }
  }
  const rules = list.map((raw, index) => {
    const mine = perRule[index]!;
    issues.push(...mine);
    const rule = alone.get(index);
    if (mine.length === 0 && rule) return compileRule(rule);
    const idUsable = rule !== undefined || !mine.some((i) => i.path === `rules[${index}].id`);
    return invalidRule(raw, index, idUsable, mine);
  });
  return { rules, documentInvalid, issues, document: null };
}
