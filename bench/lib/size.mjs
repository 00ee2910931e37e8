// Minified + gzipped size of an entry point, bundled the way a service's bundler would ship it: every
// dependency inlined, the package's peer dependencies and Node's builtins left out (the service installs
// those once, whoever imports them). esbuild comes from tsup, which the workspace already builds with.
import { readFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { packageOf } from './loaded-packages.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const esbuild = createRequire(createRequire(join(ROOT, 'package.json')).resolve('tsup/package.json'))(
  'esbuild',
);

/** The esbuild version used to bundle, for the section's text. */
export const ESBUILD_VERSION = esbuild.version;

// '@rollgate/adapters/fastify' → '@rollgate/adapters'; 'lightship' → 'lightship'.
function packageName(specifier) {
  return specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');
}

// A package's package.json, found by walking up from its resolved entry (exports maps may hide ./package.json).
function manifestOf(specifier, cwd) {
  const require = createRequire(join(cwd, 'noop.js'));
  const name = packageName(specifier);
  let dir = dirname(require.resolve(specifier));
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      if (manifest.name === name) return manifest;
    } catch {
      // no package.json here: keep walking up
    }
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json named ${name} above ${specifier}`);
    dir = up;
  }
}

/** The peer dependencies `specifier`'s package declares (left out of its bundle). */
export function peerDependencies(specifier, cwd) {
  return Object.keys(manifestOf(specifier, cwd).peerDependencies ?? {});
}

// In a shared working tree another build may be replacing a workspace package's dist/ while we bundle: an
// unresolvable @rollgate import is retried a few times, 5 s apart; anything else is fatal.
async function buildRetrying(options, attempt = 1) {
  try {
    return await esbuild.build(options);
  } catch (error) {
    if (attempt >= 5 || !/Could not resolve "@rollgate\//.test(String(error?.message))) throw error;
    console.error('  bundling: a @rollgate module is missing (dist being rebuilt?); retrying in 5 s');
    await new Promise((done) => setTimeout(done, 5000));
    return buildRetrying(options, attempt + 1);
  }
}

/**
 * Bundles `specifiers` (one or several, re-exported together; ESM, minified, platform node) with everything they
 * import except `external` and Node's builtins, and returns the minified and gzipped byte counts and how many
 * input files went in, and the minified bytes per package (`byPackage`, largest first). Unused exports of a dependency are tree-shaken, as in the service's own bundle.
 * `source`, when given, is bundled instead of the re-exports (the specifiers still name the peer deps to skip).
 */
export async function bundleSize(specifiers, { cwd, external = [], source }) {
  // `source` replaces the re-exports with a module of its own (a service's typical imports, say).
  const contents =
    source ??
    [specifiers]
      .flat()
      .map((s) => `export * from ${JSON.stringify(s)};`)
      .join('\n');
  const result = await buildRetrying({
    absWorkingDir: cwd,
    stdin: { contents, resolveDir: cwd, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'node',
    write: false,
    metafile: true,
    logLevel: 'silent',
    external: [...external, ...external.map((name) => `${name}/*`), ...builtinModules, 'node:*'],
  });
  const code = result.outputFiles[0].contents;
  // Minified bytes each package contributes, largest first: where a size target is won or lost.
  const byPackage = new Map();
  for (const [path, { bytesInOutput }] of Object.entries(Object.values(result.metafile.outputs)[0].inputs)) {
    const name = packageOf(resolve(cwd, path)) ?? '(entry)';
    byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
  }
  return {
    minBytes: code.byteLength,
    gzBytes: gzipSync(code, { level: 9 }).byteLength,
    inputs: Object.keys(result.metafile.inputs).length,
    byPackage: [...byPackage].filter(([, bytes]) => bytes > 0).sort((a, b) => b[1] - a[1]),
  };
}
