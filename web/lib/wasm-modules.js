// The two wasm modules: where the package keeps them, and each compiled once per process or page,
// however many instances load() and the import engine make of it (a test file, a server, an
// engine made again after a trap): an instance of a compiled module costs little, a compile of the
// whole module a lot. Node reads the file from disk; elsewhere it is fetched and compiled as it
// streams in. The CLI starts the validation module's compile before anything asks for it
// (prepareValidationModule), so that it runs on V8's threads while the rest loads.

import { readFileBytes } from '#host';

export const VALIDATION_WASM_URL = new URL('./wasm/isimport_validation.wasm', import.meta.url);
// The import engine's; written out here so that bundlers emit it beside the other.
export const IMPORT_WASM_URL = new URL('./wasm/isimport_import.wasm', import.meta.url);

// Keyed by URL; a failure is not kept, so that a later load() tries again.
/** @type {Map<string, Promise<WebAssembly.Module>>} */
const compiled = new Map();

/**
 * The module at `url`, compiled once (see above).
 * @param {URL} url
 * @returns {Promise<WebAssembly.Module>}
 */
export function compiledOnce(url) {
  let module = compiled.get(url.href);
  if (module === undefined) {
    module = readFileBytes !== null && url.protocol === 'file:'
      ? readFileBytes(url).then((bytes) => WebAssembly.compile(/** @type {Uint8Array<ArrayBuffer>} */ (bytes)))
      : compileFetched(url);
    module.catch(() => compiled.delete(url.href));
    compiled.set(url.href, module);
  }
  return module;
}

/** Starts compiling the validation module (load() reports a failure, and tries again). */
export function prepareValidationModule() {
  compiledOnce(VALIDATION_WASM_URL).catch(() => {});
}

/**
 * Fetched as Emscripten's glue fetches (and as index.html preloads it: cors, same-origin
 * credentials, so that the preload answers this very request), compiled while it streams in. A
 * server that sends it with another content type (compileStreaming refuses that) gets a second
 * request, read whole, as the glue would.
 * @param {URL} url
 * @returns {Promise<WebAssembly.Module>}
 */
async function compileFetched(url) {
  if (typeof WebAssembly.compileStreaming === 'function') {
    try {
      return await WebAssembly.compileStreaming(fetch(url, { credentials: 'same-origin' }));
    } catch (error) {
      if (!(error instanceof TypeError)) throw error; // a CompileError: a second request would not help
    }
  }
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`isimport: could not fetch ${url.href}: ${response.status} ${response.statusText}`);
  return WebAssembly.compile(await response.arrayBuffer());
}
