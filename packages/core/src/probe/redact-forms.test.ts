// Every secret form of the table, through the redactor alone; redaction-outputs.test.ts carries the same table
// through every output of a health, and the adapters' smoke test over real sockets.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRedactor, REDACTION_SCAN_LIMIT } from './redact.js';
import { SECRET_FORMS } from './secret-forms.js';

const redact = createRedactor({ maxLength: 4096 });

describe('the redactor hides every secret form', () => {
  it.each(SECRET_FORMS.map((form) => [form.name, form] as const))('%s', (_name, form) => {
    const out = redact(form.text);
    for (const leak of form.leaks) expect(out).not.toContain(leak);
    expect(out).toContain('***');
    if (form.keeps !== undefined) expect(out).toContain(form.keeps);
  });

  it.each([
    'password authentication failed for user "app"',
    'connect ECONNREFUSED 127.0.0.1:5432',
    'GET https://payments.internal:8080/health/ready@v2 answered 503',
    'commit 0123456789abcdef0123456789abcdef01234567 not found',
    'signal aborted: timeout after 300ms',
    'skipping sk-learn and glpat docs',
    'the sig of the day',
  ])('leaves %j alone', (text) => {
    expect(redact(text)).toBe(text);
  });

  it('hides a quoted value whose closing quote was cut off, to the end', () => {
    expect(redact('{"password":"correct horse battery')).toBe('{"password":"***');
  });

  it('keeps escaped quotes inside a JSON value hidden', () => {
    const out = redact('{"password":"a\\"b c d","user":"app"}');
    expect(out).toBe('{"password":"***","user":"app"}');
  });

  it('never throws, whatever the text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), (text) => {
        expect(typeof redact(text)).toBe('string');
      }),
      { numRuns: 500 },
    );
  });

  it('finishes adversarial texts of the scan limit (a regression guard for the patterns, not a timing)', () => {
    for (const unit of ['a.', 'eyJ-', 'password "', 'a://b:', 'sk-proj-', 'Ab1+', '-----BEGIN ']) {
      const text = unit.repeat(Math.ceil(REDACTION_SCAN_LIMIT / unit.length));
      expect(typeof redact(text)).toBe('string');
    }
  });
});
