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
// This module only joins the others: loader.js (the modules), core-abi.js (the calls), options.js
// (options, which the core declares and reads), input.js (text and bytes → documents),
// objects.js (lists and kinds), diagnostics.js (findings placed in the text), credentials.js,
// status.js, and import-driver.js (the only I/O: the registry requests the core asks for, with the
// caller's fetch). Bad input is never an exception: it comes back as a result whose status is the
// metav1.Status the API server would answer with. Bad options (a programming error) throw a
// TypeError worded by the core. Types: api.d.ts. The whole boundary: docs/boundary.md.

import { ValidationCore } from './core-abi.js';
import { loadModules } from './loader.js';
import { ValidateOptionsCache, decodeImportOptions, decodeSupplyChainOptions, wireOptions } from './options.js';
import { documentRefusal, isTextLike, readDocuments, readObjects, readOneObject, toWireInput } from './input.js';
import { classify, objectsOf, typeOf } from './objects.js';
import { DecodedResult, placeFindings, verdictOf } from './diagnostics.js';
import { dockerConfigOf } from './credentials.js';
import { decodeFailure, internalError, status, validationFailure } from './status.js';
import { MAX_BODY_BYTES, looksLikeJson } from './documents.js';
import { LineIndex, jsonTree } from './position-tree.js';
import { offsetOfPath } from './locate.js';
import { explainImport } from './explain.js';

// The drivers of imports and supply-chain look-ups are loaded by the first call that needs them,
// as the import engine is: validating never loads them (a CLI run and a page's first validation
// start sooner; bundlers put them in a chunk of their own).
const importDriver = () => import('./import-driver.js');
const supplyChainDriver = () => import('./supply-chain.js');

/**
 * Whether a registry answers a page at all (see import-driver.js).
 * @param {string} url
 * @param {{fetch?: import('./api.js').FetchLike, timeoutMs?: number, pageProtocol?: string}} [options]
 * @returns {Promise<'reachable' | 'unreachable' | 'blocked'>}
 */
export async function probeRegistry(url, options) {
  return (await importDriver()).probeRegistry(url, options);
}

/** @typedef {import('./api.js').Isimport} IsimportApi */
// `never` for the decoded object: its type follows options.kind (api.d.ts declares the overloads).
/** @typedef {import('./api.js').ValidateResult<never>} ValidateResult */
/** @typedef {import('./core-abi.js').CoreRequest} CoreRequest */
/** @typedef {import('./import-driver.js').ImportEngine} ImportEngine */
/** @typedef {import('./core-abi.js').CoreAnswer} CoreAnswer */
/** @typedef {import('./options.js').DecodedValidateOptions} DecodedValidateOptions */
/** @typedef {import('./objects.js').DocumentObject} DocumentObject */

/**
 * Instantiates the core (its validation module; the import engine follows on the first
 * importPreview()). Each call makes a new, independent instance; keep the returned object and
 * call it as often as you like (calls are synchronous and cheap).
 * @param {import('./api.js').LoadOptions} [options]
 * @returns {Promise<import('./api.js').Isimport>}
 */
export async function load(options = {}) {
  const { core, schemas, loadImportEngine } = await loadModules(options);
  return new Isimport(new ValidationCore(/** @type {import('./core-abi.js').ValidationModule} */ (core)), schemas, loadImportEngine);
}

/** @implements {IsimportApi} */
class Isimport {
  #core;
  /** validate()'s options, decoded once for the same options */
  #validateOptions;
  #loadImportEngine;
  /** @type {Promise<ImportEngine> | null} the import module, once an import has asked for it */
  #importEngine = null;
  #schemas;

  /**
   * @param {ValidationCore} core
   * @param {Partial<Record<string, object>>} schemas may read each schema lazily (loader.js)
   * @param {() => Promise<ImportEngine>} loadImportEngine
   */
  constructor(core, schemas, loadImportEngine) {
    this.#core = core;
    this.#validateOptions = new ValidateOptionsCache(core);
    this.#loadImportEngine = loadImportEngine;
    this.#schemas = schemas;
    /** The core's version string. */
    this.version = core.version();
    Object.freeze(this);
  }

  /**
   * Decodes one ImageStreamImport (or options.kind) from JSON text, bytes, or a plain object, the
   * way the API server decodes a request body: JSON only (YAML is refused as the server refuses a
   * body that is not JSON; validate() reads YAML as kubectl does). Never throws for bad input.
   * @param {unknown} input
   * @param {import('./api.js').DecodeOptions} [options]
   * @returns {import('./api.js').DecodeResult<never>}
   */
  decode(input, options) {
    const kind = /** @type {{kind?: unknown} | undefined} */ (options)?.kind;
    const wire = toWireInput(input);
    if (wire.error !== undefined) return decodeFailure(kind, status(400, 'BadRequest', wire.error));
    return this.#core.call(kind, 'decode', /** @type {string} */ (wire.text), wireOptions(options));
  }

  /**
   * Validates one document (JSON or YAML text, UTF-8 bytes, or an object) as the API server's
   * create path does: {valid, kind, causes, warnings, status?, object?, positions, diagnostics}.
   * Text holding several YAML documents is refused: use validateAll().
   * @param {unknown} input
   * @param {import('./api.js').ValidateOptions} [options]
   */
  validate(input, options) {
    const decoded = this.#validateOptions.decode(options);
    // A JSON text (what most callers pass) is one raw document, the text itself, as
    // readDocuments() would read it; the core's answer says whether it is a list, which only
    // the general reading below takes apart.
    if (typeof input === 'string' && looksLikeJson(input)) {
      const answer = this.#core.validateBytes(input, decoded.call);
      if (!(answer.decoded ? answer.rootItems === true : input.includes('"items"'))) {
        return this.#validateObject({ item: '', json: input, tree: null, raw: true, answer }, decoded, new LineIndex(input), input);
      }
    }
    const all = this.#validateInput(input, decoded, false);
    if (all.length === 1) return /** @type {ValidateResult} */ (all[0]);
    const message = all.length === 0
      ? 'no objects passed to validate'
      : `the input holds ${all.length} objects; validate() takes one (use validateAll())`;
    return validationFailure(decoded.options.kind, status(400, 'BadRequest', message));
  }

  /**
   * Validates every object of a (multi-document) YAML or JSON text, as kubectl sends them: a list
   * (any object with `items`) is flattened. An array of validate() results, each with `source`, the
   * index of its document in the text (empty and `null` documents are skipped, as kubectl skips
   * them, and not counted), and `item` ('' or the path of a list item, `items[2]`). Objects of
   * other groups are skipped ({skipped: true, reason}); options `kinds`, `skip` and
   * `rejectUnknownKinds` narrow or widen that (see objects.js).
   * @param {unknown} input
   * @param {import('./api.js').ValidateOptions} [options]
   */
  validateAll(input, options) {
    return /** @type {import('./api.js').ValidateAllResult<never>[]} */ (this.#validateInput(input, this.#validateOptions.decode(options), true));
  }

  /**
   * The results of validate() and validateAll(); `numbered` adds each one's source and item.
   * (Assigned, not spread: a spread would read the lazy `object`.)
   * @param {unknown} input
   * @param {DecodedValidateOptions} decoded
   * @param {boolean} numbered
   * @returns {ValidateResult[]}
   */
  #validateInput(input, decoded, numbered) {
    const opts = decoded.options;
    const request = decoded.call;
    const at = numbered ? numbered_ : unnumbered;

    // An object: serialized as a client library would send it; no positions.
    if (!isTextLike(input)) {
      const wire = toWireInput(input);
      if (wire.error !== undefined) return [at(validationFailure(opts.kind, status(400, 'BadRequest', wire.error)), 0, '')];
      const object = { item: '', json: /** @type {string} */ (wire.text), tree: null, raw: false };
      return [at(this.#validateObject(object, decoded, null, ''), 0, '')];
    }

    const read = readDocuments(/** @type {string | ArrayBuffer | ArrayBufferView} */ (input));
    if (read.refusal) return [at(validationFailure(opts.kind, read.refusal.status, read.refusal.diagnostics), 0, '')];
    const { text, lines, docs } = read;
    /** @type {ValidateResult[]} */
    const results = [];
    for (let index = 0; index < docs.length; index++) {
      const doc = /** @type {import('./documents.js').SplitDocument} */ (docs[index]);
      const refusal = documentRefusal(doc, lines);
      if (refusal) {
        results.push(at(validationFailure(opts.kind, refusal.status, refusal.diagnostics), index, ''));
        continue;
      }
      const readable = /** @type {import('./documents.js').JsonDocument | import('./documents.js').YamlDocument} */ (doc);
      for (const object of this.#objectsOfDocument(readable, text, request)) {
        results.push(at(this.#validateObject(object, decoded, lines, text), index, object.item));
      }
    }
    return results;
  }

  /**
   * The objects of one document. A JSON text goes to the core at once: once the core has decoded
   * it, its answer says whether the root has "items" (a list, then read again object by object),
   * so that the text is not searched in JS (which cost as much as a tenth of validating it).
   * @param {import('./documents.js').JsonDocument | import('./documents.js').YamlDocument} doc
   * @param {string} text
   * @param {CoreRequest} request
   * @returns {DocumentObject[]}
   */
  #objectsOfDocument(doc, text, request) {
    if (doc.tree || !doc.raw) return objectsOf(doc, text);
    const answer = this.#core.validateBytes(doc.json, request);
    const mayBeList = answer.decoded ? answer.rootItems === true : doc.json.includes('"items"');
    if (!mayBeList) return [{ item: '', json: doc.json, tree: null, raw: true, answer }];
    return objectsOf(doc, text, true);
  }

  /**
   * One object of a document: skipped or refused by its kind, else validated by the core. A YAML
   * document's kind is known from its tree; a JSON one's from the core's answer (reading the text
   * in JS only for that would cost as much as validating it).
   * @param {DocumentObject} object
   * @param {DecodedValidateOptions} decoded
   * @param {LineIndex | null} lines the lines of the text the object was read from; null for an object input
   * @param {string} text that text
   * @returns {ValidateResult}
   */
  #validateObject(object, decoded, lines, text) {
    const opts = decoded.options;
    if (object.listError) return validationFailure(opts.kind, status(400, 'BadRequest', object.listError));
    /** @type {CoreAnswer | null} */
    let answer = null;
    let type;
    if (object.tree) {
      type = typeOf(object.tree);
    } else {
      answer = object.answer ?? this.#core.validateBytes(object.json, decoded.call);
      if (answer.failure) return answer.failure;
      type = answer.type ?? { apiVersion: '', kind: '' };
    }
    const decided = classify(type, opts);
    if (decided.action === 'skip') return skipped(type, decided.reason);
    if (decided.action === 'refuse') return refusedKind(type, decided, object, lines, text);
    answer ??= this.#core.validateBytes(object.json, decoded.call);
    if (answer.failure) return answer.failure;
    // Nothing to place (most answers): the verdict as placeFindings() would give it, and for a
    // decoded document its object behind a getter.
    const verdict = verdictOf(answer);
    if (verdict !== null) {
      return /** @type {ValidateResult} */ (answer.decoded
        ? new DecodedResult(verdict, this.#core, object.json, decoded.callWithObject)
        : verdict);
    }
    const where = lines ? { lines, tree: object.tree, text: object.raw ? text : null } : null;
    const result = placeFindings(answer, where, this.#schemas);
    if (!answer.decoded) return result;
    return /** @type {ValidateResult} */ (/** @type {unknown} */ (new DecodedResult(result, this.#core, object.json, decoded.callWithObject)));
  }

  /**
   * Performs the import the API server would perform for a POST of this ImageStreamImport, against
   * the real registries (through `options.fetch`, default globalThis.fetch), and resolves to the
   * answer: the ImageStreamImport with its status — or, for a spec the server would refuse, the
   * Status it would answer (400/413/422), without any request. Per-image failures (not found,
   * unauthorized, timeouts, aborts) live in the per-image status, as upstream reports them. Bad
   * options throw a TypeError. See api.d.ts (ImportPreviewOptions) for every option.
   * @param {unknown} specOrText
   * @param {import('./api.js').ImportPreviewOptions} [options]
   */
  async importPreview(specOrText, options) {
    const given = /** @type {Record<string, unknown>} */ (options ?? {});
    // The two documents are read here (YAML, Secrets); the core reads the rest.
    const readable = withCredentialsRead(given);
    if (given.currentImageStream !== undefined && given.currentImageStream !== null) {
      const current = readOneObject(given.currentImageStream, 'ImageStream');
      if (current.status) throw new TypeError(`isimport: currentImageStream: ${current.status.message}`);
      readable.currentImageStream = current.json;
    }
    const { options: decoded, wire } = decodeImportOptions(this.#core, typeof options === 'object' && options !== null ? readable : options);
    const spec = readOneObject(specOrText, 'ImageStreamImport');
    if (spec.status) return spec.status;

    let engine;
    let runImport;
    try {
      [engine, { runImport }] = await Promise.all([this.#importEngineOnce(), importDriver()]);
    } catch (err) {
      return internalError(`isimport could not load its import engine: ${/** @type {Error} */ (err)?.message ?? err}`);
    }
    const host = /** @type {import('./api.js').ImportPreviewOptions} */ (given);
    const answer = await runImport(engine, spec.json, wire, {
      // null counts as absent, as the core reads it.
      fetch: host.fetch ?? undefined,
      concurrency: decoded.concurrency,
      signal: host.signal ?? undefined,
      onProgress: host.onProgress ?? undefined,
      onRequestFailure: host.onRequestFailure ?? undefined,
      onNotice: host.onNotice ?? undefined,
      proxyPrefix: decoded.proxyPrefix,
      importTimeoutMs: decoded.importTimeout,
    });
    // A trap leaves the import module in an unknown state: the next import gets a fresh one (the
    // validation module is another instance and stays usable).
    if (/** @type {{trap?: boolean}} */ (answer)?.trap) this.#importEngine = null;
    return answer;
  }

  /**
   * What vouches for each image of an ImageStreamImport answer (from importPreview() or from a
   * cluster): signatures, attestations and SBOMs found beside every digest, signatures checked with
   * `options.keys`, and what the image policies in `options.policies` would decide at pull
   * (docs/supply-chain.md §9). Resolves to {subjects, errors}; a repository that cannot be read is
   * one of the errors. Bad options, a key that is no public key and an answer that is no
   * ImageStreamImport throw a TypeError; a policy the API server would refuse throws an Error whose
   * `status` is its 422 Status.
   * @param {unknown} answer
   * @param {import('./api.js').SupplyChainOptions} [options]
   * @returns {Promise<import('./api.js').SupplyChain>}
   */
  async supplyChain(answer, options) {
    const given = /** @type {Record<string, unknown>} */ (options ?? {});
    const readable = withCredentialsRead(given);
    // Policies may be YAML texts with several documents, or Lists: the core gets one JSON text each.
    if (Array.isArray(given.policies)) {
      readable.policies = given.policies.flatMap((policy, i) => {
        const read = readObjects(policy);
        if (read.status) throw new TypeError(`isimport: policies[${i}]: ${read.status.message}`);
        return read.objects;
      });
    }
    const { options: decoded, wire } = decodeSupplyChainOptions(this.#core, typeof options === 'object' && options !== null ? readable : options);
    const subject = readOneObject(answer, 'ImageStreamImport');
    if (subject.status) throw new TypeError(`isimport: the answer: ${subject.status.message}`);
    const [engine, { runSupplyChain }] = await Promise.all([this.#importEngineOnce(), supplyChainDriver()]);
    const host = /** @type {import('./api.js').SupplyChainOptions} */ (given);
    const result = await runSupplyChain(engine, subject.json, wire, {
      fetch: host.fetch ?? undefined,
      concurrency: decoded.concurrency,
      signal: host.signal ?? undefined,
      onProgress: /** @type {(progress: unknown) => void} */ (host.onProgress ?? undefined),
      proxyPrefix: decoded.proxyPrefix,
      importTimeoutMs: decoded.timeout,
    });
    if (/** @type {{trap?: boolean}} */ (result)?.trap) this.#importEngine = null;
    if ('kind' in result && result.kind === 'Status') {
      throw Object.assign(new Error(`isimport: ${result.message}`), { status: result });
    }
    return /** @type {import('./api.js').SupplyChain} */ (result);
  }

  /**
   * @overload
   * @param {'validate'} call
   * @param {import('./api.js').ValidateOptions} [options]
   * @returns {import('./api.js').ValidateOptionsDecoded}
   */
  /**
   * @overload
   * @param {'importPreview'} call
   * @param {import('./api.js').ImportPreviewOptions} [options]
   * @returns {import('./api.js').ImportOptionsDecoded}
   */
  /**
   * @overload
   * @param {'supplyChain'} call
   * @param {import('./api.js').SupplyChainOptions} [options]
   * @returns {import('./api.js').SupplyChainOptionsDecoded}
   */
  /**
   * The options as the core reads them, every default filled in: what validate() or
   * importPreview() would run with (docs/options.md). Throws the TypeError those would throw.
   * @param {'validate' | 'importPreview' | 'supplyChain'} call
   * @param {unknown} [options]
   * @returns {import('./api.js').ValidateOptionsDecoded | import('./api.js').ImportOptionsDecoded | import('./api.js').SupplyChainOptionsDecoded}
   */
  options(call, options) {
    if (call === 'validate') return this.#validateOptions.decode(options).options;
    if (call === 'importPreview') return decodeImportOptions(this.#core, options ?? {}).options;
    if (call === 'supplyChain') return decodeSupplyChainOptions(this.#core, options ?? {}).options;
    throw new TypeError('isimport: options() takes "validate", "importPreview" or "supplyChain"');
  }

  /** The import module, instantiated on first use; a failed load is tried again next time. */
  #importEngineOnce() {
    this.#importEngine ??= this.#loadImportEngine().catch((err) => {
      this.#importEngine = null;
      throw err;
    });
    return this.#importEngine;
  }

  /**
   * An image reference as OpenShift parses it: {valid, registry, namespace, name, tag, id, exact,
   * repository, registryUrl, normalized} or {valid: false, error} with upstream's text.
   * @param {string} text
   */
  parseReference(text) {
    if (typeof text !== 'string') throw new TypeError('isimport: parseReference takes a string');
    const answer = this.#core.call('Reference', 'parseReference', text);
    return answer.status ? { valid: false, error: answer.status.message } : answer;
  }

  /**
   * Tags in OpenShift's repository-import priority, each with its class ("latest", "minor",
   * "full", "other"): the core's own rule (duplicates collapsed, "" read as "latest").
   * @param {string[]} tags
   */
  prioritizeTags(tags) {
    if (!Array.isArray(tags) || tags.some((t) => typeof t !== 'string')) throw new TypeError('isimport: prioritizeTags takes an array of strings');
    return this.#explainCall('prioritizeTags', JSON.stringify(tags)).tags;
  }

  /**
   * The entry of a manifest list Legacy mode imports for the control plane's platform
   * ("os/arch[/variant]"): {index, rule: "preferred" | "linux/amd64" | "first"}.
   * @param {Array<{architecture?: unknown, os?: unknown}>} manifests
   * @param {string} [platform]
   */
  legacyChoice(manifests, platform = this.options('importPreview').platform) {
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
   * @param {import('./api.js').ImportResult} answer
   * @param {import('./api.js').ExplainOptions} [options]
   */
  explain(answer, options = {}) {
    const rules = {
      prioritizeTags: (/** @type {string[]} */ tags) => this.prioritizeTags(tags),
      legacyChoice: (/** @type {Array<{architecture?: unknown, os?: unknown}>} */ manifests, /** @type {string} */ platform) => this.legacyChoice(manifests, platform),
    };
    // As the server stores it: decoded with v1 defaults, so that defaults are not read as changes.
    let current = null;
    if (options.currentImageStream !== undefined && options.currentImageStream !== null) {
      const doc = readOneObject(options.currentImageStream, 'ImageStream');
      const decoded = doc.status ? null : this.decode(doc.json, { kind: 'ImageStream', fieldValidation: 'Ignore' });
      current = decoded?.ok ? decoded.object : null;
    }
    // What the options leave out, as an import would have taken it (the core's defaults).
    const { platform, maxTagsPerRepository } = this.options('importPreview', { platform: options.platform, maxTagsPerRepository: options.maxTagsPerRepository });
    return explainImport(answer, { currentImageStream: current, rules, platform, maxTagsPerRepository });
  }

  /**
   * @param {'prioritizeTags' | 'legacyChoice'} name
   * @param {...string} args
   */
  #explainCall(name, ...args) {
    const answer = this.#core.call('Explain', name, ...args);
    if (answer.usageError !== undefined) throw new TypeError(`isimport: ${answer.usageError}`);
    if (answer.status !== undefined && answer.ok === false) throw new Error(answer.status.message);
    return answer;
  }
}

/**
 * A validateAll() result: numbered with its document and item. (Assigned, not spread: a spread
 * would read the lazy `object`.)
 * @param {ValidateResult} result
 * @param {number} source
 * @param {string} item
 */
const numbered_ = (result, source, item) => Object.assign(result, { source, item });

/**
 * A validate() result: as it is.
 * @param {ValidateResult} result
 * @param {number} _source
 * @param {string} _item
 */
const unnumbered = (result, _source, _item) => result;

/**
 * An object isimport does not validate (another group's kind): nothing is wrong with it here.
 * @param {{apiVersion: string, kind: string}} type
 * @param {string} reason
 * @returns {ValidateResult}
 */
function skipped({ apiVersion, kind }, reason) {
  return { valid: true, skipped: true, kind, apiVersion, reason, causes: [], warnings: [], positions: [], diagnostics: [] };
}

/**
 * An image.openshift.io kind isimport does not model (or any other, with rejectUnknownKinds):
 * refused at its `kind`.
 * @param {{apiVersion: string, kind: string}} type
 * @param {{reason: string, hint?: string | null}} decided
 * @param {DocumentObject} object
 * @param {LineIndex | null} lines the lines of the text the object was read from; null for an object input
 * @param {string} text that text
 * @returns {ValidateResult}
 */
function refusedKind(type, decided, object, lines, text) {
  const tree = object.tree ?? (lines && object.raw && text.length <= MAX_BODY_BYTES ? jsonTree(object.json) : null);
  const offset = tree ? offsetOfPath(tree, 'kind') : -1;
  const at = offset >= 0 && lines ? lines.position(offset) : {};
  return validationFailure(type.kind, status(400, 'BadRequest', decided.reason), [{
    severity: 'error', message: decided.reason, field: 'kind', ...at, ...(decided.hint ? { hint: decided.hint } : {}),
    kind: 'cause', path: 'kind', byteOffset: -1,
  }]);
}

/**
 * The options with their credentials read (a docker config.json or a dockerconfigjson Secret, text
 * or object, into the config.json the core reads), for importPreview() and supplyChain().
 * @param {Record<string, unknown>} given
 * @returns {Record<string, unknown>}
 */
function withCredentialsRead(given) {
  if (given.credentials === undefined || given.credentials === null) return { ...given };
  return { ...given, credentials: dockerConfigOf(given.credentials, (input) => readOneObject(input, 'Secret')) };
}
