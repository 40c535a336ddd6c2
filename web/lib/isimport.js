// isimport: the JavaScript face of the C++ core (web/lib/wasm/isimport_core.{mjs,wasm}).
//
//   import { load } from 'isimport';
//   const isi = await load();
//   isi.decode(yamlOrJsonTextOrObject, { fieldValidation: 'Strict' });
//
// This module does no I/O of its own beyond loading the wasm module; everything it returns is a
// plain value. Bad input is never an exception: it comes back as { ok: false, status } where status
// is the metav1.Status the API server would answer with. Types: isimport.d.ts (hand-written).

import createIsimportCore from './wasm/isimport_core.mjs';

const WASM_URL = new URL('./wasm/isimport_core.wasm', import.meta.url);

// Node (and Deno/Bun in Node mode) cannot fetch() a file: URL, and the core is a web-targeted
// build, so there the bytes are read here and handed to the factory. Browsers and bundlers fetch
// the file themselves through locateFile (bundlers see the `new URL(…, import.meta.url)` above and
// emit the .wasm as an asset).
const IN_NODE =
  typeof process === 'object' && process !== null && typeof process.versions?.node === 'string' &&
  typeof window === 'undefined';

async function readWasmInNode(url) {
  // A computed specifier keeps bundlers from trying to resolve a Node built-in for the browser.
  const fsModule = 'node:fs/promises';
  const { readFile } = await import(/* @vite-ignore */ fsModule);
  return readFile(url);
}

/**
 * Instantiates the core. Each call makes a new, independent instance; keep the returned object and
 * call it as often as you like (calls are synchronous and cheap).
 * @param {import('./isimport.d.ts').LoadOptions} [options]
 * @returns {Promise<import('./isimport.d.ts').Isimport>}
 */
export async function load(options = {}) {
  const wasmUrl = options.wasmUrl !== undefined ? new URL(String(options.wasmUrl), WASM_URL) : WASM_URL;
  const moduleArgs = {
    // The core never prints on purpose; keep stray output off the page's console unless asked.
    print: options.print ?? (() => {}),
    printErr: options.printErr ?? ((text) => console.warn(`isimport core: ${text}`)),
  };
  if (options.wasmBinary !== undefined) {
    moduleArgs.wasmBinary = options.wasmBinary;
  } else if (IN_NODE && wasmUrl.protocol === 'file:') {
    moduleArgs.wasmBinary = await readWasmInNode(wasmUrl);
  } else {
    moduleArgs.locateFile = (path) => (path.endsWith('.wasm') ? wasmUrl.href : path);
  }
  const core = await createIsimportCore(moduleArgs);
  return new Isimport(core);
}

class Isimport {
  #core;
  #broken = null; // the trap that made this instance unusable, if any

  constructor(core) {
    this.#core = core;
    /** The core's version string. */
    this.version = String(core.version());
    Object.freeze(this);
  }

  /**
   * Decodes one ImageStreamImport (or options.kind) from JSON text, bytes, or a plain object, the
   * way the API server decodes a request body. Never throws for bad input.
   */
  decode(input, options) {
    options ??= {};
    const wire = toWireInput(input);
    if (wire.error !== undefined) return failure(options.kind, 400, 'BadRequest', wire.error);
    const opts = {};
    if (options.fieldValidation !== undefined) opts.fieldValidation = options.fieldValidation;
    if (options.kind !== undefined) opts.kind = options.kind;
    return this.#call(options.kind, 'decode', wire.text, JSON.stringify(opts));
  }

  // validate(input, { fieldValidation, namespace, kind }) → { valid, causes, warnings, status, object }
  //   goes here, on the core's validate().
  // importPreview(specOrText, { fetch, credentials, currentImageStream, concurrency, signal,
  //   onProgress }) goes here: the fetch driver for the core's importer state machine.
  // parseReference(string) goes here.

  // Calls a core function that returns JSON text and parses it. A trap inside the core (a bug, never
  // bad input) leaves a wasm instance in an unknown state: it is reported as the API server reports
  // a panic, a 500 InternalError Status, and this instance refuses further calls.
  #call(kind, name, ...args) {
    if (this.#broken) return failure(kind, 500, 'InternalError', `isimport core is unusable after an earlier failure (${this.#broken}); call load() again`);
    let out;
    try {
      out = this.#core[name](...args);
    } catch (err) {
      this.#broken = String(err?.message ?? err);
      return failure(kind, 500, 'InternalError', `isimport core failed in ${name}(): ${this.#broken}`);
    }
    try {
      return JSON.parse(out);
    } catch (err) {
      return failure(kind, 500, 'InternalError', `isimport core returned invalid JSON from ${name}(): ${err.message}`);
    }
  }
}

// Strings and bytes go to the core as they are (it decides about encodings and size limits);
// anything else is serialized with JSON.stringify, as a client library would send it.
function toWireInput(input) {
  if (typeof input === 'string' || input instanceof Uint8Array) return { text: input };
  if (input instanceof ArrayBuffer) return { text: new Uint8Array(input) };
  if (ArrayBuffer.isView(input)) return { text: new Uint8Array(input.buffer, input.byteOffset, input.byteLength) };
  let text;
  try {
    text = JSON.stringify(input);
  } catch (err) {
    return { error: `cannot serialize the object as JSON: ${err.message}` };
  }
  if (text === undefined) return { error: `cannot serialize a value of type ${typeof input} as JSON` };
  return { text };
}

// A result built on the JS side, in the core's shape (kind: the kind that was asked for).
function failure(kind, code, reason, message) {
  return {
    ok: false,
    kind: typeof kind === 'string' && kind !== '' ? kind : 'ImageStreamImport',
    warnings: [],
    status: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code },
  };
}
