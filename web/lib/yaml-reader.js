// The YAML reader (the `yaml` package), loaded only when a YAML document needs it: it is the
// largest part of the library to start, and JSON input and plain block YAML (yaml-block.js) never
// use it. In Node it is required on first use (synchronously, so validate() stays synchronous);
// elsewhere load() imports it up front, in parallel with the wasm core — unless the caller is
// <isimport-preview>, which asks load() not to (YAML_ON_DEMAND) and imports it after its first
// validation, or as soon as a text needs it (see yamlMisses()).

import { yamlRequirer } from '#host';

/** @typedef {typeof import('yaml')} YamlModule */

/**
 * A load() option of the element's own, not of the public API (a symbol: no one else can spell
 * it): the browser's load() then resolves without the YAML reader.
 */
export const YAML_ON_DEMAND = Symbol('isimport: the YAML reader on demand');

/** @type {YamlModule | null} */
let yaml = null;
/** @type {(() => unknown) | null} the host's require of `yaml` (Node) */
let requireYaml = yamlRequirer ? yamlRequirer() : null;
/** @type {Promise<YamlModule> | null} the browser's import of it, once asked for */
let arriving = null;
// How many times a reading asked for the reader before it was there (see yamlMisses()).
let misses = 0;

/**
 * Readies the reader for load(): in Node nothing (it is required on first use); elsewhere the
 * module is imported.
 */
export async function prepareYamlReader() {
  if (!requireYaml) await yamlModule();
}

/**
 * The `yaml` module, now: loaded already, or required (Node); null when it has yet to be imported.
 * @returns {YamlModule | null}
 */
export function yamlNow() {
  // The host requires the package by name: what comes back is the `yaml` module.
  yaml ??= /** @type {YamlModule | undefined} */ (requireYaml?.()) ?? null;
  return yaml;
}

/**
 * The `yaml` module, imported once (a failure is not kept: the next call tries again).
 * @returns {Promise<YamlModule>}
 */
export function yamlModule() {
  const now = yamlNow();
  if (now) return Promise.resolve(now);
  return arriving ??= import('yaml').then((module) => {
    yaml = module;
    return module;
  }, (error) => {
    arriving = null;
    throw error;
  });
}

/**
 * The `yaml` module, for a reading that needs it. Throws when it is not there (a load() with
 * YAML_ON_DEMAND, before it came); the reading's answer is then not the text's, which the count
 * of yamlMisses() tells its caller.
 * @returns {YamlModule}
 */
export function yamlReader() {
  const now = yamlNow();
  if (now) return now;
  misses++;
  throw new Error('isimport: the YAML reader is not ready (load() readies it)');
}

/**
 * How many readings have asked for the reader before it was there. A validate() during which this
 * changed has answered for a text it could not read: the element drops that answer, waits for
 * yamlModule() and validates again.
 */
export const yamlMisses = () => misses;
