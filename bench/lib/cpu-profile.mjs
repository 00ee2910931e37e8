import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { categoryOf, nativeCategoryOf } from './profile-categories.mjs';

// Reads a V8 .cpuprofile (what `node --cpu-prof` writes) and sums self time by category and by function,
// over the samples inside a time window. rollgate's dist files are mapped back to their TypeScript sources, so
// categories follow the source files, which keep their names when tsup renames its chunks.

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const maps = new Map();

function sourceMapOf(path) {
  if (!maps.has(path)) {
    const file = `${path}.map`;
    maps.set(path, existsSync(file) ? new SourceMap(JSON.parse(readFileSync(file, 'utf8'))) : undefined);
  }
  return maps.get(path);
}

/** The original source of a call frame: a repository-relative path, `node:…`, or '' for no script. */
function sourceOf(callFrame) {
  const { url, lineNumber, columnNumber } = callFrame;
  if (!url) return '';
  if (!url.startsWith('file:')) return url;
  const path = fileURLToPath(url);
  let source = path;
  if (/\/packages\/[^/]+\/dist\//.test(path) && !path.includes('/node_modules/')) {
    const entry = sourceMapOf(path)?.findEntry(lineNumber, columnNumber);
    if (entry?.originalSource)
      source = resolve(dirname(path), entry.originalSource.replace(/^file:\/\//, ''));
  }
  return source.startsWith(repoRoot) ? relative(repoRoot, source) : source;
}

/**
 * Self time of the samples taken between `fromUs` and `toUs` (the profile's own microsecond clock; pass
 * undefined for the whole profile). Resolves { totalUs, byCategory: Map, byFunction: Map of
 * "category\tfunction (source)" → µs, windowUs }. With `{ bySamples: true }` every sample weighs 1 instead of
 * its interval: a thread that waited for a core takes one late sample with a long interval, so counts follow CPU
 * time where intervals follow wall time (the "µs" figures are then sample counts).
 */
export function summariseProfile(file, fromUs, toUs, { bySamples = false } = {}) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);

  // A frame without a script is charged to its nearest caller with one (see profile-categories.mjs).
  const labelCache = new Map();
  const labelOf = (id) => {
    if (labelCache.has(id)) return labelCache.get(id);
    const { callFrame } = nodes.get(id);
    const fn = callFrame.functionName || '(anonymous)';
    let label;
    if (callFrame.functionName.startsWith('(') && !callFrame.url) {
      label = { category: categoryOf('', fn), name: fn };
    } else if (!callFrame.url && parent.has(id)) {
      const up = labelOf(parent.get(id));
      label = { category: nativeCategoryOf(fn) ?? up.category, name: `${fn} ← ${up.name}` };
    } else {
      const source = sourceOf(callFrame);
      label = {
        category: categoryOf(source, fn),
        name: `${fn} (${source.replace(/^.*node_modules\//, '')})`,
      };
    }
    labelCache.set(id, label);
    return label;
  };

  const byCategory = new Map();
  const byFunction = new Map();
  let totalUs = 0;
  let t = profile.startTime;
  const { samples, timeDeltas } = profile;
  for (let i = 0; i < samples.length; i++) {
    t += timeDeltas[i];
    // A sample stands for the interval until the next one.
    const us = bySamples ? 1 : i + 1 < samples.length ? timeDeltas[i + 1] : 0;
    if (fromUs !== undefined && (t < fromUs || t > toUs)) continue;
    const { category, name } = labelOf(samples[i]);
    if (name === '(root)') continue;
    byCategory.set(category, (byCategory.get(category) ?? 0) + us);
    const key = `${category}\t${name}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
    totalUs += us;
  }
  const windowUs =
    fromUs === undefined ? profile.endTime - profile.startTime : Math.min(toUs, profile.endTime) - fromUs;
  return { totalUs, byCategory, byFunction, windowUs, startUs: profile.startTime, endUs: profile.endTime };
}
