// Shared by tests only (not exported, not bundled): every secret form the redactor must hide, as a probe's error
// text would carry it, with the fragments that must never appear in any output and a piece of context that must
// survive (so a test also sees the message was not simply wiped). The adapters' end-to-end table reuses it.

/** One secret form. */
export interface SecretForm {
  /** What the form is. */
  readonly name: string;
  /** The error text a probe fails with. */
  readonly text: string;
  /** Fragments that must appear in no output. */
  readonly leaks: readonly string[];
  /** Text that must survive redaction (triage context), when the form has some. */
  readonly keeps?: string;
}

/** The forms: the 20 of the hostile-input run and the prefixed token families. */
export const SECRET_FORMS: readonly SecretForm[] = [
  {
    name: 'URL password',
    text: 'connect postgres://app:Sup3rSecretPw@db:5432/orders failed',
    leaks: ['Sup3rSecretPw'],
    keeps: 'postgres://app:***@db:5432/orders',
  },
  {
    name: 'URL password with /',
    text: 'connect postgres://app:pa/ss9w0rdX@db/orders failed',
    leaks: ['ss9w0rdX', 'pa/ss'],
    keeps: '@db/orders',
  },
  {
    name: 'URL password with #',
    text: 'connect redis://:pa#ss9w0rdX@cache:6379/0 failed',
    leaks: ['ss9w0rdX', 'pa#ss'],
    keeps: '@cache:6379/0',
  },
  {
    name: 'URL password with @',
    text: 'connect amqp://guest:p@ss9w0rdX@mq/vhost failed',
    leaks: ['ss9w0rdX'],
    keeps: 'amqp://guest:***@mq/vhost',
  },
  {
    name: 'password=',
    text: 'auth failed: password=hunter2xyz rejected',
    leaks: ['hunter2xyz'],
    keeps: 'rejected',
  },
  {
    name: "password 'x'",
    text: "login with password 'correct horse battery' failed",
    leaks: ['correct', 'horse', 'battery'],
    keeps: 'failed',
  },
  {
    name: 'password "x"',
    text: 'login with password "correct horse battery" failed',
    leaks: ['correct', 'horse', 'battery'],
    keeps: 'failed',
  },
  {
    name: 'JSON password with spaces',
    text: 'bad config {"password":"correct horse battery","user":"app"}',
    leaks: ['correct', 'horse', 'battery'],
    keeps: '"user":"app"',
  },
  {
    name: 'YAML password',
    text: "config: { password: 'correct horse battery' }",
    leaks: ['correct', 'horse', 'battery'],
  },
  {
    name: 'query api_key',
    text: 'GET https://api.example.com/v1?api_key=abc123SECRETxyz&page=2 failed',
    leaks: ['abc123SECRETxyz'],
    keeps: 'page=2',
  },
  {
    name: 'Authorization header',
    text: 'upstream said 401 to Authorization: Bearer abcDEF123456ghiJKL',
    leaks: ['abcDEF123456ghiJKL'],
  },
  { name: 'bare bearer', text: 'sent Bearer abcDEF123456ghiJKL upstream', leaks: ['abcDEF123456ghiJKL'] },
  {
    name: 'Slack webhook URL',
    text: 'POST https://hooks.slack.com/services/T0A1B2C3D/B0A1B2C3D/AbCdEfGhIjKlMnOpQrStUvWx answered 500',
    leaks: ['T0A1B2C3D', 'B0A1B2C3D', 'AbCdEfGhIjKlMnOpQrStUvWx'],
    keeps: 'hooks.slack.com',
  },
  {
    name: 'Discord webhook URL',
    text: 'POST https://discord.com/api/webhooks/123456789012345678/AbCdEf-GhIjKl_MnOpQr failed',
    leaks: ['123456789012345678', 'AbCdEf-GhIjKl_MnOpQr'],
  },
  {
    name: 'OpenAI project key',
    text: 'openai said 401 for sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcdef',
    leaks: ['AbCdEfGhIjKlMnOpQrStUvWxYz0123456789'],
  },
  {
    name: 'Anthropic key',
    text: 'key sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789 rejected',
    leaks: ['AbCdEfGhIjKlMnOpQrStUvWxYz0123456789'],
  },
  {
    name: 'GitLab token',
    text: 'gitlab 401 with glpat-AbCdEfGhIj0123456789 token',
    leaks: ['AbCdEfGhIj0123456789'],
  },
  {
    name: 'GitHub token',
    text: 'github 401 with ghp_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789',
    leaks: ['AbCdEfGhIjKlMnOpQrStUvWxYz0123456789'],
  },
  {
    name: 'GitHub fine-grained token',
    text: 'github 401 with github_pat_11AbCdEfGhIjKlMnOpQrSt_UvWxYz0123456789',
    leaks: ['11AbCdEfGhIjKlMnOpQrSt'],
  },
  {
    name: 'Stripe test key',
    text: 'stripe 401 for sk_test_51HxAbCdEfGhIjKlMnOpQr',
    leaks: ['51HxAbCdEfGhIjKlMnOpQr'],
  },
  {
    name: 'Stripe live key',
    text: 'stripe 401 for sk_live_51HxAbCdEfGhIjKlMnOpQr',
    leaks: ['51HxAbCdEfGhIjKlMnOpQr'],
  },
  {
    name: 'Stripe restricted key',
    text: 'stripe 401 for rk_live_51HxAbCdEfGhIjKlMnOpQr',
    leaks: ['51HxAbCdEfGhIjKlMnOpQr'],
  },
  {
    name: 'Slack bot token',
    text: 'slack said invalid_auth for xoxb-123456789012-123456789012-AbCdEfGhIjKlMnOpQrStUvWx',
    leaks: ['AbCdEfGhIjKlMnOpQrStUvWx'],
  },
  {
    name: 'Google API key',
    text: 'maps 403 for AIzaSyAbCdEfGhIjKlMnOpQrStUvWxYz0123456',
    leaks: ['SyAbCdEfGhIjKlMnOpQrStUvWxYz0123456'],
  },
  {
    name: 'npm token',
    text: 'npm 401 for npm_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789',
    leaks: ['AbCdEfGhIjKlMnOpQrStUvWxYz0123456789'],
  },
  {
    name: 'Azure SAS sig=',
    text: 'GET https://acct.blob.core.windows.net/c/b?sv=2021-08-06&sig=AbCdEf%2BGhIj%3D&se=2026 answered 403',
    leaks: ['AbCdEf%2BGhIj'],
    keeps: 'sv=2021-08-06',
  },
  {
    name: 'S3 presigned X-Amz-Signature=',
    text: 'GET https://b.s3.amazonaws.com/k?X-Amz-Expires=60&X-Amz-Signature=0123abcdef4567abcdef89&x=1 answered 403',
    leaks: ['0123abcdef4567abcdef89'],
    keeps: 'X-Amz-Expires=60',
  },
  {
    name: 'signature=',
    text: 'GET https://cdn.example.com/f?expires=1&signature=AbCdEf0123456789xyz answered 403',
    leaks: ['AbCdEf0123456789xyz'],
    keeps: 'expires=1',
  },
  {
    name: 'JWT',
    text: 'jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U expired',
    leaks: ['eyJzdWIiOiIxMjM0NTY3ODkwIn0', 'dozjgNryP4J3jVmNHl0w5N'],
  },
  { name: 'AWS access key id', text: 'key AKIAIOSFODNN7EXAMPLE denied', leaks: ['AKIAIOSFODNN7EXAMPLE'] },
  {
    name: 'AWS secret access key',
    text: 'aws secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY in env',
    leaks: ['wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'],
  },
  {
    name: 'PEM private key',
    text: 'loaded -----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY----- ok',
    leaks: ['MIIEowIBAAKCAQEA'],
  },
];

/** An exact secret registered with `secrets` / `addSecret()`: no pattern could know it is one. */
export const EXACT_SECRET = 'plain-Looking-Value-42';
