import { dirname, join } from 'node:path';
import { defineConfig, type Options } from 'tsup';

// The library entry ships ESM + CJS for embedding. The executable is three CommonJS files (bin/rollgate.cjs loads
// them): dist/bin.cjs, the command tree with commander; dist/commands.cjs, every command with zod and the rest
// behind it, which bin.cjs requires only once an action runs, so `rollgate --help` loads no schema code; and
// dist/launch.cjs, the loader that gives both V8's code cache on Node 20 (src/launch/code-cache.ts). CommonJS,
// because a vm.Script can be compiled from a code cache on Node 20 and an ES module cannot.
//
// The bundles inline the workspace packages, zod, yaml and the CLI's small CommonJS dependencies: resolving and
// loading ~120 small files (zod alone is 95 ESM modules, yaml ~60 CommonJS ones) cost more at start-up than
// evaluating them ("CLI start-up" in BENCHMARKS.md). Everything zod-side lives in commands.cjs alone, so a
// process holds one copy of each (one zod, one set of schemas). bin.cjs has its own copy of the zod-free error
// helpers, which know a RollgateError from commands.cjs by its name and code, not its class.
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

// program.ts imports command-modules.ts lazily; in bin.cjs that import is a require of commands.cjs, the bundle
// of command-modules.ts, instead of a copy of every command.
const commandsApart: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'commands-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\/command-modules\.js$/ }, (args) =>
      args.kind === 'dynamic-import' ? { path: './commands.cjs', external: true } : undefined,
    );
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
    entry: {
      bin: 'src/bin.ts',
      commands: 'src/commands/command-modules.ts',
      launch: 'src/launch/code-cache.ts',
    },
    format: ['cjs'],
    dts: false,
    clean: false,
    sourcemap: true,
    target: 'node20',
    // import.meta.url of the inlined packages (core's createRequire of optional peers) becomes the bundle's URL.
    shims: true,
    // Every byte costs a run: reading the source, and V8 parsing it where there is no cache. `--debug` runs the
    // bundles with their source maps (bin/rollgate.cjs), so a stack still names the source's files and functions.
    minify: true,
    noExternal: INLINED,
    esbuildPlugins: [commandsApart, zodEnglishOnly],
    esbuildOptions(options) {
      // Our packages declare sideEffects: false, so their dist's `import './chunk-….js'` lines are rightly dropped.
      options.logOverride = { ...options.logOverride, 'ignored-bare-import': 'silent' };
      // A vm.Script (launch.cjs) has no import(): a lazy load of another file is a require() in a promise.
      options.supported = { ...options.supported, 'dynamic-import': false };
    },
  },
]);
