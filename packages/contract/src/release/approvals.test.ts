import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { GatePolicy } from '../documents/gate.js';
import { appendApproval, detectFormatting } from './approvals.js';

const runbook = readFileSync(
  new URL('../../fixtures/v1.0.0/release-manifest/valid/runbook-example.json', import.meta.url),
  'utf8',
);
const sre = { role: 'sre', actor: 'bob', timestamp: '2025-10-02T15:00:00Z' };
const policy: GatePolicy = { policies: {}, approvals: { production: ['change-board', 'sre'] } };

describe('appendApproval', () => {
  it('appends after the last approval and changes nothing else in the text', () => {
    const result = appendApproval(runbook, { ...sre, reason: 'on call this week' });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.value.added).toBe(true);
    const [head, tail] = runbook.split(
      '{"role": "change-board", "actor": "alice", "timestamp": "2025-10-02T14:30:00Z"}',
    );
    expect(
      result.value.text.startsWith(
        `${head}{"role": "change-board", "actor": "alice", "timestamp": "2025-10-02T14:30:00Z"}`,
      ),
    ).toBe(true);
    expect(result.value.text.endsWith(tail as string)).toBe(true);
    expect(JSON.parse(result.value.text).approvals).toEqual([
      { role: 'change-board', actor: 'alice', timestamp: '2025-10-02T14:30:00Z' },
      { role: 'sre', actor: 'bob', timestamp: '2025-10-02T15:00:00Z', reason: 'on call this week' },
    ]);
  });

  it('keeps key order and a four-space or tab indentation', () => {
    const doc = JSON.parse(runbook);
    for (const indent of ['    ', '\t']) {
      const text = `${JSON.stringify(doc, null, indent)}\n`;
      const result = appendApproval(text, sre);
      if (!result.ok) throw new Error(JSON.stringify(result.issues));
      const expected = JSON.stringify({ ...doc, approvals: [...doc.approvals, sre] }, null, indent);
      expect(result.value.text).toBe(`${expected}\n`);
    }
  });

  it('appends to an empty approvals array', () => {
    const doc = { ...JSON.parse(runbook), approvals: [] };
    const result = appendApproval(JSON.stringify(doc, null, 2), sre);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.value.text).toBe(JSON.stringify({ ...doc, approvals: [sre] }, null, 2));
  });

  it('treats the same role and actor twice as a no-op', () => {
    const again = appendApproval(runbook, {
      role: 'change-board',
      actor: 'alice',
      timestamp: '2025-10-03T09:00:00Z',
    });
    expect(again).toMatchObject({ ok: true, value: { added: false, text: runbook } });
  });

  it('with a policy, refuses a role the environment roster does not list, and an environment without a roster', () => {
    expect(appendApproval(runbook, { ...sre, role: 'intern' }, { policy })).toMatchObject({
      ok: false,
      issues: [{ code: 'role_not_on_roster', path: 'approvals' }],
    });
    expect(
      appendApproval(runbook, sre, { policy: { policies: {}, approvals: { staging: ['sre'] } } }),
    ).toMatchObject({
      ok: false,
      issues: [{ code: 'no_roster', path: 'metadata.environment' }],
    });
    expect(appendApproval(runbook, sre, { policy }).ok).toBe(true);
  });

  it('returns issues for text that is not JSON, a manifest that is invalid, and an invalid approval', () => {
    expect(appendApproval('{"release":', sre)).toMatchObject({ ok: false, issues: [{ code: 'not_json' }] });
    expect(appendApproval('{"release": "x"}', sre).ok).toBe(false);
    const bad = appendApproval(runbook, { ...sre, timestamp: 'yesterday' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues.map((i) => i.path)).toContain('approvals[1].timestamp');
  });
});

describe('detectFormatting', () => {
  it('reads spaces, tabs and CRLF line ends', () => {
    expect(detectFormatting('{\r\n   "a": 1\r\n}')).toEqual({ insertSpaces: true, tabSize: 3, eol: '\r\n' });
    expect(detectFormatting('{\n\t"a": 1\n}')).toEqual({ insertSpaces: false, tabSize: 1, eol: '\n' });
    expect(detectFormatting('{"a": 1}')).toEqual({ insertSpaces: true, tabSize: 2, eol: '\n' });
  });
});
