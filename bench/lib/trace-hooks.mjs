import { appendFileSync } from 'node:fs';

// Module customization hooks (run on the loader thread): append every resolved ESM URL to a file, so
// import-cost.mjs can tell which packages an import pulls in. Used in a separate, untimed process.

let file;

/** Receives the output file from `register(…, { data })`. */
export function initialize(data) {
  file = data.file;
}

/** Records each resolved URL, then resolves as usual. */
export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(specifier, context);
  if (file !== undefined) appendFileSync(file, `${result.url}\n`);
  return result;
}
