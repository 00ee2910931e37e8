import { dirname, join } from 'node:path';
import { defineConfig, type Options } from 'tsup';

// The library entry ships ESM + CJS for embedding; the bin is ESM only, and splits so each command's module
// (and zod behind it) loads only when that command runs.
//
// The bin also inlines the workspace packages, zod, yaml and the CLI's small CommonJS dependencies: resolving
// and linking ~120 small files (zod alone is 95 ESM modules, yaml ~60 CommonJS ones) cost more at start-up on
// Node 20 than evaluating them ("CLI start-up" in BENCHMARKS.md). Inlining all the workspace packages, not only
// the contract, keeps one copy of each in the process (one zod, one RollgateError class for instanceof).
// prom-client, @opentelemetry/api and the rest stay external: optional, heavy, or never on a hot path.
const INLINED = [
  /^@rollgate\//,
  /^zod(\/|$)/,
  'yaml',
  'jsonc-parser',
  'exponential-backoff',
  'commander',
  'picocolors',
];

// Inlined CommonJS code calls require() for Node built-ins (yaml: process, buffer; commander: events, fs…),
// which an ES module has no binding for; each chunk gets one from createRequire.
const REQUIRE_SHIM =
  "import { createRequire as __rollgateCreateRequire } from 'node:module';\n" +
  'const require = __rollgateCreateRequire(import.meta.url);';
// zod's namespace re-exports all ~45 locales (`z.locales`), 370 KB of the 800 KB the bin's schema chunk would be,
// and V8 parses every byte on each start. Only English is used (zod registers it itself), so the bin's copy of
// `locales/index.js` exports `en` alone. Were zod to move that file, nothing matches and the bundle is just larger.
const zodEnglishOnly: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](classic|core)[\\/]/.test(args.importer)
        ? { path: join(dirname(args.importer), '../locales/en.js'), namespace: 'zod-english-only' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: dirname(args.path),
    }));
  },
};

export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'node20',
    treeshake: true,
  },
  {
    entry: { bin: 'src/bin.ts' },
    format: ['esm'],
    dts: false,
    clean: false,
    sourcemap: true,
    target: 'node20',
    splitting: true,
    noExternal: INLINED,
    esbuildPlugins: [zodEnglishOnly],
    banner: { js: `#!/usr/bin/env node\n${REQUIRE_SHIM}` },
    esbuildOptions(options) {
      // Our packages declare sideEffects: false, so their dist's `import './chunk-….js'` lines are rightly dropped.
      options.logOverride = { ...options.logOverride, 'ignored-bare-import': 'silent' };
    },
  },
]);
