// The built-in secret patterns, in the order they run. Linear time is a rule here, not a hope: irregexp
// backtracks, so a pattern is only allowed (a) quantifiers with a small fixed bound, or (b) an unbounded run that
// ends the pattern (nothing after it can fail and send the engine back), or (c) an unbounded run that starts only
// where a run of its class begins (a lookbehind refuses a preceding class character), so no start position inside
// a run re-reads it. Each pattern therefore does bounded work per character, and redaction.bench.mjs measures it.

/** Replacement written where a secret was. */
export const REDACTED = '***';

/** A pattern and its replacement. */
export type RedactionRule = readonly [
  pattern: RegExp,
  replace: string | ((match: string, ...groups: string[]) => string),
];

// Key names whose value is a secret. Matched anywhere in a word, so `client_secret`, `X-Amz-Signature`,
// `db.password` and `AccountKey` are covered; a little over-redaction is the price of not missing one.
const SECRET_KEYS = [
  'password',
  'passwd',
  'pwd',
  'passphrase',
  'secret',
  'token',
  'api[_-]?key',
  'apikey',
  'access[_-]?key',
  'account[_-]?key',
  'private[_-]?key',
  'credentials?',
  'auth[_-]?key',
  'session[_-]?id',
  'cookie',
  'signature',
].join('|');

// A key, then anything word-like up to 32 characters (`password_confirmation`), then an optional closing quote of
// a JSON/YAML key.
const KEY = `((?:${SECRET_KEYS})[\\w.-]{0,32}["']?`;

// Prefixed token formats, a census of gitleaks' rules (config/gitleaks.toml) keeping the ones whose prefix alone
// identifies the issuer. Each is anchored at the start of a token and may run on: the trailing run is eaten whole.
const TOKEN_FORMATS = [
  'gh[pousr]_[A-Za-z0-9]{30,}', // GitHub personal, OAuth, user-to-server, server-to-server, refresh
  'github_pat_[A-Za-z0-9_]{22,}', // GitHub fine-grained
  'gl(?:pat|dt|ptt|rt|cbt|imt|ft|soat|oas|agent)-[A-Za-z0-9_-]{20,}', // GitLab
  'GR1348941[A-Za-z0-9_-]{20,}', // GitLab runner registration
  'xox[abposr]-[A-Za-z0-9-]{10,}', // Slack bot, user, app-level tokens
  'xapp-[A-Za-z0-9-]{10,}', // Slack app-level
  '(?:sk|rk)_(?:test|live|prod)_[A-Za-z0-9]{10,}', // Stripe secret and restricted keys
  'whsec_[A-Za-z0-9]{20,}', // Stripe webhook signing secret
  'sk-(?:proj|svcacct|admin|None)-[A-Za-z0-9_-]{20,}', // OpenAI project, service-account, admin keys
  'sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}', // OpenAI legacy
  'sk-ant-(?:api|admin)\\d{2}-[A-Za-z0-9_-]{20,}', // Anthropic
  'AIza[A-Za-z0-9_-]{35}', // Google API key
  'ya29\\.[A-Za-z0-9_-]{20,}', // Google OAuth access token
  'GOCSPX-[A-Za-z0-9_-]{20,}', // Google OAuth client secret
  'npm_[A-Za-z0-9]{36}', // npm
  'pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{20,}', // PyPI
  'SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}', // SendGrid
  'SK[0-9a-fA-F]{32}', // Twilio
  'shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}', // Shopify
  'do[opr]_v1_[a-f0-9]{64}', // DigitalOcean
  'hf_[A-Za-z0-9]{30,}', // Hugging Face
  'hv[sb]\\.[A-Za-z0-9_-]{24,}', // HashiCorp Vault service and batch tokens
  'glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}', // Grafana service account
  'glc_[A-Za-z0-9+/]{32,}={0,2}', // Grafana Cloud
  'sntr[ysu]_[A-Za-z0-9+/=_]{30,}', // Sentry
  'NRAK-[A-Z0-9]{27}', // New Relic user key
  'dapi[a-f0-9]{32}', // Databricks
  'PMAK-[a-f0-9]{24}-[a-f0-9]{34}', // Postman
  'key-[a-f0-9]{32}', // Mailgun
  'dp\\.(?:pt|st|ct|sa|scim|audit)\\.[A-Za-z0-9]{40,}', // Doppler
  'lin_api_[A-Za-z0-9]{40}', // Linear
  'pul-[a-f0-9]{40}', // Pulumi
  'AGE-SECRET-KEY-1[0-9A-Z]{58}', // age
  'sq0(?:atp|csp)-[A-Za-z0-9_-]{22,}', // Square
  'EAAA[A-Za-z0-9_-]{60}', // Square access token
  'HRKU-[A-Za-z0-9_-]{60}', // Heroku
  'ATATT3[A-Za-z0-9_=-]{100,}', // Atlassian API token
  'dt0c01\\.[A-Z0-9]{24}\\.[A-Z0-9]{64}', // Dynatrace
  'fo1_[A-Za-z0-9_-]{43}', // Fly.io
  'sbp_[a-f0-9]{40}', // Supabase
  'pscale_(?:tkn|pw|oauth)_[A-Za-z0-9=._-]{32,}', // PlanetScale
  'dckr_pat_[A-Za-z0-9_-]{27,}', // Docker Hub
  'pat[A-Za-z0-9]{14}\\.[a-f0-9]{64}', // Airtable
  'bkua_[a-z0-9]{40}', // Buildkite
  'r8_[A-Za-z0-9]{37}', // Replicate
  'gsk_[A-Za-z0-9]{52}', // Groq
  'xai-[A-Za-z0-9]{80}', // xAI
  'ntn_[0-9]{11}[A-Za-z0-9]{35}', // Notion
  'secret_[A-Za-z0-9]{43}', // Notion (legacy)
  'lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}', // LangSmith
  '\\d{8,10}:AA[A-Za-z0-9_-]{33}', // Telegram bot
].join('|');

const TOKEN_CHAR = 'A-Za-z0-9_\\-';

/** Built-in rules, applied in order. Each keeps enough context (scheme, user, key name, host) to triage. */
export const BUILT_IN_RULES: readonly RedactionRule[] = [
  // PEM private keys, whole block (to the end of the text when the END line was cut off).
  [/-----BEGIN [A-Z ]{0,40}PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]{0,40}PRIVATE KEY-----|$)/g, REDACTED],
  // Incoming-webhook URLs are credentials in their path: keep the host, hide the path.
  [
    /\b((?:hooks\.slack\.com\/(?:services|workflows|triggers)|discord(?:app)?\.com\/api\/webhooks|outlook\.office\.com\/webhook)\/)[A-Za-z0-9/_@.+-]{1,512}/gi,
    `$1${REDACTED}`,
  ],
  // Credentials in URLs: scheme://user:password@host → scheme://user:***@host (user may be empty, as in
  // redis://:pw@host). The password runs to the last `@` before whitespace, so `p@ss`, `pa/ss` and `pa#ss` are
  // covered; `host:8080/…@…` is a port, not a password. The password stops at the next `://`, so each attempt
  // reads only its own URL: text packed with schemes costs one pass, not one pass per scheme.
  [
    /(?<![a-z0-9+.-])([a-z][a-z0-9+.-]{0,31}:\/\/)([^\s:/?#@]{0,128}):(?!\d{1,5}(?:[/?#\s]|$))((?:(?!:\/\/)\S){1,256})@/gi,
    `$1$2:${REDACTED}@`,
  ],
  // Authorization headers, with or without a scheme word: keep the scheme, hide the credential.
  [
    /\b((?:proxy-)?authorization["']?\s{0,8}[:=]\s{0,8}["']?)(?:(bearer|basic|digest|token|negotiate|aws4-hmac-sha256)\s{1,8})?[^\s"',;]+/gi,
    (_m, head: string, scheme: string | undefined) => `${head}${scheme ? `${scheme} ` : ''}${REDACTED}`,
  ],
  // Bare bearer / basic credentials anywhere else.
  [/\b(bearer|basic)\s{1,8}[A-Za-z0-9\-._~+/]{8,}=*/gi, `$1 ${REDACTED}`],
  // A quoted value after a secret key, spaces and all: `password 'x y'`, `password: "x y"`, `{"password":"x y"}`.
  // An unclosed quote hides up to 1024 characters.
  [
    new RegExp(
      `${KEY}(?:\\s{0,8}[=:]\\s{0,8}|\\s{1,8}))(?:"(?:[^"\\\\\\n]|\\\\.){0,1024}"?|'(?:[^'\\\\\\n]|\\\\.){0,1024}'?)`,
      'gi',
    ),
    (match: string, head: string) => {
      const quote = match.charAt(head.length);
      return `${head}${quote}${REDACTED}${match.endsWith(quote) && match.length > head.length + 1 ? quote : ''}`;
    },
  ],
  // key=value and key: value pairs, query strings and JSON included (password=, token=, "secret":…).
  [new RegExp(`${KEY}\\s{0,8}[=:]\\s{0,8}["']?)([^\\s"'&;,)}\\]]+)`, 'gi'), `$1${REDACTED}`],
  // Signed-URL signatures: Azure SAS `sig=` (the longer `signature` and `X-Amz-Signature` are keys above).
  [/([?&;]sig=)[^&\s#"']+/gi, `$1${REDACTED}`],
  // JSON Web Tokens.
  [/(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, REDACTED],
  // AWS access key ids (AKIA… long-term, ASIA… temporary, and the other documented prefixes).
  [/\b(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|APKA|AROA|ASCA)[A-Z0-9]{16}\b/g, REDACTED],
  // AWS secret access keys: a run of exactly 40 base64 characters mixing cases with a digit or `/`/`+`, which
  // keeps 40-character hex digests (git SHAs) and plain words out. The mix is checked on the match rather than
  // with lookaheads, which would re-scan the run from every position.
  [
    /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g,
    (match: string) =>
      /[A-Z]/.test(match) && /[a-z]/.test(match) && /[0-9/+]/.test(match) ? REDACTED : match,
  ],
  // Well-known prefixed tokens.
  [new RegExp(`(?<![${TOKEN_CHAR}])(?:${TOKEN_FORMATS})[${TOKEN_CHAR}]*`, 'g'), REDACTED],
];
