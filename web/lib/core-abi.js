// The validation module's calls, as the core declares them (wasm/boundary/api.h): JSON text in
// and out through embind, and validate()'s hot path as a plain export over the module's memory.
// A trap inside the core (a bug, never bad input) leaves the instance in an unknown state: it is
// answered as the API server answers a panic, a 500 InternalError, and the instance refuses
// every later call.

import { decodeFailure, internalError, validationFailure } from './status.js';

/**
 * The Emscripten module of wasm/validation_bindings.cpp (its embind functions and exports).
 * @typedef {object} ValidationModule
 * @property {(text: string, optionsJson: string) => string} decode
 * @property {(text: string) => string} parseReference
 * @property {(tagsJson: string) => string} prioritizeTags
 * @property {(manifestsJson: string, platform: string) => string} legacyChoice
 * @property {(optionsJson: string) => string} validateOptions
 * @property {(optionsJson: string) => string} importOptions
 * @property {(optionsJson: string) => string} supplyChainOptions
 * @property {() => string} compactAnswers
 * @property {() => string} version
 * @property {(text: number, length: number, fieldValidation: number, kind: number, nameSpace: number,
 *   namespaceLength: number, namespaceGiven: boolean, withObject: boolean, out: number, capacity: number) => number} _validateBytes
 * @property {(size: number) => number} _malloc
 * @property {(ptr: number) => void} _free
 * @property {Uint8Array} HEAPU8
 */

/**
 * What validate() sends per document (api.h ValidateRequest): the numbers the core answered for
 * the options (options.js), the namespace, and whether to spell out the object.
 * @typedef {object} CoreRequest
 * @property {number} fieldValidation
 * @property {number} kind
 * @property {string} [namespace]
 * @property {boolean} [withObject]
 */

/**
 * The core's answer to one document (api.h validateJson), or a failure built here.
 * @typedef {object} CoreAnswer
 * @property {boolean} [valid]
 * @property {string} [kind]
 * @property {{apiVersion: string, kind: string}} [type]
 * @property {boolean} [rootItems]
 * @property {boolean} [decoded]
 * @property {import('./api.js').ValidateResult['causes']} [causes]
 * @property {string[]} [warnings]
 * @property {import('./boundary.js').CoreDiagnostic[]} [diagnostics]
 * @property {import('./api.js').ImportRefusal} [status]
 * @property {unknown} [object]
 * @property {string} [usageError]
 * @property {import('./api.js').ValidateResult<never>} [failure]
 */

export class ValidationCore {
  /** @type {ValidationModule} */
  #module;
  /** @type {string | null} the trap that made this instance unusable, if any */
  #broken = null;
  #textIn = new CoreBuffer();
  #namespaceIn = new CoreBuffer();
  #answerOut = new CoreBuffer();
  /** @type {readonly CoreAnswer[]} the answers validateBytes gives as a number (api.h) */
  #compactAnswers;

  /** @param {ValidationModule} module */
  constructor(module) {
    this.#module = module;
    this.#compactAnswers = Object.freeze(/** @type {CoreAnswer[]} */ (JSON.parse(module.compactAnswers())).map((a) => Object.freeze(a)));
  }

  version() {
    return String(this.#module.version());
  }

  /**
   * Calls a core function that answers JSON text, and parses it; a trap or nonsense is a 500 in
   * decode()'s shape (`kind`: the kind that was asked for).
   * @param {unknown} kind
   * @param {'decode' | 'parseReference' | 'prioritizeTags' | 'legacyChoice' | 'validateOptions' | 'importOptions' | 'supplyChainOptions'} name
   * @param {...string} args
   * @returns {any} the core's JSON answer (its shape is the called function's, api.h)
   */
  call(kind, name, ...args) {
    if (this.#broken) return decodeFailure(kind, internalError(this.#unusable()));
    let out;
    try {
      out = /** @type {(...a: string[]) => string} */ (this.#module[name])(...args);
    } catch (err) {
      this.#broken = messageOf(err);
      return decodeFailure(kind, internalError(`isimport core failed in ${name}(): ${this.#broken}`));
    }
    try {
      return JSON.parse(out);
    } catch (err) {
      return decodeFailure(kind, internalError(`isimport core returned invalid JSON from ${name}(): ${messageOf(err)}`));
    }
  }

  /**
   * One crossing for one document: the text written into the core's memory, the options as
   * numbers, the answer a number for the common verdict or JSON written into the core's memory.
   * @param {string} text
   * @param {CoreRequest} request
   * @returns {CoreAnswer}
   */
  validateBytes(text, request) {
    if (this.#broken) return { failure: validationFailure(undefined, internalError(this.#unusable())) };
    const core = this.#module;
    const out = this.#answerOut;
    let code;
    try {
      const length = this.#textIn.write(core, text);
      const nameSpace = request.namespace;
      const namespaceLength = nameSpace === undefined || nameSpace === '' ? 0 : this.#namespaceIn.write(core, nameSpace);
      if (out.size === 0) out.reserve(core, 64 * 1024);
      code = core._validateBytes(this.#textIn.ptr, length, request.fieldValidation, request.kind,
        this.#namespaceIn.ptr, namespaceLength, nameSpace !== undefined, request.withObject === true, out.ptr, out.size);
      if (code < -1 && -code - 1 > out.size) {
        out.reserve(core, -code - 1);
        code = core._validateBytes(this.#textIn.ptr, length, request.fieldValidation, request.kind,
          this.#namespaceIn.ptr, namespaceLength, nameSpace !== undefined, request.withObject === true, out.ptr, out.size);
      }
    } catch (err) {
      this.#broken = messageOf(err);
      return { failure: validationFailure(undefined, internalError(`isimport core failed in validateBytes(): ${this.#broken}`)) };
    }
    if (code >= 0) return /** @type {CoreAnswer} */ (this.#compactAnswers[code]);
    return JSON.parse(out.read(core, -code - 1));
  }

  #unusable() {
    return `isimport core is unusable after an earlier failure (${this.#broken}); call load() again`;
  }
}

/** @param {unknown} err */
const messageOf = (err) => String(/** @type {{message?: unknown}} */ (err)?.message ?? err);

// A region of the core's memory, kept from call to call and grown when needed (never shrunk: the
// core's heap keeps it): texts are written into it with TextEncoder.encodeInto, answers read out.
// The view of the region is kept too, until the region moves or the memory grows (a grown memory
// is a new ArrayBuffer, and the module a new HEAPU8).
class CoreBuffer {
  ptr = 0;
  size = 0;
  /** @type {Uint8Array | null} the HEAPU8 #view was made from */
  #heap = null;
  /** @type {Uint8Array | null} the region, in #heap */
  #view = null;
  static #encoder = new TextEncoder();
  static #decoder = new TextDecoder();

  /**
   * @param {ValidationModule} core
   * @param {number} needed
   */
  reserve(core, needed) {
    if (needed <= this.size) return;
    if (this.ptr) core._free(this.ptr);
    this.#view = null;
    this.size = Math.max(needed, 64 * 1024);
    this.ptr = core._malloc(this.size);
    if (!this.ptr) {
      this.size = 0;
      throw new Error(`cannot allocate ${needed} bytes in the core`);
    }
  }

  /**
   * The region as bytes of the module's current memory.
   * @param {ValidationModule} core
   */
  #region(core) {
    const heap = core.HEAPU8;
    if (this.#view === null || this.#heap !== heap) {
      this.#heap = heap;
      this.#view = heap.subarray(this.ptr, this.ptr + this.size);
    }
    return this.#view;
  }

  /**
   * Writes `text` as UTF-8; answers its length in bytes.
   * @param {ValidationModule} core
   * @param {string} text
   */
  write(core, text) {
    this.reserve(core, text.length * 3); // UTF-8 needs at most 3 bytes per UTF-16 unit
    return CoreBuffer.#encoder.encodeInto(text, this.#region(core)).written;
  }

  /**
   * The first `length` bytes as text.
   * @param {ValidationModule} core
   * @param {number} length
   */
  read(core, length) {
    return CoreBuffer.#decoder.decode(this.#region(core).subarray(0, length));
  }
}
