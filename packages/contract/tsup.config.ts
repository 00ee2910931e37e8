import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Options } from 'tsup';

const SRC = join(dirname(fileURLToPath(import.meta.url)), 'src');

// The zod-free subpaths every rollgate package imports at start-up, '@rollgate/contract/errors' and '/time', are
// each one file, and every other entry imports them from that file instead of sharing chunks with them. Split
// the usual way, `@rollgate/readyz`'s start-up read seven files of this package (two of them empty chunks); on
// Node's ESM loader each file costs about a millisecond. It also keeps one RollgateError class in the process.
const SUBPATH_OF: ReadonlyArray<readonly [(file: string) => boolean, string]> = [
  [(file) => file === join(SRC, 'errors.ts') || file.startsWith(join(SRC, 'errors') + '/'), 'errors'],
  [
    (file) =>
      [join(SRC, 'time.ts'), join(SRC, 'primitives/time.ts'), join(SRC, 'primitives/digest.ts')].includes(
        file,
      ),
    'time',
  ],
];

const subpathsApart: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'subpaths-apart',
  setup(build) {
    const extension = build.initialOptions.outExtension?.['.js'] === '.cjs' ? 'cjs' : 'js';
    build.onResolve({ filter: /^\./ }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      const file = resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts'));
      const target = SUBPATH_OF.find(([inside]) => inside(file))?.[1];
      if (target === undefined) return undefined;
      // Modules of a subpath import each other as usual; everything else imports the subpath's built file.
      const from = SUBPATH_OF.find(([inside]) => inside(args.importer))?.[1];
      return from === target ? undefined : { path: `./${target}.${extension}`, external: true };
    });
  },
};

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    compat: 'src/compat.ts',
    errors: 'src/errors.ts',
    files: 'src/files.ts',
    lazy: 'src/lazy.ts',
    release: 'src/release.ts',
    testing: 'src/testing.ts',
    time: 'src/time.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  treeshake: true,
  esbuildPlugins: [subpathsApart],
});
