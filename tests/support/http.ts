import { request } from 'node:http';

/** One HTTP answer as a test sees it. */
export interface HttpAnswer {
  /** Status code. */
  status: number;
  /** Response headers (lower-case names). */
  headers: Record<string, string | string[] | undefined>;
  /** Raw body text. */
  text: string;
  /** Milliseconds from sending the request to the end of the body. */
  elapsedMs: number;
  /** The body parsed as JSON (throws with the body text when it is not JSON). */
  json(): unknown;
}

/**
 * Sends one request on a fresh connection (no keep-alive agent, so a test never holds a socket
 * open) and measures how long the answer took. Rejects on a network error or after `timeoutMs`.
 */
export function http(
  url: string,
  options: { method?: string; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<HttpAnswer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: options.method ?? 'GET', headers: options.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            elapsedMs: performance.now() - started,
            json: () => {
              try {
                return JSON.parse(text) as unknown;
              } catch {
                throw new Error(`not JSON (${res.statusCode}): ${text.slice(0, 500)}`);
              }
            },
          });
        });
      },
    );
    req.setTimeout(options.timeoutMs ?? 10_000, () =>
      req.destroy(new Error(`no answer from ${url} in time`)),
    );
    req.on('error', reject);
    req.end();
  });
}
