import { readFile } from 'node:fs/promises';
import { loadContract } from '@rollgate/contract/files';
import { evaluateRollback, type SeriesInput } from '@rollgate/core/rules';
import { describe, expect, it } from 'vitest';
import { DOCUMENTS, INPUTS } from '../testing/paths.js';
import { renderReport } from './render.js';

const rules = await loadContract('rollback-rules', `${DOCUMENTS}rollback_rules.yaml`);
if (!rules.ok) throw new Error(JSON.stringify(rules.issues));
const series = JSON.parse(await readFile(`${INPUTS}canary_samples.json`, 'utf8')) as SeriesInput;
const at = (time: string) => Date.parse(`2025-10-02T${time}Z`);

describe('renderReport', () => {
  it('marks where a breaching rule began, and shades its window and for', () => {
    const decision = evaluateRollback({ rules: rules.value, series, now: at('12:14:00') });
    const html = renderReport({ rules: rules.value, series, decision });
    const section = html.slice(
      html.indexOf('data-rule="error-rate"'),
      html.indexOf('data-rule="p95-vs-baseline"'),
    );
    expect(section).toContain(`data-breach-at="${at('12:12:00')}"`);
    expect(section).toContain(`data-for-start="${at('12:12:00')}" data-for-end="${at('12:14:00')}"`);
    expect(section).toContain(`data-window-start="${at('12:12:00')}" data-window-end="${at('12:14:00')}"`);
    expect(section).toContain('data-threshold="0.02"');
    // Passing rules carry no breach marker.
    expect(html.match(/data-breach-at=/g)).toHaveLength(1);
  });

  it('draws canary and baseline for a compared metric, and nothing after now', () => {
    const decision = evaluateRollback({ rules: rules.value, series, now: at('12:05:00') });
    const html = renderReport({ rules: rules.value, series, decision });
    const section = html.slice(
      html.indexOf('data-rule="p95-vs-baseline"'),
      html.indexOf('data-rule="contract-tests"'),
    );
    expect(section).toContain('class="series baseline"');
    expect(section).toContain('class="series canary"');
    expect(html).not.toContain('data-breach-at');
    // 0..5 minutes at 30 s: 11 points per side, none from the 16 minutes recorded after now.
    const canary = section.match(/class="series canary" points="([^"]*)"/)?.[1] ?? '';
    expect(canary.split(' ')).toHaveLength(11);
  });

  it('is self-contained: no script, no external reference, and text is escaped', () => {
    const decision = evaluateRollback({ rules: rules.value, series, now: at('12:14:00') });
    const html = renderReport({
      rules: { ...rules.value, name: '<img src=x onerror=alert(1)>' },
      series,
      decision,
      canary: { steps: [{ t: at('12:00:00'), weight: 10, phase: 'PROGRESSING' }] },
      timeline: [{ t: at('12:13:00'), action: 'continue' }],
    });
    expect(html).not.toMatch(/<script|<link|<img|@import|url\(|\ssrc="|\shref="/i);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('data-weight="10"');
    expect(html).toMatch(/data-action="continue" data-at="\d+"/);
    expect(html).toMatch(/data-action="rollback" data-at="\d+"/);
  });

  it('names a provider error instead of drawing a line', () => {
    const broken: SeriesInput = {
      ...series,
      'http.server.errors.rate': { error: 'query timed out after 10s' },
    };
    const decision = evaluateRollback({ rules: rules.value, series: broken, now: at('12:14:00') });
    const html = renderReport({ rules: rules.value, series: broken, decision });
    expect(html).toContain('provider error: query timed out after 10s');
  });
});
