// isimport: the JavaScript face of the C++ core, two wasm modules: web/lib/wasm/isimport_validation
// (decoding and validation, instantiated by load()) and web/lib/wasm/isimport_import (the import
// engine, fetched the first time importPreview() runs).
//
//   import { load } from 'isimport';
//   const isi = await load();
//   isi.validate(yamlOrJsonTextOrObject, { fieldValidation: 'Strict' }); // {valid, causes, …}
//   isi.validateAll(multiDocumentYaml);                                   // one result per document
//   isi.decode(jsonTextOrObject, { fieldValidation: 'Strict' });          // {ok, object | status}
//   await isi.importPreview(specYamlJsonOrObject, { credentials, onProgress }); // ImageStreamImport with status
//
// This module does no I/O of its own beyond loading the wasm module (and the JSON Schemas used for
// "did you mean" hints) and, in importPreview(), the registry requests the core asks for, which go
// through import-driver.js with the caller's fetch; everything it returns is a plain value. Bad input is never an exception:
// it comes back as a result whose status is the metav1.Status the API server would answer with.
// Bad options (a programming error) throw a TypeError. Types: api.d.ts.

import createIsimportValidation from './wasm/isimport_validation.mjs';
import { LineIndex, MAX_BODY_BYTES, jsonTree, looksLikeJson, splitDocuments } from './documents.js';
import { offsetOfPath, offsetOfTypeError } from './locate.js';
import { apiVersionHint, suggestField } from './hints.js';
import { classify, objectsOf, typeOf } from './objects.js';
import { runImport } from './import-driver.js';
import { prepareYamlReader } from './yaml-reader.js';
// Node reads the package's files from disk; browsers and bundlers fetch them (package.json
// `imports`: a condition, so that no bundler meets a Node built-in).
import { readFileBytes, readFileText } from '#host';

export { probeRegistry } from './import-driver.js';
import { explainImport } from './explain.js';

const VALIDATION_WASM_URL = new URL('./wasm/isimport_validation.wasm', import.meta.url);
// The import engine's glue is imported when first needed; its .wasm URL is written out here so that
// bundlers emit it beside the other.
const IMPORT_WASM_URL = new URL('./wasm/isimport_import.wasm', import.meta.url);
const loadImportFactory = () => import('./wasm/isimport_import.mjs').then((m) => m.default);
// Written out one by one so that bundlers see (and emit) each file.
const SCHEMA_URLS = {
  ImageStreamImport: new URL('../../schemas/imagestreamimport-image-v1.json', import.meta.url),
  ImageStream: new URL('../../schemas/imagestream-image-v1.json', import.meta.url),
  Image: new URL('../../schemas/image-image-v1.json', import.meta.url),
};

/**
 * Instantiates the core (its validation module; the import engine follows on the first
 * importPreview()). Each call makes a new, independent instance; keep the returned object and
 * call it as often as you like (calls are synchronous and cheap).
 * @param {import('./api.js').LoadOptions} [options]
 * @returns {Promise<import('./api.js').Isimport>}
 */
export async function load(options = {}) {
  const output = {
    // The core never prints on purpose; keep stray output off the page's console unless asked.
    print: options.print ?? (() => {}),
    printErr: options.printErr ?? ((text) => console.warn(`isimport core: ${text}`)),
  };
  const validation = { url: options.wasmUrl, binary: options.wasmBinary, defaultUrl: VALIDATION_WASM_URL };
  const importEngine = { url: options.importWasmUrl, binary: options.importWasmBinary, defaultUrl: IMPORT_WASM_URL };
  const [core, schemas] = await Promise.all([
    instantiate(createIsimportValidation, validation, output), loadSchemas(options), prepareYamlReader(),
  ]);
  const loadImportEngine = async () => instantiate(await loadImportFactory(), importEngine, output);
  return new Isimport(core, schemas, loadImportEngine);
}

// One Emscripten module from its factory: the bytes given, read from disk in Node, or fetched by
// the module itself from the URL (a browser or a bundler's asset).
async function instantiate(factory, { url, binary, defaultUrl }, output) {
  const wasmUrl = url !== undefined ? new URL(String(url), defaultUrl) : defaultUrl;
  const moduleArgs = { ...output };
  if (binary !== undefined) {
    moduleArgs.wasmBinary = binary;
  } else if (readFileBytes && wasmUrl.protocol === 'file:') {
    moduleArgs.wasmBinary = await readFileBytes(wasmUrl);
  } else {
    moduleArgs.locateFile = (path) => (path.endsWith('.wasm') ? wasmUrl.href : path);
  }
  return factory(moduleArgs);
}

// The JSON Schemas (for hints only: a schema that cannot be read just means no hints). In Node
// each is read when a hint first needs it (most runs need none); elsewhere they are fetched here.
async function loadSchemas(options) {
  if (options.schemas === false) return {};
  if (options.schemas !== undefined && options.schemas !== null) return { ...options.schemas };
  if (readFileText && Object.values(SCHEMA_URLS).every((url) => url.protocol === 'file:')) {
    const lazy = {};
    for (const [kind, url] of Object.entries(SCHEMA_URLS)) {
      let schema;
      Object.defineProperty(lazy, kind, {
        enumerable: true,
        get() {
          if (schema === undefined) {
            try { schema = JSON.parse(readFileText(url)); } catch { schema = null; }
          }
          return schema ?? undefined;
        },
      });
    }
    return lazy;
  }
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

class Isimport {
  #core;
  #loadImportEngine;
  #importEngine = null; // a promise of the import module, once an import has asked for it
  #schemas;
  #broken = null; // the trap that made this instance unusable, if any
  #textIn = new CoreBuffer();
  #namespaceIn = new CoreBuffer();
  #answerOut = new CoreBuffer();

  constructor(core, schemas, loadImportEngine) {
    this.#core = core;
    this.#loadImportEngine = loadImportEngine;
    this.#schemas = schemas ?? {}; // may read each schema lazily (loadSchemas)
    /** The core's version string. */
    this.version = String(core.version());
    Object.freeze(this);
  }

  /**
   * Decodes one ImageStreamImport (or options.kind) from JSON text, bytes, or a plain object, the
   * way the API server decodes a request body: JSON only (YAML is refused as the server refuses a
   * body that is not JSON; validate() reads YAML as kubectl does). Never throws for bad input.
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

  /**
   * Validates one document (JSON or YAML text, UTF-8 bytes, or an object) as the API server's
   * create path does: {valid, kind, causes, warnings, status?, object?, positions, diagnostics}.
   * Text holding several YAML documents is refused: use validateAll().
   */
  validate(input, options) {
    const opts = validateOptions(options);
    const all = this.#validateInput(input, opts, false);
    if (all.length === 1) return all[0];
    const message = all.length === 0
      ? 'no objects passed to validate'
      : `the input holds ${all.length} objects; validate() takes one (use validateAll())`;
    return clientFailure(opts.kind, 400, 'BadRequest', message);
  }

  /**
   * Validates every object of a (multi-document) YAML or JSON text, as kubectl sends them: a list
   * (any object with `items`) is flattened. An array of validate() results, each with `source`, the
   * index of its document in the text (empty and `null` documents are skipped, as kubectl skips
   * them, and not counted), and `item` ('' or the path of a list item, `items[2]`). Objects of
   * other groups are skipped ({skipped: true, reason}); options `kinds`, `skip` and
   * `rejectUnknownKinds` narrow or widen that (see objects.js).
   */
  validateAll(input, options) {
    return this.#validateInput(input, validateOptions(options), true);
  }

  // The results of validate() and validateAll(); `numbered` adds each one's source and item.
  // (Assigned, not spread: a spread would read the lazy `object`.)
  #validateInput(input, opts, numbered) {
    const request = coreRequest(opts);
    const at = numbered ? (result, source, item) => Object.assign(result, { source, item }) : (result) => result;

    // An object: serialized as a client library would send it; no positions.
    if (!isTextLike(input)) {
      const wire = toWireInput(input);
      if (wire.error !== undefined) return [at(clientFailure(opts.kind, 400, 'BadRequest', wire.error), 0, '')];
      return [at(this.#validateObject({ item: '', json: wire.text, tree: null, raw: false }, request, opts, {}), 0, '')];
    }

    const decoded = decodeText(input);
    if (decoded.error) {
      const { message, line, column } = decoded.error;
      const where = line !== undefined ? ` (line ${line}, column ${column})` : '';
      return [at(clientFailure(opts.kind, 400, 'BadRequest', `${message}${where}`, [{ severity: 'error', message, line, column }]), 0, '')];
    }
    const text = decoded.text;
    const lines = new LineIndex(text);
    let split;
    try {
      split = splitDocuments(text, lines);
    } catch (err) {
      return [at(clientFailure(opts.kind, 400, 'BadRequest', `cannot read the input: ${err?.message ?? err}`), 0, '')];
    }
    const results = [];
    split.docs.forEach((doc, index) => {
      if (doc.tooLarge) {
        results.push(at(clientFailure(opts.kind, 413, 'RequestEntityTooLarge', `Request entity too large: limit is ${MAX_BODY_BYTES}`), index, ''));
        return;
      }
      if (doc.error) {
        const position = doc.error.offset >= 0 ? lines.position(doc.error.offset) : null;
        const where = position ? `line ${position.line}, column ${position.column}: ` : '';
        results.push(at(clientFailure(opts.kind, 400, 'BadRequest', `error converting YAML to JSON: yaml: ${where}${doc.error.message}`,
          [{ severity: 'error', message: doc.error.message, ...(position ?? {}) }]), index, ''));
        return;
      }
      for (const object of this.#objectsOfDocument(doc, text, request)) results.push(at(this.#validateObject(object, request, opts, { lines, text }), index, object.item));
    });
    return results;
  }

  // The objects of one document. A JSON text goes to the core at once: once the core has decoded
  // it, its answer says whether the root has "items" (a list, then read again object by object),
  // so that the text is not searched in JS (which cost as much as a tenth of validating it).
  #objectsOfDocument(doc, text, request) {
    if (doc.tree || !doc.raw) return objectsOf(doc, text);
    const answer = this.#validateText(doc.json, request);
    const mayBeList = answer.decoded ? answer.rootItems === true : doc.json.includes('"items"');
    if (!mayBeList) return [{ item: '', json: doc.json, tree: null, raw: true, answer }];
    return objectsOf(doc, text, true);
  }

  // One object of a document: skipped or refused by its kind, else validated by the core. A
  // YAML document's kind is known from its tree; a JSON one's from the core's answer (reading the
  // text in JS only for that would cost as much as validating it).
  #validateObject(object, request, opts, { lines, text }) {
    if (object.listError) return clientFailure(opts.kind, 400, 'BadRequest', object.listError);
    let answer = null;
    let type;
    if (object.tree) {
      type = typeOf(object.tree);
    } else {
      answer = object.answer ?? this.#validateText(object.json, request);
      if (answer.failure) return answer.failure;
      type = answer.type ?? { apiVersion: '', kind: '' };
    }
    const decided = classify(type, opts);
    if (decided.action === 'skip') return skipped(type, decided.reason);
    if (decided.action === 'refuse') {
      const tree = object.tree ?? (lines && object.raw && text.length <= MAX_BODY_BYTES ? jsonTree(object.json) : null);
      const offset = tree ? offsetOfPath(tree, 'kind') : -1;
      const at = offset >= 0 ? lines.position(offset) : {};
      return clientFailure(type.kind, 400, 'BadRequest', decided.reason,
        [{ severity: 'error', message: decided.reason, field: 'kind', ...at, ...(decided.hint ? { hint: decided.hint } : {}) }]);
    }
    answer ??= this.#validateText(object.json, request);
    if (answer.failure) return answer.failure;
    const where = lines ? { lines, tree: object.tree, text: object.raw ? text : null } : null;
    const result = locate(answer, where, this.#schemas);
    if (!answer.decoded) return result;
    const json = object.json;
    return new DecodedResult(result, () => this.#validateText(json, { ...request, withObject: true }).object);
  }

  // One crossing into the core: the text written into the core's memory, the options as numbers,
  // the answer a number for the common verdict or JSON written into the core's memory. A trap is
  // answered as #call answers it, in validate()'s shape ({failure}).
  #validateText(text, request) {
    if (this.#broken) return { failure: clientFailure(undefined, 500, 'InternalError', `isimport core is unusable after an earlier failure (${this.#broken}); call load() again`) };
    const core = this.#core;
    let code;
    try {
      const length = this.#textIn.write(core, text);
      const namespaceLength = request.namespace === '' ? 0 : this.#namespaceIn.write(core, request.namespace);
      const call = () => core._validateBytes(this.#textIn.ptr, length, request.fieldValidation, request.kind,
        this.#namespaceIn.ptr, namespaceLength, request.namespaceGiven, Boolean(request.withObject), this.#answerOut.ptr, this.#answerOut.size);
      if (this.#answerOut.size === 0) this.#answerOut.reserve(core, 64 * 1024);
      code = call();
      if (code < -1 && -code - 1 > this.#answerOut.size) {
        this.#answerOut.reserve(core, -code - 1);
        code = call();
      }
    } catch (err) {
      this.#broken = String(err?.message ?? err);
      return { failure: clientFailure(undefined, 500, 'InternalError', `isimport core failed in validateBytes(): ${this.#broken}`) };
    }
    if (code >= 0) return COMPACT_ANSWERS[code];
    const answer = JSON.parse(this.#answerOut.read(core, -code - 1));
    if (answer.usageError !== undefined) throw new TypeError(`isimport: ${answer.usageError}`);
    return answer;
  }

  /**
   * Performs the import the API server would perform for a POST of this ImageStreamImport, against
   * the real registries (through `options.fetch`, default globalThis.fetch), and resolves to the
   * answer: the ImageStreamImport with its status — or, for a spec the server would refuse, the
   * Status it would answer (400/413/422), without any request. Per-image failures (not found,
   * unauthorized, timeouts, aborts) live in the per-image status, as upstream reports them. Bad
   * options throw a TypeError. See api.d.ts (ImportPreviewOptions) for every option.
   */
  async importPreview(specOrText, options) {
    const opts = importOptions(options);
    const spec = this.#oneDocument(specOrText, 'ImageStreamImport');
    if (spec.status) return spec.status;

    const coreOptions = { fieldValidation: opts.fieldValidation, now: opts.now };
    if (opts.namespace !== undefined) coreOptions.namespace = opts.namespace;
    if (opts.platform !== undefined) coreOptions.platform = opts.platform;
    if (opts.defaultImportMode !== undefined) coreOptions.defaultImportMode = opts.defaultImportMode;
    if (opts.maxTagsPerRepository !== undefined) coreOptions.maxTagsPerRepository = opts.maxTagsPerRepository;
    coreOptions.requestTimeoutMs = opts.requestTimeout;
    if (opts.credentials !== undefined && opts.credentials !== null) {
      coreOptions.credentials = dockerConfigOf(opts.credentials, (input) => this.#oneDocument(input, 'Secret'));
    }
    if (opts.currentImageStream !== undefined && opts.currentImageStream !== null) {
      const current = this.#oneDocument(opts.currentImageStream, 'ImageStream');
      if (current.status) throw new TypeError(`isimport: currentImageStream: ${current.status.message}`);
      coreOptions.currentImageStream = current.json;
    }

    let engine;
    try {
      engine = await this.#importEngineOnce();
    } catch (err) {
      return statusOf(500, 'InternalError', `isimport could not load its import engine: ${err?.message ?? err}`);
    }
    const answer = await runImport(engine, spec.json, coreOptions, {
      fetch: opts.fetch,
      concurrency: opts.concurrency,
      signal: opts.signal,
      onProgress: opts.onProgress,
      onRequestFailure: opts.onRequestFailure,
      onNotice: opts.onNotice,
      proxyPrefix: opts.proxyPrefix,
      importTimeoutMs: opts.importTimeout,
    });
    // A trap leaves the import module in an unknown state: the next import gets a fresh one (the
    // validation module is another instance and stays usable).
    if (answer?.trap) this.#importEngine = null;
    return answer;
  }

  // The import module, instantiated on first use; a failed load is tried again next time.
  #importEngineOnce() {
    this.#importEngine ??= this.#loadImportEngine().catch((err) => {
      this.#importEngine = null;
      throw err;
    });
    return this.#importEngine;
  }

  // Text (JSON or one YAML document), bytes or an object → {json} for the core, or {status}: the
  // 400/413 the API server (or kubectl before it) answers for input that is not one document.
  // A list of one object (as `oc get is NAME -o yaml` may print) stands for that object.
  #oneDocument(input, kind) {
    if (!isTextLike(input)) {
      const wire = toWireInput(input);
      if (wire.error !== undefined) return { status: statusOf(400, 'BadRequest', wire.error) };
      return oneObject(objectsOf({ json: wire.text, raw: true }, wire.text), kind);
    }
    const decoded = decodeText(input);
    if (decoded.error) {
      const { message, line, column } = decoded.error;
      const where = line !== undefined ? ` (line ${line}, column ${column})` : '';
      return { status: statusOf(400, 'BadRequest', `${message}${where}`) };
    }
    const text = decoded.text;
    const lines = new LineIndex(text);
    let split;
    try {
      split = splitDocuments(text, lines);
    } catch (err) {
      return { status: statusOf(400, 'BadRequest', `cannot read the input: ${err?.message ?? err}`) };
    }
    if (split.docs.length !== 1) {
      const message = split.docs.length === 0
        ? `no objects passed to ${kind === 'ImageStreamImport' ? 'import' : 'read'}`
        : `the input holds ${split.docs.length} documents; one ${kind} is needed`;
      return { status: statusOf(400, 'BadRequest', message) };
    }
    const doc = split.docs[0];
    if (doc.tooLarge) return { status: statusOf(413, 'RequestEntityTooLarge', `Request entity too large: limit is ${MAX_BODY_BYTES}`) };
    if (doc.error) {
      const at = doc.error.offset >= 0 ? lines.position(doc.error.offset) : null;
      const where = at ? `line ${at.line}, column ${at.column}: ` : '';
      return { status: statusOf(400, 'BadRequest', `error converting YAML to JSON: yaml: ${where}${doc.error.message}`) };
    }
    return oneObject(objectsOf(doc, text), kind);
  }

  /**
   * An image reference as OpenShift parses it: {valid, registry, namespace, name, tag, id, exact,
   * repository, registryUrl, normalized} or {valid: false, error} with upstream's text.
   */
  parseReference(text) {
    if (typeof text !== 'string') throw new TypeError('isimport: parseReference takes a string');
    const answer = this.#call('Reference', 'parseReference', text);
    return answer.status ? { valid: false, error: answer.status.message } : answer;
  }

  /**
   * Tags in OpenShift's repository-import priority, each with its class ("latest", "minor",
   * "full", "other"): the core's own rule (duplicates collapsed, "" read as "latest").
   */
  prioritizeTags(tags) {
    if (!Array.isArray(tags) || tags.some((t) => typeof t !== 'string')) throw new TypeError('isimport: prioritizeTags takes an array of strings');
    return this.#explainCall('prioritizeTags', JSON.stringify(tags)).tags;
  }

  /**
   * The entry of a manifest list Legacy mode imports for the control plane's platform
   * ("os/arch[/variant]"): {index, rule: "preferred" | "linux/amd64" | "first"}.
   */
  legacyChoice(manifests, platform = 'linux/amd64') {
    if (!Array.isArray(manifests) || manifests.length === 0) throw new TypeError('isimport: legacyChoice takes a non-empty array of {architecture, os}');
    if (typeof platform !== 'string') throw new TypeError('isimport: platform must be a string');
    const entries = manifests.map((m) => ({ architecture: String(m?.architecture ?? ''), os: String(m?.os ?? '') }));
    return this.#explainCall('legacyChoice', JSON.stringify(entries), platform);
  }

  /**
   * What an importPreview() answer means for a person (see explain.js): per image its layers,
   * shares and config; platform tables with the entry Legacy mode would take; every repository
   * tag with the rule that placed it; what each node would pull; the ImageStream's changes.
   * null for a refusal (a Status).
   */
  explain(answer, options = {}) {
    const rules = {
      prioritizeTags: (tags) => this.prioritizeTags(tags),
      legacyChoice: (manifests, platform) => this.legacyChoice(manifests, platform),
    };
    // As the server stores it: decoded with v1 defaults, so that defaults are not read as changes.
    let current = null;
    if (options.currentImageStream !== undefined && options.currentImageStream !== null) {
      const doc = this.#oneDocument(options.currentImageStream, 'ImageStream');
      const decoded = doc.status ? null : this.decode(doc.json, { kind: 'ImageStream', fieldValidation: 'Ignore' });
      current = decoded?.ok ? decoded.object : null;
    }
    return explainImport(answer, { ...options, currentImageStream: current, rules });
  }

  #explainCall(name, ...args) {
    const answer = this.#call('Explain', name, ...args);
    if (answer.usageError !== undefined) throw new TypeError(`isimport: ${answer.usageError}`);
    if (answer.status !== undefined && answer.ok === false) throw new Error(answer.status.message);
    return answer;
  }

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

const FIELD_VALIDATION = ['Strict', 'Warn', 'Ignore'];
const CORE_KINDS = ['ImageStreamImport', 'ImageStream', 'Image'];

// validate()'s options as the core's validateBytes() takes them.
function coreRequest(opts) {
  const kind = opts.kind === undefined ? 0 : CORE_KINDS.indexOf(opts.kind);
  if (kind < 0) throw new TypeError(`isimport: kind must be one of ${CORE_KINDS.join(', ')}`);
  return {
    fieldValidation: FIELD_VALIDATION.indexOf(opts.fieldValidation),
    kind,
    namespace: opts.namespace ?? '',
    namespaceGiven: opts.namespace !== undefined,
  };
}

// The answers validateBytes() gives as a number (api.h, validateCompact): valid, nothing to report.
const COMPACT_ANSWERS = Array.from({ length: 32 }, (_, code) => {
  const kind = CORE_KINDS[code & 3];
  const type = Object.freeze({ apiVersion: code & 4 ? 'image.openshift.io/v1' : '', kind: code & 8 ? kind : '' });
  return Object.freeze({ valid: true, kind, type, decoded: true, ...(code & 16 ? { rootItems: true } : {}) });
});

// A region of the core's memory, kept from call to call and grown when needed (never shrunk: the
// core's heap keeps it): texts are written into it with TextEncoder.encodeInto, answers read out.
class CoreBuffer {
  ptr = 0;
  size = 0;
  static #encoder = new TextEncoder();
  static #decoder = new TextDecoder();

  reserve(core, needed) {
    if (needed <= this.size) return;
    if (this.ptr) core._free(this.ptr);
    this.size = Math.max(needed, 64 * 1024);
    this.ptr = core._malloc(this.size);
    if (!this.ptr) {
      this.size = 0;
      throw new Error(`cannot allocate ${needed} bytes in the core`);
    }
  }

  // Writes `text` as UTF-8; answers its length in bytes.
  write(core, text) {
    this.reserve(core, text.length * 3); // UTF-8 needs at most 3 bytes per UTF-16 unit
    return CoreBuffer.#encoder.encodeInto(text, core.HEAPU8.subarray(this.ptr, this.ptr + this.size)).written;
  }

  // The first `length` bytes as text.
  read(core, length) {
    return CoreBuffer.#decoder.decode(core.HEAPU8.subarray(this.ptr, this.ptr + length));
  }
}

const DEFAULT_VALIDATE_OPTIONS = Object.freeze({ fieldValidation: 'Strict', rejectUnknownKinds: false });

function validateOptions(options) {
  if (options === undefined || options === null) return DEFAULT_VALIDATE_OPTIONS;
  if (typeof options !== 'object') throw new TypeError('isimport: options must be an object');
  const { fieldValidation = 'Strict', kind, namespace, kinds, skip, rejectUnknownKinds = false } = options;
  if (!FIELD_VALIDATION.includes(fieldValidation)) {
    throw new TypeError(`isimport: fieldValidation must be one of ${FIELD_VALIDATION.join(', ')} (got ${JSON.stringify(fieldValidation)})`);
  }
  if (kind !== undefined && typeof kind !== 'string') throw new TypeError('isimport: kind must be a string');
  if (namespace !== undefined && typeof namespace !== 'string') throw new TypeError('isimport: namespace must be a string');
  for (const [name, list] of [['kinds', kinds], ['skip', skip]]) {
    if (list !== undefined && (!Array.isArray(list) || list.some((k) => typeof k !== 'string'))) throw new TypeError(`isimport: ${name} must be an array of kinds`);
  }
  if (typeof rejectUnknownKinds !== 'boolean') throw new TypeError('isimport: rejectUnknownKinds must be a boolean');
  return { fieldValidation, kind, namespace, kinds, skip, rejectUnknownKinds };
}

const IMPORT_MODES = ['Legacy', 'PreserveOriginal'];

// importPreview's options, checked and defaulted (a TypeError for a programming error).
function importOptions(options) {
  if (options === undefined || options === null) options = {};
  if (typeof options !== 'object') throw new TypeError('isimport: options must be an object');
  const o = { ...options };
  const bad = (name, what) => new TypeError(`isimport: ${name} must be ${what} (got ${describeValue(o[name])})`);
  o.fieldValidation ??= 'Strict';
  if (!FIELD_VALIDATION.includes(o.fieldValidation)) throw bad('fieldValidation', `one of ${FIELD_VALIDATION.join(', ')}`);
  for (const name of ['namespace', 'platform', 'proxyPrefix']) {
    if (o[name] !== undefined && typeof o[name] !== 'string') throw bad(name, 'a string');
  }
  if (o.defaultImportMode !== undefined && !IMPORT_MODES.includes(o.defaultImportMode)) throw bad('defaultImportMode', 'Legacy or PreserveOriginal');
  for (const name of ['fetch', 'onProgress', 'onRequestFailure', 'onNotice']) {
    if (o[name] !== undefined && typeof o[name] !== 'function') throw bad(name, 'a function');
  }
  if (o.signal !== undefined && o.signal !== null && (typeof o.signal !== 'object' || typeof o.signal.addEventListener !== 'function' || !('aborted' in o.signal))) {
    throw bad('signal', 'an AbortSignal');
  }
  o.concurrency ??= 6;
  if (!Number.isInteger(o.concurrency) || o.concurrency < 1 || o.concurrency > 64) throw bad('concurrency', 'an integer from 1 to 64');
  if (o.maxTagsPerRepository !== undefined && (!Number.isInteger(o.maxTagsPerRepository) || o.maxTagsPerRepository < -1)) {
    throw bad('maxTagsPerRepository', 'an integer ≥ -1 (-1: unlimited, 0: no tags are listed, as upstream)');
  }
  o.requestTimeout ??= 30_000;
  o.importTimeout ??= 120_000;
  for (const name of ['requestTimeout', 'importTimeout']) {
    if (typeof o[name] !== 'number' || !(o[name] > 0) || o[name] > 3_600_000) throw bad(name, 'a number of milliseconds from 1 to 3600000');
  }
  o.requestTimeout = Math.max(1, Math.round(o.requestTimeout));
  o.now = rfc3339(o.now ?? new Date(), bad);
  return o;
}

// The request time as the core wants it: RFC 3339 in UTC, whole seconds (metav1.Time's precision).
function rfc3339(now, bad) {
  if (typeof now === 'string') return now;
  const date = typeof now === 'number' ? new Date(now) : now;
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw bad('now', 'a Date, epoch milliseconds or RFC 3339 text');
  return date.toISOString().replace(/\.\d+Z$/, 'Z');
}

function describeValue(v) {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'function') return 'a function';
  if (v === null || typeof v !== 'object') return String(v);
  return Array.isArray(v) ? 'an array' : 'an object';
}

// credentials → what the core reads (a docker config.json or a legacy .dockercfg, as text): the
// config itself (object, JSON text), or a kubernetes.io/dockerconfigjson (or dockercfg) Secret
// (object, JSON or YAML text as `oc get secret -o yaml` prints it) whose data is base64.
function dockerConfigOf(credentials, readDocument) {
  let object = credentials;
  if (isTextLike(credentials)) {
    const text = typeof credentials === 'string' ? credentials : new TextDecoder().decode(credentials);
    if (looksLikeJson(text)) {
      try {
        object = JSON.parse(text);
      } catch {
        return text; // the core reports the JSON error as Go's decoder words it
      }
      if (object?.kind !== 'Secret') return text;
    } else {
      const doc = readDocument(text);
      if (doc.status) throw new TypeError(`isimport: credentials: ${doc.status.message}`);
      object = JSON.parse(doc.json);
    }
  }
  if (object === null || typeof object !== 'object' || Array.isArray(object)) {
    throw new TypeError('isimport: credentials must be a docker config.json (object or text) or a kubernetes.io/dockerconfigjson Secret');
  }
  if (object.kind !== 'Secret') return object;
  for (const key of ['.dockerconfigjson', '.dockercfg']) {
    const plain = object.stringData?.[key];
    if (typeof plain === 'string') return plain;
    const encoded = object.data?.[key];
    if (typeof encoded === 'string') {
      const text = base64Text(encoded);
      if (text === null) throw new TypeError(`isimport: credentials: the Secret's data[${JSON.stringify(key)}] is not valid base64`);
      return text;
    }
  }
  throw new TypeError(`isimport: credentials: the Secret${object.metadata?.name ? ` ${JSON.stringify(object.metadata.name)}` : ''} has no data[".dockerconfigjson"] (type kubernetes.io/dockerconfigjson) or data[".dockercfg"]`);
}

function base64Text(encoded) {
  const clean = encoded.replace(/[\r\n]/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1) return null;
  let binary;
  try {
    binary = atob(clean);
  } catch {
    return null;
  }
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

function oneObject(objects, kind) {
  if (objects.length === 1 && !objects[0].listError) return { json: objects[0].json };
  const message = objects[0]?.listError ?? (objects.length === 0 ? `the list holds no ${kind}` : `the list holds ${objects.length} objects; one ${kind} is needed`);
  return { status: statusOf(400, 'BadRequest', message) };
}

function statusOf(code, reason, message) {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}

const isTextLike = (input) => typeof input === 'string' || input instanceof ArrayBuffer || ArrayBuffer.isView(input);

// Text as given, or bytes decoded: a UTF-8 BOM is dropped, a UTF-16 BOM selects UTF-16 (as go-yaml
// reads it); anything that is not well-formed is an error with its position.
function decodeText(input) {
  let text;
  if (typeof input === 'string') {
    text = input;
  } else {
    const bytes = input instanceof ArrayBuffer
      ? new Uint8Array(input)
      : new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    let encoding = 'utf-8';
    if (bytes[0] === 0xff && bytes[1] === 0xfe) encoding = 'utf-16le';
    else if (bytes[0] === 0xfe && bytes[1] === 0xff) encoding = 'utf-16be';
    try {
      text = new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
    } catch {
      if (encoding !== 'utf-8') return { error: { message: `the input is not valid ${encoding.toUpperCase()}` } };
      const bad = firstInvalidUtf8(bytes);
      const before = new TextDecoder('utf-8').decode(bytes.subarray(0, bad));
      const at = new LineIndex(before).position(before.length);
      const byte = bytes[bad].toString(16).toUpperCase().padStart(2, '0');
      return { error: { message: `invalid UTF-8: byte 0x${byte} at offset ${bad}`, ...at } };
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text };
}

function firstInvalidUtf8(b) {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    let need;
    let min;
    if (c < 0x80) { i++; continue; }
    if (c >= 0xc2 && c <= 0xdf) { need = 1; min = 0x80; } else if (c >= 0xe0 && c <= 0xef) { need = 2; min = 0x800; } else if (c >= 0xf0 && c <= 0xf4) { need = 3; min = 0x10000; } else return i;
    let cp = c & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const cc = b[i + k];
      if (cc === undefined || (cc & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return b.length;
}

// An object isimport does not validate (another group's kind): nothing is wrong with it here.
function skipped({ apiVersion, kind }, reason) {
  return { valid: true, skipped: true, kind, apiVersion, reason, causes: [], warnings: [], positions: [], diagnostics: [] };
}

// A result built on the JS side, in validate()'s shape (code 400 for what kubectl refuses before
// sending, 413 for the body limit).
function clientFailure(kind, code, reason, message, diagnostics = []) {
  const k = typeof kind === 'string' && kind !== '' ? kind : 'ImageStreamImport';
  return {
    valid: false,
    kind: k,
    causes: [],
    warnings: [],
    status: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code },
    positions: [],
    diagnostics,
  };
}

// ---------------------------------------------------------------------------------------------
// Positions and hints for a core answer. `where`: {lines, tree, text} (text: raw JSON input whose
// tree is built only when needed), or null for an object input.

const STRICT_ITEM = /(unknown|duplicate) field ("(?:[^"\\]|\\.)*")/g;
const TYPE_ERROR = /json: cannot unmarshal (\S+) into Go struct field [A-Za-z0-9_]+\.(\S+) of type (\S+)/;
const PATH_FOR_MESSAGE = [
  [/namespace of the provided object does not match/, 'metadata.namespace'],
  [/metadata\.name was not generated/, 'metadata.generateName'],
  [/no kind "[^"]*" is registered/, 'kind'],
  [/the API version in the data/, 'apiVersion'],
  [/couldn't get version\/kind/, ''],
];

// A result whose document was decoded: its `object` (decoded, with the server's defaults) is
// spelled out only when read, by a second call into the core, since most callers want the
// verdict alone. A getter on the class, not one defined on each result: defining one per result
// cost as much as a tenth of validating. JSON.stringify still shows `object` (toJSON), after
// `diagnostics`, where a plain result has it.
class DecodedResult {
  #decode;
  #object;
  constructor(fields, decode) {
    Object.assign(this, fields);
    this.#decode = decode;
  }

  get object() {
    if (this.#decode) {
      this.#object = this.#decode();
      this.#decode = null;
    }
    return this.#object;
  }

  toJSON() {
    const out = {};
    for (const key of Object.keys(this)) {
      out[key] = this[key];
      if (key === 'diagnostics') out.object = this.object;
    }
    return out;
  }
}

function locate(answer, where, schemas) {
  const causes = Array.isArray(answer.causes) ? answer.causes : [];
  const warnings = Array.isArray(answer.warnings) ? answer.warnings : [];
  // Nothing to place (the common answer): no tree, no positions.
  if (causes.length === 0 && warnings.length === 0 && answer.status === undefined) {
    return { valid: answer.valid === true, kind: answer.kind, causes: [], warnings: [], positions: [], diagnostics: [] };
  }
  let tree = where?.tree ?? null;
  let treeBuilt = tree !== null;
  const getTree = () => {
    if (!treeBuilt && where?.text != null && where.text.length <= MAX_BODY_BYTES) tree = jsonTree(where.text);
    treeBuilt = true;
    return tree;
  };
  const at = (offset) => (offset >= 0 && where ? where.lines.position(offset) : null);
  const kind = answer.kind;

  const positions = causes.map((c) => at(offsetOfPath(getTree(), c.field ?? '', { message: c.message })));
  const diagnostics = causes.map((c, k) => ({
    severity: 'error',
    message: c.field ? `${c.field}: ${c.message}` : String(c.message ?? ''),
    ...(c.field ? { field: c.field } : {}),
    ...(positions[k] ?? {}),
  }));

  const strictItem = (severity, text) => {
    const out = [];
    for (const m of text.matchAll(STRICT_ITEM)) {
      let path;
      try { path = JSON.parse(m[2]); } catch { continue; }
      const unknown = m[1] === 'unknown';
      const pos = at(offsetOfPath(getTree(), path, { preferKey: true, last: !unknown }));
      const hint = unknown ? suggestField(schemas, kind, path) : null;
      out.push({ severity, message: m[0], field: path, ...(pos ?? {}), ...(hint ? { hint } : {}) });
    }
    return out;
  };

  const status = answer.status;
  if (status && status.code !== 422 && typeof status.message === 'string') {
    const msg = status.message;
    const items = strictItem('error', msg.includes('strict decoding error:') ? msg.slice(msg.indexOf('strict decoding error:')) : '');
    diagnostics.push(...items);
    const type = TYPE_ERROR.exec(msg);
    if (type) {
      diagnostics.push({ severity: 'error', message: type[0], field: type[2], ...(at(offsetOfTypeError(getTree(), type[2], type[3])) ?? {}) });
    } else if (items.length === 0 && Number.isInteger(answer.syntaxOffset)) {
      // Go's words, placed at the byte the core's Go scanner stopped at.
      const why = msg.replace(/^.*?json parse error: /s, '').replace(/ \([^()]*\)$/s, '');
      const pos = where?.text != null ? at(charOffsetOfByte(where.text, 0, answer.syntaxOffset)) : null;
      diagnostics.push({ severity: 'error', message: why, ...(pos ?? {}) });
    } else if (items.length === 0) {
      const rule = PATH_FOR_MESSAGE.find(([re]) => re.test(msg));
      if (rule) {
        const pos = at(offsetOfPath(getTree(), rule[1]));
        const hint = apiVersionHint(msg);
        diagnostics.push({ severity: 'error', message: msg, ...(rule[1] ? { field: rule[1] } : {}), ...(pos ?? {}), ...(hint ? { hint } : {}) });
      }
    }
  }
  for (const w of warnings) {
    const items = strictItem('warning', w);
    if (items.length > 0) diagnostics.push(...items);
    else diagnostics.push({ severity: 'warning', message: w });
  }

  const out = {
    valid: answer.valid === true,
    kind,
    causes,
    warnings,
    positions,
    diagnostics,
  };
  if (answer.status !== undefined) out.status = answer.status;
  return out;
}

// The character offset of a byte offset of the text's UTF-8, counted from `from`.
function charOffsetOfByte(text, from, bytes) {
  let i = from;
  let b = 0;
  while (i < text.length && b < bytes) {
    const cp = text.codePointAt(i);
    b += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    i += cp > 0xffff ? 2 : 1;
  }
  return Math.min(i, text.length);
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
