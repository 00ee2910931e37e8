// RFC 9110 §10.2.3: Retry-After is either delay-seconds or an HTTP-date.

/** Milliseconds to wait from `now` (epoch ms), or undefined when the header is absent or unreadable. */
export function parseRetryAfter(header: string | null | undefined, now: number): number | undefined {
  if (header === null || header === undefined) return undefined;
  const text = header.trim();
  if (/^\d{1,10}$/.test(text)) return Number(text) * 1000;
  // Date.parse accepts far more than an HTTP-date; the shape check keeps "5m" or "soon" from reading as a date.
  if (!/^[A-Za-z]{3},? .*\d{2}:\d{2}:\d{2}/.test(text) && !/^[A-Za-z]+, \d{2}-/.test(text)) return undefined;
  // Every HTTP-date is in GMT; asctime's form does not say so, and Date.parse would read it as local time.
  const at = Date.parse(/GMT$/.test(text) ? text : `${text} GMT`);
  if (!Number.isFinite(at)) return undefined;
  return Math.max(0, at - now);
}
