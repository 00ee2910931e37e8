// The decision timeline: a band coloured by what the rules said at each evaluation, with the canary's weight
// steps drawn over it as a step line (0 to 100 %).
import { ACTION_COLOURS } from './colours.js';
import { clockTime, escapeHtml, linearScale, px, timeAxis } from './svg.js';
import type { ReportTimelinePoint, ReportWeightStep } from './types.js';

const WIDTH = 760;
const HEIGHT = 120;
const PAD = { left: 56, right: 16, top: 10, bottom: 28 };

/** The timeline SVG; `points` sorted by time, the last one the final decision. */
export function renderTimeline(
  points: readonly ReportTimelinePoint[],
  steps: readonly ReportWeightStep[],
): string {
  const times = [...points.map((p) => p.t), ...steps.map((s) => s.t)];
  if (times.length === 0) return '';
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  // Without weight steps the band alone needs little height.
  const height = steps.length > 0 ? HEIGHT : 70;
  const x = linearScale(t0, t1, PAD.left, WIDTH - PAD.right);
  const band = { y: PAD.top, height: 24 };
  const parts: string[] = [];
  points.forEach((p, i) => {
    // Each decision holds from its instant until the next one; the last gets a visible sliver.
    const start = i === 0 ? t0 : (points[i - 1]?.t ?? t0);
    const width = Math.max(2, x(p.t) - x(start));
    parts.push(
      `<rect class="decision" data-action="${p.action}" data-at="${p.t}" x="${px(x(p.t) - width)}" y="${band.y}" width="${px(width)}" height="${band.height}" fill="${ACTION_COLOURS[p.action]}"><title>${clockTime(p.t)} ${escapeHtml(p.action)}</title></rect>`,
    );
  });
  if (steps.length > 0) {
    const wy = linearScale(0, 100, height - PAD.bottom, band.y + band.height + 8);
    let path = '';
    steps.forEach((s, i) => {
      const next = steps[i + 1]?.t ?? t1;
      path += `${i === 0 ? 'M' : 'L'}${px(x(s.t))},${px(wy(s.weight))} L${px(x(next))},${px(wy(s.weight))} `;
      // A label per weight change; a phase change at the same weight (DEPLOYMENT → MONITORING) is only a tooltip.
      if (i > 0 && steps[i - 1]?.weight === s.weight) return;
      const end = x(s.t) > WIDTH * 0.8;
      const label =
        s.phase === 'ROLLBACK' || s.phase === 'PROMOTED' ? `${s.weight}% ${s.phase}` : `${s.weight}%`;
      parts.push(
        `<text class="weight" data-weight="${s.weight}" data-at="${s.t}" x="${px(x(s.t) + (end ? -3 : 3))}" y="${px(wy(s.weight) - 3)}" text-anchor="${end ? 'end' : 'start'}">${escapeHtml(label)}<title>${clockTime(s.t)} ${escapeHtml(s.phase ?? '')}</title></text>`,
      );
    });
    parts.push(`<path class="weights" d="${path.trim()}"/>`);
  }
  parts.push(timeAxis(t0, t1, x, height - 8));
  return `<svg class="timeline" role="img" aria-label="decision timeline" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" data-t0="${t0}" data-t1="${t1}">${parts.join('')}</svg>`;
}
