// The YAML reader (the `yaml` package), loaded only when a YAML document needs it: it is the
// largest part of the library to start, and JSON input never uses it. In Node it is required on
// first use (synchronously, so validate() stays synchronous); elsewhere load() imports it up
// front, in parallel with the wasm core. Reading YAML before either is a programming error.

import { yamlRequirer } from '#host';

/** @typedef {typeof import('yaml')} YamlModule */

/** @type {YamlModule | null} */
let yaml = null;
/** @type {(() => unknown) | null} the host's require of `yaml` (Node) */
let requireYaml = null;

/** Readies the reader: in Node a synchronous require for later; elsewhere the module itself. */
export async function prepareYamlReader() {
  if (yaml || requireYaml) return;
  if (yamlRequirer) {
    requireYaml = yamlRequirer();
    return;
  }
  yaml = await import('yaml');
}

/**
 * The `yaml` module.
 * @returns {YamlModule}
 */
export function yamlReader() {
  // The host requires the package by name: what comes back is the `yaml` module.
  yaml ??= /** @type {YamlModule | undefined} */ (requireYaml?.()) ?? null;
  if (!yaml) throw new Error('isimport: the YAML reader is not ready (load() readies it)');
  return yaml;
}
