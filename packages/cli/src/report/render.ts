// renderReport: one self-contained HTML page for an incident review (inline CSS and SVG, no scripts, no fonts
// or images from anywhere): the decision, the timeline of decisions with the canary's weight steps, and per rule
// its series against its threshold with the window, the `for` span and the breach marked.
import { formatTimestamp } from '@rollgate/contract/time';
import { ACTION_COLOURS } from './colours.js';
import { renderRuleChart } from './rule-chart.js';
import { metricPoints } from './series.js';
import { escapeHtml, shortNumber } from './svg.js';
import { renderTimeline } from './timeline.js';
import type { ReportInput } from './types.js';

export type { ReportInput, ReportTimelinePoint, ReportWeightStep } from './types.js';

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2328;margin:24px auto;max-width:820px;padding:0 16px}
h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:28px 0 4px}
.badge{display:inline-block;color:#fff;border-radius:4px;padding:2px 8px;font-weight:600;text-transform:uppercase}
.meta{color:#59636e;font-size:12px}.summary{margin:8px 0 0}
.rule{border:1px solid #d1d9e0;border-radius:6px;padding:12px;margin:16px 0}
.rule h3{font-size:15px;margin:0}.rule p{margin:4px 0 8px}
svg{display:block;max-width:100%;height:auto}
.window{fill:#0969da;fill-opacity:.07}.for{fill:#cf222e;fill-opacity:.12}
.grid{stroke:#eaeef2}.axis{fill:#59636e;font-size:11px}
.series{fill:none;stroke-width:1.8}.canary{stroke:#0969da}.baseline{stroke:#8c959f;stroke-dasharray:4 3}
.threshold{stroke:#cf222e;stroke-dasharray:6 4}.now{stroke:#1f2328;stroke-opacity:.4}
.breach line{stroke:#cf222e;stroke-width:2}.breach text{fill:#cf222e;font-size:11px;font-weight:600}
.weights{fill:none;stroke:#1f2328;stroke-width:1.5}.weight{font-size:10px;fill:#1f2328}
.legend span{margin-right:12px;font-size:12px}.legend i{display:inline-block;width:10px;height:10px;margin-right:4px;vertical-align:middle}
table{border-collapse:collapse;font-size:12px}td{padding:1px 10px 1px 0;vertical-align:top}`;

function legend(): string {
  return `<div class="legend">${Object.entries(ACTION_COLOURS)
    .map(([action, colour]) => `<span><i style="background:${colour}"></i>${action}</span>`)
    .join('')}</div>`;
}

/** The report as one HTML document. */
export function renderReport(input: ReportInput): string {
  const { rules, series, decision } = input;
  const now = decision.evaluatedAt ?? Date.now();
  const title = input.title ?? rules.name ?? 'rollback analysis';
  const colour = ACTION_COLOURS[decision.action];
  const sections: string[] = [];
  const timeline = [...(input.timeline ?? [])].filter((p) => p.t < now);
  timeline.push({ t: now, action: decision.action });
  const steps = input.canary?.steps ?? [];
  sections.push(
    `<h2>Decision timeline</h2>${renderTimeline(timeline, steps)}${legend()}${steps.length > 0 ? '<p class="meta">The black step line is the canary\'s traffic weight.</p>' : ''}`,
  );
  for (const rule of rules.rules) {
    const reason = decision.reasons.find((r) => r.rule === rule.id);
    const { canary, baseline } = metricPoints(series, rule.metric);
    const observed = reason?.observed === null || reason === undefined ? '—' : shortNumber(reason.observed);
    const threshold =
      reason?.threshold === null || reason === undefined
        ? '—'
        : `${reason.op ?? ''} ${shortNumber(reason.threshold)}`;
    const errors = [canary.error, baseline?.error]
      .filter((e): e is string => typeof e === 'string')
      .map((e) => `<p class="meta">provider error: ${escapeHtml(e)}</p>`)
      .join('');
    sections.push(
      `<section class="rule" data-rule="${escapeHtml(rule.id)}" data-status="${escapeHtml(reason?.status ?? 'unknown')}">` +
        `<h3>${escapeHtml(rule.id)} <span class="meta">${escapeHtml(rule.kind)} on ${escapeHtml(rule.metric)}</span></h3>` +
        `<p><b>${escapeHtml(reason?.status ?? 'not evaluated')}</b>${reason?.verdict ? ` → ${escapeHtml(reason.verdict)}` : ''}: ${escapeHtml(reason?.message ?? '')}</p>` +
        `<table><tr><td>observed</td><td>${escapeHtml(observed)}</td><td>threshold</td><td>${escapeHtml(threshold)}</td><td>window</td><td>${escapeHtml(reason?.window ?? '—')}</td><td>samples</td><td>${reason?.samples ?? 0}</td></tr></table>` +
        errors +
        renderRuleChart({ rule, reason, canary, baseline, now }) +
        `</section>`,
    );
  }
  const issues =
    decision.issues.length === 0
      ? ''
      : `<h2>Input issues</h2><ul>${decision.issues.map((i) => `<li><code>${escapeHtml(i.path)}</code> ${escapeHtml(i.message)}</li>`).join('')}</ul>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(`${decision.action}: ${title}`)}</title><style>${STYLE}</style></head>
<body data-decision="${decision.action}" data-evaluated-at="${now}">
<h1>${escapeHtml(title)}</h1>
<div><span class="badge" style="background:${colour}">${decision.action}</span> <span class="meta">at ${escapeHtml(formatTimestamp(now))}${input.source ? ` · samples from ${escapeHtml(input.source)}` : ''}</span></div>
<p class="meta">input ${escapeHtml(decision.inputHash ?? '—')}</p>
<p class="summary">${escapeHtml(decision.summary)}</p>
${sections.join('\n')}
${issues}
<p class="meta">Blue band: the rule's window. Red band: its <code>for</code> duration. Red line: where the breach began.</p>
</body></html>
`;
}
