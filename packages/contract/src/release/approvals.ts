// Appending an approval to a release manifest's text. jsonc-parser locates the approvals array in the text and the
// entry is inserted after its last element, so every other byte — key order, indentation, number spelling, line
// ends — stays as the author wrote it. (jsonc-parser's own `modify` re-formats the whole array, hence the insert.)
import { type FormattingOptions, findNodeAtLocation, parseTree } from 'jsonc-parser';
import type { GatePolicy } from '../documents/gate.js';
import type { Approval, ReleaseManifest } from '../documents/release.js';
import { errorMessage } from '../errors/describe-value.js';
import type { ParseResult } from '../parse/issues.js';
import { parseContract } from '../parse/parse-contract.js';
import { RELEASE_CODES } from './codes.js';

/** Result of `appendApproval`: the new text, and whether an approval was added (false: it was already there). */
export interface AppendedApproval {
  /** The manifest text with the approval appended, or the same text when nothing was added. */
  text: string;
  /** False when the same role and actor had already approved: a no-op, not a duplicate. */
  added: boolean;
  /** The manifest as parsed after the change. */
  manifest: ReleaseManifest;
}

/** Options of `appendApproval`. */
export interface AppendApprovalOptions {
  /** With a policy, a role the roster of the manifest's environment does not list is refused. */
  policy?: GatePolicy;
}

/** The indentation a JSON text uses, read from its first indented line (two spaces when it has none). */
export function detectFormatting(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indent = /\n([ \t]+)\S/.exec(text)?.[1];
  if (indent?.startsWith('\t')) return { insertSpaces: false, tabSize: 1, eol };
  return { insertSpaces: true, tabSize: indent?.length ?? 2, eol };
}

/**
 * Appends `approval` to the `approvals` of a JSON release manifest's text. The same role and actor twice is a
 * no-op; with `options.policy`, a role outside the environment's roster is refused. Returns issues, never throws.
 */
export function appendApproval(
  text: string,
  approval: Approval,
  options: AppendApprovalOptions = {},
): ParseResult<AppendedApproval> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const why = errorMessage(error);
    return { ok: false, issues: [{ code: RELEASE_CODES.notJson, path: '', message: `not JSON: ${why}` }] };
  }
  const before = parseContract('release-manifest', raw);
  if (!before.ok) return before;
  const manifest = before.value;
  if (options.policy) {
    const environment = manifest.metadata.environment;
    const roster = options.policy.approvals?.[environment];
    if (roster === undefined)
      return {
        ok: false,
        issues: [
          {
            code: RELEASE_CODES.noRoster,
            path: 'metadata.environment',
            message: `the policy has no approval roster for environment "${environment}"`,
          },
        ],
      };
    if (!roster.includes(approval.role))
      return {
        ok: false,
        issues: [
          {
            code: RELEASE_CODES.roleNotOnRoster,
            path: 'approvals',
            message: `role "${approval.role}" is not on the ${environment} roster (${roster.join(', ') || 'empty'})`,
          },
        ],
      };
  }
  if (manifest.approvals.some((a) => a.role === approval.role && a.actor === approval.actor))
    return { ok: true, value: { text, added: false, manifest } };
  const entry = {
    role: approval.role,
    actor: approval.actor,
    timestamp: approval.timestamp,
    ...(approval.reason === undefined ? {} : { reason: approval.reason }),
  };
  const next = insertIntoApprovals(text, entry);
  const after = parseContract('release-manifest', JSON.parse(next) as unknown);
  if (!after.ok) return after;
  return { ok: true, value: { text: next, added: true, manifest: after.value } };
}

const lineIndent = (text: string, offset: number) =>
  /^[ \t]*/.exec(text.slice(text.lastIndexOf('\n', offset - 1) + 1))?.[0] ?? '';

// Writes `entry` in the style of its neighbour: on one line when the last approval is on one line, else indented.
function insertIntoApprovals(text: string, entry: Record<string, string>): string {
  const format = detectFormatting(text);
  const unit = format.insertSpaces ? ' '.repeat(format.tabSize ?? 2) : '\t';
  const eol = format.eol ?? '\n';
  const array = findNodeAtLocation(parseTree(text) ?? { type: 'null', offset: 0, length: 0 }, ['approvals']);
  if (array === undefined || array.type !== 'array') throw new TypeError('approvals is not an array');
  const last = array.children?.at(-1);
  if (last === undefined) {
    const indent = lineIndent(text, array.offset);
    const body = JSON.stringify(entry, null, unit).split('\n').join(`${eol}${indent}${unit}`);
    const end = array.offset + array.length;
    return `${text.slice(0, array.offset)}[${eol}${indent}${unit}${body}${eol}${indent}]${text.slice(end)}`;
  }
  const lastText = text.slice(last.offset, last.offset + last.length);
  const sameLine = !lastText.includes('\n');
  const indent = lineIndent(text, last.offset);
  const spaced = /":\s/.test(lastText);
  const body = sameLine
    ? spaced
      ? `{${Object.entries(entry)
          .map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`)
          .join(', ')}}`
      : JSON.stringify(entry)
    : JSON.stringify(entry, null, unit).split('\n').join(`${eol}${indent}`);
  const at = last.offset + last.length;
  const onOwnLine = text.slice(array.offset, last.offset).includes('\n');
  const separator = onOwnLine ? `,${eol}${indent}` : ', ';
  return `${text.slice(0, at)}${separator}${body}${text.slice(at)}`;
}
