// validate()'s and importPreview()'s options go to the core, which declares them (names, values,
// defaults: wasm/boundary/options.h) and reads them strictly; a refusal is a TypeError worded by
// the core ("isimport: unknown option \"concurency\" (did you mean \"concurrency\"?)"). JavaScript
// only carries across what JSON cannot: a function or an AbortSignal travels as a word
// ({"$host": "a function"}), a Date as RFC 3339 text, and the values themselves stay here.

/** @typedef {import('./core-abi.js').ValidationCore} ValidationCore */
/** @typedef {import('./boundary.js').ValidateOptionsDecoded} ValidateOptionsDecoded */
/** @typedef {import('./boundary.js').ImportOptionsDecoded} ImportOptionsDecoded */

/**
 * validate()'s options as the core read them, with the numbers validateBytes takes: `request` as
 * the core answered it, `call` what validateBytes is handed per document (the namespace added),
 * `callWithObject` the same asking for the decoded object too.
 * @typedef {object} DecodedValidateOptions
 * @property {ValidateOptionsDecoded} options
 * @property {{fieldValidation: number, kind: number}} request
 * @property {import('./core-abi.js').CoreRequest} call
 * @property {import('./core-abi.js').CoreRequest} callWithObject
 */

// validate() is called per document: the answers for the last few options texts are kept, per core.
/** @type {WeakMap<ValidationCore, Map<string, DecodedValidateOptions>>} */
const validateCaches = new WeakMap();
const VALIDATE_CACHE_SIZE = 64;

/**
 * @param {ValidationCore} core
 * @param {unknown} options
 * @returns {DecodedValidateOptions}
 */
export function decodeValidateOptions(core, options) {
  const wire = wireOptions(options);
  let cache = validateCaches.get(core);
  if (!cache) validateCaches.set(core, (cache = new Map()));
  const cached = cache.get(wire);
  if (cached) return cached;
  const answer = /** @type {{options: ValidateOptionsDecoded, request: {fieldValidation: number, kind: number}}} */ (answerOf(core.call(undefined, 'validateOptions', wire)));
  const { fieldValidation, kind } = answer.request;
  const namespace = answer.options.namespace;
  /** @type {DecodedValidateOptions} */
  const decoded = {
    options: answer.options,
    request: answer.request,
    call: Object.freeze(namespace !== undefined ? { fieldValidation, kind, namespace } : { fieldValidation, kind }),
    callWithObject: Object.freeze(namespace !== undefined ? { fieldValidation, kind, namespace, withObject: true } : { fieldValidation, kind, withObject: true }),
  };
  // Shared by every call with the same options (and handed out by isi.options()): read-only.
  for (const list of [decoded.options.kinds, decoded.options.skip]) Object.freeze(list);
  Object.freeze(decoded.options);
  Object.freeze(decoded.request);
  Object.freeze(decoded);
  if (cache.size >= VALIDATE_CACHE_SIZE) cache.clear();
  cache.set(wire, decoded);
  return decoded;
}

/**
 * validate()'s options of one core, decoded once for every call that passes none and once for
 * the same options object given again unchanged (validate() is called per document, most often
 * with the same options): without the JSON text that decodeValidateOptions() looks its cache up
 * by. A plain object is taken as unchanged when it holds the same own members with the same
 * values, each a data member holding a string, number, boolean, null, undefined or an array of
 * strings (compared item by item); any other options object (a getter, a Date, a function, a
 * class's instance…) goes through decodeValidateOptions() every time.
 */
export class ValidateOptionsCache {
  #core;
  /** @type {DecodedValidateOptions | null} */
  #none = null;
  /** @type {object | null} the options object last decoded, when it can be compared */
  #last = null;
  /** @type {string[]} its keys */
  #keys = [];
  /** @type {unknown[]} its values (arrays copied) */
  #values = [];
  /** @type {DecodedValidateOptions | null} */
  #decoded = null;

  /** @param {ValidationCore} core */
  constructor(core) {
    this.#core = core;
  }

  /**
   * @param {unknown} options
   * @returns {DecodedValidateOptions}
   */
  decode(options) {
    if (options === undefined || options === null) return (this.#none ??= decodeValidateOptions(this.#core, options));
    if (options === this.#last && this.#unchanged(/** @type {Record<string, unknown>} */ (options))) {
      return /** @type {DecodedValidateOptions} */ (this.#decoded);
    }
    const decoded = decodeValidateOptions(this.#core, options);
    this.#remember(options, decoded);
    return decoded;
  }

  /**
   * @param {unknown} options
   * @param {DecodedValidateOptions} decoded
   */
  #remember(options, decoded) {
    this.#last = null;
    if (typeof options !== 'object' || options === null || Array.isArray(options) || 'toJSON' in options) return;
    const proto = Object.getPrototypeOf(options);
    if (proto !== Object.prototype && proto !== null) return;
    const given = /** @type {Record<string, unknown>} */ (options);
    const keys = Object.keys(given);
    const members = Object.getOwnPropertyDescriptors(given);
    /** @type {unknown[]} */
    const values = [];
    for (const key of keys) {
      const member = /** @type {PropertyDescriptor} */ (members[key]);
      if (!('value' in member)) return; // a getter: read once per call, as the JSON text reads it
      const value = member.value;
      if (Array.isArray(value)) {
        if (Object.getPrototypeOf(value) !== Array.prototype || !value.every((v) => typeof v === 'string')) return;
        values.push(value.slice());
      } else if (value === null || (typeof value !== 'object' && typeof value !== 'function' && typeof value !== 'symbol' && typeof value !== 'bigint')) {
        values.push(value);
      } else {
        return;
      }
    }
    this.#last = options;
    this.#keys = keys;
    this.#values = values;
    this.#decoded = decoded;
  }

  /** @param {Record<string, unknown>} options the object last remembered */
  #unchanged(options) {
    const keys = Object.keys(options);
    const before = this.#keys;
    if (keys.length !== before.length) return false;
    for (let i = 0; i < keys.length; i++) {
      const key = /** @type {string} */ (keys[i]);
      if (key !== before[i]) return false;
      const value = options[key];
      const was = this.#values[i];
      if (value === was) continue;
      if (!Array.isArray(value) || !Array.isArray(was) || value.length !== was.length) return false;
      for (let k = 0; k < value.length; k++) if (value[k] !== was[k]) return false;
    }
    return true;
  }
}

/**
 * importPreview()'s options as the core read them (every default filled in), and the JSON the
 * import session reads them from again. `now` is the clock's unless given: the core has none.
 * @param {ValidationCore} core
 * @param {unknown} options with credentials and currentImageStream already read into text
 * @returns {{options: ImportOptionsDecoded, wire: string}}
 */
export function decodeImportOptions(core, options) {
  const given = /** @type {Record<string, unknown>} */ (options);
  const withNow = typeof options === 'object' && options !== null && given.now === undefined ? { ...given, now: new Date() } : options;
  const { options: decoded } = /** @type {{options: ImportOptionsDecoded}} */ (
    answerOf(core.call(undefined, 'importOptions', wireOptions(credentialsStandIn(withNow)))));
  return { options: decoded, wire: wireOptions(withNow) };
}

/**
 * The options as the validation module checks them. It checks their shape only; the credentials
 * themselves go only to the import engine, which zeroes every block it frees, so a stand-in of the
 * same shape takes their place here.
 * @param {unknown} options
 */
function credentialsStandIn(options) {
  const given = /** @type {Record<string, unknown>} */ (options);
  if (typeof options !== 'object' || options === null || given.credentials === undefined || given.credentials === null) return options;
  return { ...given, credentials: typeof given.credentials === 'string' ? '' : {} };
}

/**
 * supplyChain()'s options as the core read them (every default filled in), and the JSON the
 * supply-chain session reads them from again (the credentials checked as a stand-in, as for
 * importPreview()).
 * @param {ValidationCore} core
 * @param {unknown} options with credentials and policies already read (policies: objects)
 * @returns {{options: import('./boundary.js').SupplyChainOptionsDecoded, wire: string}}
 */
export function decodeSupplyChainOptions(core, options) {
  const { options: decoded } = /** @type {{options: import('./boundary.js').SupplyChainOptionsDecoded}} */ (
    answerOf(core.call(undefined, 'supplyChainOptions', wireOptions(credentialsStandIn(options)))));
  return { options: decoded, wire: wireOptions(options) };
}

/**
 * The core's answer, or its usage error thrown as a TypeError; a refused value also names its
 * option and what it takes (`option`, `expected`: the CLI names its flag with them).
 * @param {any} answer
 */
function answerOf(answer) {
  if (answer?.usageError !== undefined) {
    const error = new TypeError(`isimport: ${answer.usageError}`);
    if (answer.option !== undefined) Object.assign(error, { option: answer.option, expected: answer.expected });
    throw error;
  }
  if (answer?.status !== undefined) throw new Error(answer.status.message); // the core trapped
  return answer;
}

/**
 * The options as JSON for the core (undefined members are left out, as absent).
 * @param {unknown} options
 */
export function wireOptions(options) {
  if (options === undefined || options === null) return '';
  if (typeof options !== 'object') return '[]'; // refused by the core: "options must be an object"
  return JSON.stringify(options, replacer);
}

/**
 * @this {Record<string, unknown>} the object holding the member
 * @param {string} key
 * @param {unknown} value
 */
function replacer(key, value) {
  return key === '' ? value : carried(value, this[key]);
}

/**
 * A member's value as JSON can carry it. `raw` is the value before toJSON (a Date's own).
 * @param {unknown} value
 * @param {unknown} raw
 */
function carried(value, raw) {
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? hostWord(raw) : raw.toISOString();
  if (typeof value === 'function' || typeof value === 'bigint' || typeof value === 'symbol') return hostWord(value);
  if (typeof value === 'number' && !Number.isFinite(value)) return hostWord(value);
  if (isAbortSignal(value)) return hostWord(value);
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return hostWord(value);
  return value;
}

/**
 * What a value JSON cannot carry is, in the words the core's refusals use.
 * @param {unknown} value
 */
function hostWord(value) {
  if (typeof value === 'function') return { $host: 'a function' };
  if (isAbortSignal(value)) return { $host: 'an AbortSignal' };
  if (value instanceof Date) return { $host: 'an invalid Date' };
  if (typeof value === 'number') return { $host: String(value) };
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return { $host: 'bytes' };
  return { $host: `a ${typeof value}` }; // a bigint or a symbol
}

/** @param {unknown} value */
function isAbortSignal(value) {
  return typeof value === 'object' && value !== null && 'aborted' in value
    && typeof /** @type {{addEventListener?: unknown}} */ (value).addEventListener === 'function';
}
