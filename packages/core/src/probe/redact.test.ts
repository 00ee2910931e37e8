import { isRollgateError } from '@rollgate/contract/errors';
import { describe, expect, it } from 'vitest';
import { capLength, createRedactor, type RedactorOptions } from './redact.js';

const redact = createRedactor();

describe('the redactor', () => {
  it.each([
    ['postgres://user:s3cret@db/x', 'postgres://user:***@db/x'],
    [
      'connect to postgresql://app:p@ss@db.internal:5432/orders failed',
      'connect to postgresql://app:***@db.internal:5432/orders failed',
    ],
    ['redis://:hunter2@cache:6379/0 refused', 'redis://:***@cache:6379/0 refused'],
    ['amqps://guest:guest@mq/vhost', 'amqps://guest:***@mq/vhost'],
    [
      'GET https://api.example.com/v1?api_key=abc123&page=2 failed',
      'GET https://api.example.com/v1?api_key=***&page=2 failed',
    ],
    ['password=hunter2 rejected', 'password=*** rejected'],
    ['PASSWORD = "hunter2"', 'PASSWORD = "***"'],
    ['{"password":"hunter2","user":"app"}', '{"password":"***","user":"app"}'],
    ['token=abc.def.ghi', 'token=***'],
    ['access_token=ya29.a0AfH6 expired', 'access_token=*** expired'],
    ['client_secret: 9f8e7d', 'client_secret: ***'],
    ['secret=topsecret', 'secret=***'],
    ['apikey=xyz api-key: qwe', 'apikey=*** api-key: ***'],
    ['Authorization: Bearer eyJhbGciOi.payload.sig', 'Authorization: Bearer ***'],
    ['authorization=Basic dXNlcjpwYXNz', 'authorization=Basic ***'],
    ['Authorization: abcdef123456', 'Authorization: ***'],
    ['sent Bearer abcdefghijklmnop to upstream', 'sent Bearer *** to upstream'],
    ['key AKIAIOSFODNN7EXAMPLE denied', 'key *** denied'],
    ['temporary ASIAY34FZKBOKMUTVV7A expired', 'temporary *** expired'],
    ['aws secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY in env', 'aws secret *** in env'],
    ['aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'aws_secret_access_key=***'],
    [
      'jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
      'jwt ***',
    ],
    ['-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY----- loaded', '*** loaded'],
  ])('redacts %j', (input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it.each([
    'timeout after 300ms',
    'PING timeout after 300ms',
    'connect ECONNREFUSED 127.0.0.1:5432',
    'commit 0123456789abcdef0123456789abcdef01234567 not found',
    'https://db.example.com:5432/orders',
    'token expired',
  ])('leaves %j alone', (input) => {
    expect(redact(input)).toBe(input);
  });

  it('applies the host’s patterns to every match, whatever their flags', () => {
    const custom = createRedactor({ patterns: [/tenant-\d+/, /internal\.corp/gi] });
    expect(custom('tenant-1 and tenant-22 on db.INTERNAL.corp')).toBe('*** and *** on db.***');
  });

  it('caps messages at 512 characters by default, after redacting', () => {
    const long = `${'x'.repeat(600)} password=hunter2`;
    const out = redact(`postgres://u:s3cret@db ${long}`);
    expect(out).toHaveLength(512);
    expect(out.endsWith('…')).toBe(true);
    expect(out).not.toContain('s3cret');
    expect(createRedactor({ maxLength: 40 })('a'.repeat(100))).toHaveLength(40);
  });

  it('handles huge input by scanning only its start, which is all the cap could ever show', () => {
    expect(redact(`password=${'a'.repeat(5_000_000)}`)).toBe('password=***');
    expect(redact(`${'b'.repeat(5_000_000)}`)).toHaveLength(512);
  });

  it('never splits a surrogate pair when cutting', () => {
    expect(capLength(`${'a'.repeat(8)}😀😀`, 10)).toBe(`${'a'.repeat(8)}…`);
  });

  it('refuses a misspelt key or a wrong-typed value rather than redacting with defaults', () => {
    const refusal = (options: unknown): unknown => {
      try {
        createRedactor(options as RedactorOptions);
      } catch (error) {
        return error;
      }
      return undefined;
    };
    const misspelt = refusal({ pattrns: [/x/] });
    expect(isRollgateError(misspelt, 'ROLLGATE_ERR_UNKNOWN_OPTION')).toBe(true);
    expect((misspelt as Error).message).toBe(
      'createRedactor: unknown option "pattrns"; did you mean "patterns"?',
    );
    for (const [options, key] of [
      [{ maxLength: '40' }, 'maxLength'],
      [{ maxLength: 0 }, 'maxLength'],
      [{ patterns: ['tenant-1'] }, 'patterns'],
      [{ secrets: 'a-long-enough-secret' }, 'secrets'],
    ] as const) {
      const error = refusal(options);
      expect(isRollgateError(error, 'ROLLGATE_ERR_INVALID_OPTION')).toBe(true);
      expect((error as Error).message).toContain(key);
    }
  });
});
