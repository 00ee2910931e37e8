// Small pieces every chart of the report shares: escaping, a linear scale, ticks and times as people read them.

/** Escapes text for HTML and SVG content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A linear map from a domain onto a pixel range; a zero-width domain maps to the range's start. */
export function linearScale(d0: number, d1: number, r0: number, r1: number): (value: number) => number {
  const span = d1 - d0;
  return (value) => (span === 0 ? r0 : r0 + ((value - d0) / span) * (r1 - r0));
}

/** Pixels rounded to a tenth: enough for a crisp chart, short enough for a small page. */
export function px(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/** `count` evenly spaced values from `min` to `max` inclusive. */
export function ticks(min: number, max: number, count: number): number[] {
  if (count < 2 || max === min) return [min];
  return Array.from({ length: count }, (_, i) => min + ((max - min) * i) / (count - 1));
}

/** `12:14:30` (UTC) for an axis label. */
export function clockTime(ms: number): string {
  return new Date(ms).toISOString().slice(11, 19);
}

/** A value for an axis or a label: at most four significant figures. */
export function shortNumber(value: number): string {
  if (value === 0) return '0';
  return String(Number(value.toPrecision(4)));
}

/** Five time labels along an axis; the first and last anchored inside the plot so neither is cut off. */
export function timeAxis(t0: number, t1: number, x: (t: number) => number, y: number): string {
  const marks = ticks(t0, t1, 5);
  return marks
    .map((t, i) => {
      const anchor = i === 0 ? 'start' : i === marks.length - 1 ? 'end' : 'middle';
      return `<text class="axis" x="${px(x(t))}" y="${y}" text-anchor="${anchor}">${clockTime(t)}</text>`;
    })
    .join('');
}
