// `release_report.md` (seed 000): the contract's ReleaseReport as YAML front matter, then free Markdown notes for
// people. Rendering and parsing are exact inverses, so a tool can read a report, change a field and write it
// back without disturbing the notes.
import { parseDocument, stringify } from 'yaml';
import type { ReleaseReport } from '../documents/deployment.js';
import { errorMessage } from '../errors/describe-value.js';
import type { ContractIssue, ParseResult } from '../parse/issues.js';
import { type ParseOptions, parseContract } from '../parse/parse-contract.js';
import { FRONT_MATTER_CODES } from './codes.js';
import { splitFrontMatter } from './front-matter.js';

/** A parsed `release_report.md`: the validated front matter and the Markdown after it. */
export interface ReleaseReportFile {
  /** The front matter, validated as the contract's ReleaseReport. */
  report: ReleaseReport;
  /** The Markdown notes after the front matter (empty when there are none). */
  notes: string;
}

/**
 * Writes a `release_report.md`: `---`, the report as YAML, `---`, a blank line and the Markdown notes (ending
 * with one newline). `parseReleaseReport` gives back exactly `report` and `notes`. The report is not validated
 * here; validate it first with `parseContract('release-report', …)` when it comes from outside.
 */
export function renderReleaseReport(report: ReleaseReport, notes = ''): string {
  const yaml = stringify(report, { lineWidth: 0 });
  // One blank line between the fence and the notes, one newline at the end: both removed again on parsing.
  return notes === '' ? `---\n${yaml}---\n` : `---\n${yaml}---\n\n${notes}\n`;
}

function yamlValue(text: string): ParseResult<unknown> {
  try {
    const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true, strict: true });
    const first = doc.errors[0];
    if (first) {
      const message = `YAML front matter: ${first.message.split('\n')[0]}`;
      return { ok: false, issues: [{ code: FRONT_MATTER_CODES.syntax, path: '', message }] };
    }
    // Bounded aliases: a billion-laughs front matter is refused, not expanded.
    return { ok: true, value: doc.toJS({ maxAliasCount: 100 }) as unknown };
  } catch (error) {
    const message = `YAML front matter: ${errorMessage(error).split('\n')[0]}`;
    return { ok: false, issues: [{ code: FRONT_MATTER_CODES.syntax, path: '', message }] };
  }
}

/** The notes as written by people: one blank line after the fence and one final newline are layout, not notes. */
function notesOf(body: string): string {
  // Only `\n` at the end: a note may itself end in `\r`, and the round trip must give it back.
  return body.replace(/^\r?\n/, '').replace(/\n$/, '');
}

/**
 * Reads a `release_report.md`: the front matter validated as the contract's ReleaseReport, and the Markdown
 * notes. Never throws; a file without front matter, bad YAML or a report the schema refuses come back as issues.
 */
export function parseReleaseReport(text: string, options: ParseOptions = {}): ParseResult<ReleaseReportFile> {
  const parts = splitFrontMatter(text);
  if (parts === null) {
    const issue: ContractIssue = {
      code: FRONT_MATTER_CODES.missing,
      path: '',
      message: 'expected YAML front matter: a first line "---", the report, then a closing "---" line',
    };
    return { ok: false, issues: [issue] };
  }
  const value = yamlValue(parts.frontMatter);
  if (!value.ok) return value;
  const report = parseContract('release-report', value.value, options);
  if (!report.ok) return report;
  return { ok: true, value: { report: report.value, notes: notesOf(parts.body) } };
}
