// The YAML parser, behind a module of ours that read-data imports only for YAML files. The bin bundles yaml (a
// CommonJS package): a dynamic import of it straight from read-data would give the bundle's chunk a lone
// `default` export, while this static named import keeps `parseDocument` in both the bundle and the library build.

/** yaml's `parseDocument`, re-exported so it loads only when a YAML file is read. */
export { parseDocument } from 'yaml';
