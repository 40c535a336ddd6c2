// What the library needs from its host in Node (the package's "node" condition of `#host`): the
// package's own files read from disk, since Node's fetch() cannot read a file: URL, and a
// synchronous require of the YAML reader, so that validate() stays synchronous.
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The bytes of one of the package's files (a file: URL).
 * @type {(url: URL) => Promise<Uint8Array>}
 */
export const readFileBytes = (url) => readFile(url);

/**
 * The text of one of the package's files (a file: URL), read synchronously.
 * @type {(url: URL) => string}
 */
export const readFileText = (url) => readFileSync(url, 'utf8');

/**
 * A function that requires the `yaml` package when first called.
 * @type {() => () => unknown}
 */
export const yamlRequirer = () => {
  const require = createRequire(import.meta.url);
  return () => require('yaml');
};
