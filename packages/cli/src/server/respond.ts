// Writing answers: JSON or HTML with the same safety headers readyz sends, and nothing from an exception.
import type { ServerResponse } from 'node:http';
import type { ContractIssue } from '@rollgate/contract';

const COMMON = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' } as const;

/** Writes `body` as JSON with `status` (and extra headers). */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...COMMON,
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** Writes a self-contained HTML page; the policy forbids every script and remote resource. */
export function sendHtml(res: ServerResponse, html: string): void {
  res.writeHead(200, {
    ...COMMON,
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
    'content-length': Buffer.byteLength(html),
  });
  res.end(html);
}

/** 400 (or another 4xx) with the request's issues, each `{ code, path, message }`. */
export function sendIssues(res: ServerResponse, issues: readonly ContractIssue[], status = 400): void {
  sendJson(res, status, { error: 'bad request', issues });
}

/** A one-line error body: the status says what happened; no stack, no internals. */
export function sendError(
  res: ServerResponse,
  status: number,
  error: string,
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, { error }, headers);
}
