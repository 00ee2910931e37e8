// Which cost category a profiled function belongs to, for readyz-profile.mjs. One ordered table, first match
// wins. `source` is matched against the function's original source (rollgate's dist files are mapped back to
// packages/<pkg>/src/*.ts through their source maps; other files are their real path, Node internals `node:…`),
// `fn` against its function name. Frames without a script (V8 builtins, C++ bindings such as JSON.stringify or
// writev) are not in RULES: their time is charged to the nearest caller that has one, so "body" includes the
// JSON.stringify it calls; the socket write syscalls alone (NATIVE_RULES) have a category of their own, since
// they are mostly kernel time that a busy machine stretches.

/** The categories in display order. */
export const CATEGORIES = [
  'route match',
  'query/header parse',
  'span/tracing',
  'metrics',
  'header objects',
  'body/serialisation',
  'readyz handler',
  'engine check',
  'app route (bench)',
  'framework core',
  'node http/net',
  'socket write (syscall)',
  'GC',
  'V8 (program)',
  'idle',
  'other',
];

/** The rules: [category, { source?, fn? }]; both given means both must match. */
export const RULES = [
  // V8's pseudo-frames.
  ['GC', { fn: /^\(garbage collector\)$/ }],
  ['idle', { fn: /^\(idle\)$/ }],
  ['V8 (program)', { fn: /^\(program\)$/ }],

  // rollgate, by source file (after source maps).
  ['route match', { source: /packages\/readyz\/src\/(routes|probe-name)\.ts$/ }],
  ['header objects', { source: /packages\/readyz\/src\/limits\.ts$/, fn: /byteLength/ }],
  ['route match', { source: /packages\/readyz\/src\/limits\.ts$/ }], // path length / control characters
  ['query/header parse', { source: /packages\/readyz\/src\/(query|headers)\.ts$/ }],
  ['span/tracing', { source: /packages\/readyz\/src\/tracing\.ts$/ }],
  ['span/tracing', { source: /packages\/core\/src\/(tracing\/|probe\/telemetry\.ts$)/ }],
  ['metrics', { source: /packages\/readyz\/src\/metrics\// }],
  ['header objects', { source: /packages\/readyz\/src\/response\.ts$/ }],
  ['body/serialisation', { source: /packages\/readyz\/src\/render\// }],
  ['readyz handler', { source: /packages\/(readyz|adapters)\/src\// }],
  ['engine check', { source: /packages\/(core|contract)\/src\// }],
  ['other', { source: /packages\/[^/]+\/dist\// }], // a dist file whose source map did not resolve

  // Third-party libraries, by package.
  ['span/tracing', { source: /node_modules\/@opentelemetry\// }],
  ['metrics', { source: /node_modules\/(prom-client|tdigest|bintrees)\// }],
  ['route match', { source: /node_modules\/(find-my-way|router|path-to-regexp)\// }],
  [
    'query/header parse',
    { source: /node_modules\/(fast-querystring|qs|parseurl|fast-decode-uri-component)\// },
  ],
  [
    'body/serialisation',
    { source: /node_modules\/(fast-json-stringify|@fastify\/fast-json-stringify-compiler)\// },
  ],
  [
    'body/serialisation',
    { source: /node_modules\/(fastify|express)\//, fn: /serializ|stringify|json|send$/i },
  ],
  ['header objects', { source: /node_modules\/(fastify|express)\//, fn: /header/i }],
  ['framework core', { source: /node_modules\// }],

  // The benchmark's own servers (the bare routes' handlers, IPC).
  ['app route (bench)', { source: /(^|\/)bench\/lib\// }],

  // Node internals: header handling is split out so it lines up with rollgate's header objects.
  ['query/header parse', { source: /^node:(querystring|url|internal\/url)/ }],
  ['header objects', { source: /^node:_http_outgoing$/, fn: /header/i }],
  ['node http/net', { source: /^node:/ }],
];

/** Frames without a script that keep a category of their own instead of their caller's. */
export const NATIVE_RULES = [
  ['socket write (syscall)', /^(writev|writeBuffer|write(Utf8|Latin1|Ucs2|Ascii)String)$/],
];

/** The category of a script-less frame named `fn`, or undefined to charge it to its caller. */
export function nativeCategoryOf(fn) {
  return NATIVE_RULES.find(([, pattern]) => pattern.test(fn))?.[0];
}

/** The category of a frame with an original `source` and function name `fn`. */
export function categoryOf(source, fn) {
  for (const [category, rule] of RULES) {
    if (rule.source && !rule.source.test(source)) continue;
    if (rule.fn && !rule.fn.test(fn)) continue;
    return category;
  }
  return 'other';
}
