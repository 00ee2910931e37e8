// How the executable loads its CommonJS bundles on a Node without `module.enableCompileCache()` (Node 20 and
// 22.0): through vm.Script with V8's code cache, as Node 22.1+ does for every module by itself. On Node 20 V8
// compiling the bundles was the largest part of `rollgate validate`'s start-up ("CLI start-up" in BENCHMARKS.md);
// with the cache of an earlier run, V8 reads the compiled code instead of parsing the source.
//
// The cache of a bundle is written once, at the exit of the first run that had none (or whose cache V8 rejected),
// and holds every function that run compiled. It is keyed by the bundle's path, size, mtime, change time and
// inode and by Node's version and architecture, so a rebuilt or reinstalled bundle never meets the cache of
// another. It lives where Node 22 keeps its own: NODE_COMPILE_CACHE, or a directory of the user's (mode 0700),
// never one other users can write to; NODE_DISABLE_COMPILE_CACHE turns it off. Any failure to read or write it
// only costs the time it would have saved.
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { makeDirectories } from '../files/make-directories.js';

/** What `requireWithCodeCache` needs of node:module beyond its public types. */
interface ModuleInternals {
  wrap(source: string): string;
  _nodeModulePaths(dir: string): string[];
  _resolveFilename(request: string, parent: Module): string;
}

const internals = Module as unknown as ModuleInternals;

/** Every bundle this loader has loaded, by path. */
const loadedBundles = new Map<string, Module>();

/** The directory of the cache, or undefined when it is turned off or cannot be made private to this user. */
export function codeCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.NODE_DISABLE_COMPILE_CACHE !== undefined && env.NODE_DISABLE_COMPILE_CACHE !== '') return undefined;
  const dir = env.NODE_COMPILE_CACHE || join(defaultCacheRoot(env), 'rollgate-compile-cache');
  try {
    makeDirectories(dir, 0o700);
    const stat = statSync(dir);
    // Compiled code is run as is: a directory another user can write to could hand us theirs. (Windows has no
    // uid or mode bits to read; a directory under the user's profile is private by its ACL.)
    if (process.getuid === undefined) return dir;
    return stat.uid === process.getuid() && (stat.mode & 0o022) === 0 ? dir : undefined;
  } catch {
    return undefined;
  }
}

function defaultCacheRoot(env: NodeJS.ProcessEnv): string {
  if (env.XDG_CACHE_HOME) return env.XDG_CACHE_HOME;
  try {
    return join(homedir(), '.cache');
  } catch {
    return join(tmpdir(), `rollgate-${process.getuid?.() ?? 'user'}`);
  }
}

function cacheFileFor(dir: string, file: string): string {
  // V8 checks a cache only against the source's length, and npm gives every installed file one mtime: the key
  // adds the change time and inode, which any write of the file moves (a rebuild, an install, an edit). Hashing
  // the content instead would load node:crypto, ~8 ms of every run.
  const stat = statSync(file);
  const key = `${file}\0${stat.size}\0${stat.mtimeMs}\0${stat.ctimeMs}\0${stat.ino}\0${process.version}\0${process.arch}`;
  let hash = 0x811c9dc5; // FNV-1a of the key, to name the file
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return join(dir, `${basename(file)}-${stat.size}-${(hash >>> 0).toString(16)}.v8cache`);
}

/**
 * Loads a CommonJS file as `require()` would, compiling it with V8's code cache kept in `dir` (from
 * `codeCacheDir()`; undefined loads without one). A `require()` inside it of another `.cjs` file beside it loads
 * that one the same way; anything else goes through Node's own `require()`.
 */
export function requireWithCodeCache(file: string, dir: string | undefined, parent?: Module): unknown {
  const known = loadedBundles.get(file);
  if (known !== undefined) return known.exports; // as require() would: one instance per file
  const source = readFileSync(file, 'utf8');
  let cacheFile: string | undefined;
  let cachedData: Buffer | undefined;
  if (dir !== undefined) {
    try {
      cacheFile = cacheFileFor(dir, file);
      cachedData = readFileSync(cacheFile);
    } catch {
      cachedData = undefined;
    }
  }
  const script = new Script(internals.wrap(source), {
    filename: file,
    ...(cachedData === undefined ? {} : { cachedData }),
  });
  const loaded = new Module(file, parent);
  loadedBundles.set(file, loaded);
  loaded.filename = file;
  loaded.paths = internals._nodeModulePaths(dirname(file));
  const siblings = dirname(file);
  const require = Object.assign(
    (request: string): unknown => {
      const resolved = internals._resolveFilename(request, loaded);
      return resolved.endsWith('.cjs') && dirname(resolved) === siblings
        ? requireWithCodeCache(resolved, dir, loaded)
        : loaded.require(resolved);
    },
    { resolve: (request: string) => internals._resolveFilename(request, loaded) },
  );
  if (cacheFile !== undefined && (cachedData === undefined || script.cachedDataRejected === true)) {
    const target = cacheFile;
    // At exit V8's cache holds the functions this run compiled, not only the top level.
    process.once('exit', () => writeCache(target, script));
  }
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(loaded.exports, loaded.exports, require, loaded, file, dirname(file));
  loaded.loaded = true;
  return loaded.exports;
}

function writeCache(target: string, script: Script): void {
  try {
    const temporary = `${target}.${process.pid}.tmp`;
    writeFileSync(temporary, script.createCachedData(), { mode: 0o600 });
    renameSync(temporary, target); // atomic: a concurrent run reads the old file or the new one, never half
  } catch {
    // A read-only or full disk: the next run compiles again.
  }
}
