// Loading the two wasm modules and the JSON Schemas, in Node, browsers and bundlers alike. Node
// reads the package's files from disk; browsers and bundlers fetch them (package.json `imports`
// gives `#host`: a condition, so that no bundler meets a Node built-in).

import createIsimportValidation from './wasm/isimport_validation.mjs';
import { readFileText } from '#host';
import { compiledOnce, IMPORT_WASM_URL, VALIDATION_WASM_URL } from './wasm-modules.js';
import { prepareYamlReader, YAML_ON_DEMAND } from './yaml-reader.js';

export { prepareValidationModule } from './wasm-modules.js';

// The import engine's glue is imported when first needed.
const loadImportFactory = () => import('./wasm/isimport_import.mjs').then((m) => m.default);
// Written out one by one so that bundlers see (and emit) each file.
const SCHEMA_URLS = {
  ImageStreamImport: new URL('../../schemas/imagestreamimport-image-v1.json', import.meta.url),
  ImageStream: new URL('../../schemas/imagestream-image-v1.json', import.meta.url),
  Image: new URL('../../schemas/image-image-v1.json', import.meta.url),
};

/** @typedef {import('./api.js').LoadOptions} LoadOptions */
/** @typedef {{print: (text: string) => void, printErr: (text: string) => void}} ModuleOutput */
/** @typedef {{url?: string | URL, binary?: ArrayBuffer | Uint8Array, defaultUrl: URL}} ModuleSource */

/**
 * The validation module (instantiated now), the import engine (a function that instantiates it
 * when first asked) and the schemas.
 * @param {LoadOptions} options
 */
export async function loadModules(options) {
  /** @type {ModuleOutput} */
  const output = {
    // The core never prints on purpose; keep stray output off the page's console unless asked.
    print: options.print ?? (() => {}),
    printErr: options.printErr ?? ((text) => console.warn(`isimport core: ${text}`)),
  };
  const validation = { url: options.wasmUrl, binary: options.wasmBinary, defaultUrl: VALIDATION_WASM_URL };
  const importEngine = { url: options.importWasmUrl, binary: options.importWasmBinary, defaultUrl: IMPORT_WASM_URL };
  // The YAML reader too, unless the caller (the element) imports it itself when a text needs it.
  const onDemand = /** @type {{ [YAML_ON_DEMAND]?: boolean }} */ (options)[YAML_ON_DEMAND] === true;
  const [core, schemas] = await Promise.all([
    instantiate(createIsimportValidation, validation, output), loadSchemas(options), onDemand ? null : prepareYamlReader(),
  ]);
  const loadImportEngine = async () => instantiate(await loadImportFactory(), importEngine, output);
  return { core, schemas, loadImportEngine };
}

/**
 * One Emscripten module from its factory: the bytes given, or the module compiled once per
 * process or page (wasm-modules.js: read from disk in Node, fetched elsewhere).
 * @template M
 * @param {(moduleArgs: object) => Promise<M>} factory
 * @param {ModuleSource} source
 * @param {ModuleOutput} output
 * @returns {Promise<M>}
 */
async function instantiate(factory, { url, binary, defaultUrl }, output) {
  /** @type {Record<string, unknown>} */
  const moduleArgs = { ...output };
  if (binary !== undefined) {
    moduleArgs.wasmBinary = binary;
    return factory(moduleArgs);
  }
  const module = await compiledOnce(url !== undefined ? new URL(String(url), defaultUrl) : defaultUrl);
  // Emscripten's hook for a module compiled elsewhere. The glue only logs a failure of the
  // hook's own and would wait for ever: a failed instantiation rejects here instead.
  return new Promise((resolve, reject) => {
    moduleArgs.instantiateWasm = (/** @type {WebAssembly.Imports} */ imports, /** @type {(instance: WebAssembly.Instance, module: WebAssembly.Module) => void} */ receive) => {
      WebAssembly.instantiate(module, imports).then((instance) => receive(instance, module)).catch(reject);
      return {};
    };
    factory(moduleArgs).then(resolve, reject);
  });
}

/**
 * The JSON Schemas (for hints only: a schema that cannot be read just means no hints). In Node
 * each is read when a hint first needs it (most runs need none); elsewhere they are fetched here.
 * @param {LoadOptions} options
 * @returns {Promise<Partial<Record<string, object>>>}
 */
async function loadSchemas(options) {
  if (options.schemas === false) return {};
  if (options.schemas !== undefined && options.schemas !== null) return { ...options.schemas };
  if (readFileText && Object.values(SCHEMA_URLS).every((url) => url.protocol === 'file:')) {
    const read = readFileText;
    /** @type {Partial<Record<string, object>>} */
    const lazy = {};
    for (const [kind, url] of Object.entries(SCHEMA_URLS)) {
      /** @type {object | null | undefined} */
      let schema;
      Object.defineProperty(lazy, kind, {
        enumerable: true,
        get() {
          if (schema === undefined) {
            try { schema = JSON.parse(read(url)); } catch { schema = null; }
          }
          return schema ?? undefined;
        },
      });
    }
    return lazy;
  }
  /** @type {Partial<Record<string, object>>} */
  const out = {};
  await Promise.all(Object.entries(SCHEMA_URLS).map(async ([kind, url]) => {
    try {
      const response = await fetch(url);
      if (!response.ok) return;
      out[kind] = JSON.parse(await response.text());
    } catch {
      // no hints for this kind
    }
  }));
  return out;
}
