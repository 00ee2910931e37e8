import { requestError } from './errors.js';
import { respondError } from './response.js';
import type { ReadyzRequest, ReadyzResponse } from './types.js';

/** Answers a web-standard Request through `handle()`; HEAD answers carry no body. Never rejects. */
export async function answerFetch(
  handle: (request: ReadyzRequest) => Promise<ReadyzResponse>,
  request: Request,
): Promise<Response> {
  let answer: ReadyzResponse;
  try {
    const url = new URL(request.url);
    answer = await handle({
      method: request.method,
      path: url.pathname + url.search,
      headers: request.headers,
    });
  } catch {
    answer = respondError(requestError('ROLLGATE_ERR_READYZ_BAD_PATH', 'unparseable url'), false);
  }
  const head = typeof request.method === 'string' && request.method.toUpperCase() === 'HEAD';
  return new Response(head ? null : answer.body, { status: answer.status, headers: answer.headers });
}
