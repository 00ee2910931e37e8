import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createHealth } from './create-health.js';
import { createRedactor } from './redact.js';
import { createSecretSet, MIN_SECRET_LENGTH, secretForms } from './secrets.js';

const SECRET = 'plain-Looking-Value-42';

function redactorWith(...secrets: string[]) {
  return createRedactor({ secrets: createSecretSet(secrets), maxLength: 4096 });
}

function base64(text: string): string {
  return Buffer.from(text).toString('base64');
}

describe('exact secrets', () => {
  const redact = redactorWith(SECRET);

  it.each([
    ['raw', `upstream rejected ${SECRET} today`],
    ['URL-encoded', `GET /cb?state=${encodeURIComponent('x y')}&v=${encodeURIComponent(`${SECRET}/é`)}`],
    ['form-encoded', `body v=${encodeURIComponent(`${SECRET} é`).replace(/%20/g, '+')}`],
    ['base64', `header ${base64(SECRET)} refused`],
    ['base64url', `token ${base64(SECRET).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`],
    ['inside a Basic credential', `sent ${base64(`app:${SECRET}`)} to the proxy`],
    ['inside a longer base64 blob at offset 2', `blob ${base64(`xy${SECRET}tail-bytes`)}`],
  ])('hides the secret %s', (_form, text) => {
    const out = redact(text);
    expect(out).not.toContain(SECRET);
    expect(out).not.toContain(encodeURIComponent(SECRET));
    for (const form of secretForms(SECRET)) expect(out).not.toContain(form);
    expect(out).toContain('***');
  });

  it('refuses values shorter than MIN_SECRET_LENGTH, in options and addSecret, with a coded error', () => {
    expect(() => createHealth({ service: 's', version: '1', secrets: ['abc'] })).toThrow(
      expect.objectContaining({ code: 'ROLLGATE_ERR_INVALID_OPTION' }),
    );
    const health = createHealth({ service: 's', version: '1' });
    expect(() => health.addSecret('x'.repeat(MIN_SECRET_LENGTH - 1))).toThrow(
      expect.objectContaining({ code: 'ROLLGATE_ERR_INVALID_ARGUMENT' }),
    );
    expect(() => health.addSecret(42 as unknown as string)).toThrow(
      expect.objectContaining({ code: 'ROLLGATE_ERR_INVALID_ARGUMENT' }),
    );
  });

  it('hides values given to createHealth, added later, and registered by a probe', async () => {
    const health = createHealth({ service: 's', version: '1', cacheTtlMs: 0, secrets: ['first-Secret-1'] });
    health.addSecret('second-Secret-2');
    health.register({
      name: 'upstream',
      secrets: ['third-Secret-3'],
      check: () => {
        throw new Error('saw first-Secret-1, second-Secret-2 and third-Secret-3');
      },
    });
    const report = await health.check('readiness');
    expect(report.error).toBe('saw ***, *** and ***');
  });

  it('createRedactor takes plain values too (too-short ones are ignored there)', () => {
    const standalone = createRedactor({ secrets: [SECRET, 'abc'] });
    expect(standalone(`x ${SECRET} abc`)).toBe('x *** abc');
  });

  it('refuses a probe registering a short secret', () => {
    const health = createHealth({ service: 's', version: '1' });
    expect(() => health.register({ name: 'p', check: () => true, secrets: ['pw'] })).toThrow(
      expect.objectContaining({ code: 'ROLLGATE_ERR_INVALID_PROBE' }),
    );
  });
});

describe('exact secrets (property)', () => {
  const secretArb = fc
    .string({ unit: 'grapheme', minLength: MIN_SECRET_LENGTH, maxLength: 40 })
    .filter((s) => !s.includes('*') && s.length >= MIN_SECRET_LENGTH);
  const textArb = fc.string({ unit: 'grapheme', maxLength: 200 });
  const encode = fc.constantFrom<(s: string) => string>(
    (s) => s,
    (s) => encodeURIComponent(s),
    (s) => base64(s),
    (s) => base64(s).replace(/\+/g, '-').replace(/\//g, '_'),
  );

  it('never lets a registered secret out, raw, URL-encoded or base64, whatever text embeds it', () => {
    fc.assert(
      fc.property(secretArb, textArb, textArb, encode, (secret, before, after, form) => {
        const redact = redactorWith(secret);
        const out = redact(`${before}${form(secret)}${after}`);
        expect(out).not.toContain(secret);
        expect(out).not.toContain(encodeURIComponent(secret));
        expect(out).not.toContain(base64(secret));
      }),
      { numRuns: 400 },
    );
  });
});
