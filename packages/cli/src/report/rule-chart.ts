// One rule's chart: its series (canary, and baseline when it compares the two) against its threshold, the
// evaluation window and the `for` duration shaded, and the breach marked with `data-breach-at` (epoch ms).
import type { RollbackRule } from '@rollgate/contract';
import { parseDuration } from '@rollgate/contract/time';
import type { RuleReason } from '@rollgate/core/rules';
import type { Points } from './series.js';
import { clockTime, escapeHtml, linearScale, px, shortNumber, ticks, timeAxis } from './svg.js';

const WIDTH = 760;
const HEIGHT = 220;
const PAD = { left: 56, right: 16, top: 14, bottom: 28 };

/** What one chart needs. */
export interface RuleChartInput {
  /** The rule as written. */
  rule: RollbackRule;
  /** What the evaluator said about it. */
  reason: RuleReason | undefined;
  /** The canary side (or the only series). */
  canary: Points;
  /** The baseline side, for rules that compare the two. */
  baseline: Points | null;
  /** Evaluation instant, epoch ms. */
  now: number;
}

function finite(points: Points | null): number[] {
  return points === null ? [] : points.value.filter((v) => Number.isFinite(v));
}

function polyline(points: Points, x: (t: number) => number, y: (v: number) => number, cls: string): string {
  // A NaN sample breaks the line instead of being drawn as zero.
  const runs: string[][] = [[]];
  points.t.forEach((t, i) => {
    const v = points.value[i] ?? Number.NaN;
    if (Number.isFinite(v)) runs[runs.length - 1]?.push(`${px(x(t))},${px(y(v))}`);
    else if ((runs[runs.length - 1]?.length ?? 0) > 0) runs.push([]);
  });
  return runs
    .filter((r) => r.length > 0)
    .map((r) => `<polyline class="${cls}" points="${r.join(' ')}"/>`)
    .join('');
}

function until(points: Points, now: number): Points {
  const end = points.t.findIndex((t) => t > now);
  if (end < 0) return points;
  return { t: points.t.slice(0, end), value: points.value.slice(0, end), error: points.error };
}

function thresholdOf(rule: RollbackRule): number | null {
  return rule.kind === 'threshold' ? rule.value : null;
}

/** The chart of one rule as an inline SVG element. */
export function renderRuleChart(input: RuleChartInput): string {
  const { rule, reason, now } = input;
  // The evaluator saw nothing after now; neither does the chart.
  const canary = until(input.canary, now);
  const baseline = input.baseline === null ? null : until(input.baseline, now);
  const windowMs =
    parseDuration(reason?.window ?? '') ??
    parseDuration('window' in rule && rule.window ? rule.window : '5m') ??
    300_000;
  const forMs = 'for' in rule && typeof rule.for === 'string' ? (parseDuration(rule.for) ?? null) : null;
  const times = [...canary.t, ...(baseline?.t ?? [])];
  const t0 = Math.min(now - windowMs, ...times);
  const t1 = now;
  const threshold = thresholdOf(rule);
  const values = [...finite(canary), ...finite(baseline), ...(threshold === null ? [] : [threshold])];
  const vMax = values.length === 0 ? 1 : Math.max(...values);
  const vMin = Math.min(0, ...values);
  const top = vMax === vMin ? vMin + 1 : vMax + (vMax - vMin) * 0.1;
  const x = linearScale(t0, t1, PAD.left, WIDTH - PAD.right);
  const y = linearScale(vMin, top, HEIGHT - PAD.bottom, PAD.top);
  const plotTop = PAD.top;
  const plotHeight = HEIGHT - PAD.bottom - PAD.top;
  const parts: string[] = [];

  parts.push(
    `<rect class="window" data-window-start="${now - windowMs}" data-window-end="${now}" x="${px(x(now - windowMs))}" y="${plotTop}" width="${px(x(now) - x(now - windowMs))}" height="${plotHeight}"><title>window ${escapeHtml(reason?.window ?? '')}</title></rect>`,
  );
  const since = reason?.since ?? null;
  if (forMs !== null && since !== null) {
    // The `for` span of a breaching run: from its first breaching sample, as long as the rule needs it to last.
    const start = since;
    const end = Math.min(start + forMs, t1);
    parts.push(
      `<rect class="for" data-for-start="${start}" data-for-end="${start + forMs}" x="${px(x(start))}" y="${plotTop}" width="${px(Math.max(0, x(end) - x(start)))}" height="${plotHeight}"><title>for ${escapeHtml(String(rule.kind === 'threshold' || rule.kind === 'baseline_ratio' ? rule.for : ''))}</title></rect>`,
    );
  }
  for (const v of ticks(vMin, top, 4)) {
    parts.push(
      `<line class="grid" x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${px(y(v))}" y2="${px(y(v))}"/><text class="axis" x="${PAD.left - 6}" y="${px(y(v) + 4)}" text-anchor="end">${escapeHtml(shortNumber(v))}</text>`,
    );
  }
  parts.push(timeAxis(t0, t1, x, HEIGHT - 8));
  if (threshold !== null) {
    parts.push(
      `<line class="threshold" data-threshold="${threshold}" x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${px(y(threshold))}" y2="${px(y(threshold))}"><title>threshold ${escapeHtml(`${rule.kind === 'threshold' ? rule.op : ''} ${shortNumber(threshold)}`)}</title></line>`,
    );
  }
  if (baseline !== null) parts.push(polyline(baseline, x, y, 'series baseline'));
  parts.push(polyline(canary, x, y, 'series canary'));
  if (reason?.status === 'breach') {
    const at = since ?? now;
    const bx = px(x(at));
    parts.push(
      `<g class="breach" data-breach-at="${at}" data-breach-x="${bx}"><line x1="${bx}" x2="${bx}" y1="${plotTop}" y2="${plotTop + plotHeight}"/><text x="${bx}" y="${plotTop + 10}" dx="4">breach ${clockTime(at)}</text></g>`,
    );
  }
  parts.push(
    `<line class="now" x1="${px(x(now))}" x2="${px(x(now))}" y1="${plotTop}" y2="${plotTop + plotHeight}"/>`,
  );
  return `<svg class="chart" role="img" aria-label="${escapeHtml(`${rule.id}: ${rule.metric}`)}" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" data-t0="${t0}" data-t1="${t1}" data-x0="${PAD.left}" data-x1="${WIDTH - PAD.right}">${parts.join('')}</svg>`;
}
