// Multi-document YAML as Kubernetes writes it (`---` between objects) into plain objects with their index.
// Never throws: a syntax error is an issue naming the file and document, the other documents are still read.
import type { ContractIssue } from '@rollgate/contract';
import { errorMessage, isRecord } from '@rollgate/contract/errors';
import { parseAllDocuments } from 'yaml';
import { LINT_K8S_READ_CODES } from './codes.js';

/** One object document of a manifest file. */
export interface ManifestDocument {
  /** The file it came from. */
  file: string;
  /** Its index among the file's documents. */
  document: number;
  /** The object itself. */
  value: Record<string, unknown>;
}

/** What reading one file gave: its object documents, and the issues of the ones that could not be read. */
export interface ReadManifests {
  /** Object documents (empty documents and scalars are skipped: `---` at the end of a file is common). */
  documents: ManifestDocument[];
  /** One issue per unreadable document, `path` naming it (`document[2]`). */
  issues: (ContractIssue & { file: string })[];
}

function issue(file: string, index: number, code: string, message: string) {
  return { file, code, path: `document[${index}]`, message: message.split('\n')[0] ?? '' };
}

/** Reads every document of a YAML text. */
export function readManifests(text: string, file: string): ReadManifests {
  const out: ReadManifests = { documents: [], issues: [] };
  let docs: ReturnType<typeof parseAllDocuments>;
  try {
    docs = parseAllDocuments(text, { prettyErrors: true, uniqueKeys: true });
  } catch (error) {
    const message = errorMessage(error);
    out.issues.push(issue(file, 0, LINT_K8S_READ_CODES.syntax, `YAML: ${message}`));
    return out;
  }
  // An empty stream is a value without `forEach`-able documents; treat it as no documents.
  if (!Array.isArray(docs)) return out;
  docs.forEach((doc, index) => {
    const first = doc.errors[0];
    if (first) {
      out.issues.push(issue(file, index, LINT_K8S_READ_CODES.syntax, `YAML: ${first.message}`));
      return;
    }
    try {
      // Bounded aliases: a billion-laughs manifest is refused, not expanded.
      const value: unknown = doc.toJS({ maxAliasCount: 100 });
      if (isRecord(value)) out.documents.push({ file, document: index, value });
    } catch (error) {
      const message = errorMessage(error);
      out.issues.push(issue(file, index, LINT_K8S_READ_CODES.unreadable, `YAML: ${message}`));
    }
  });
  return out;
}
