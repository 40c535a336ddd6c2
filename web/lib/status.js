// The answers built on the JavaScript side, in the shapes the core answers with: one metav1.Status
// builder, and the two result shapes that carry one (decode()'s and validate()'s). The core builds
// its own Statuses (model/status_builders.h); these are for what is refused before it is reached
// (bytes that are not text, YAML that does not read, a list of the wrong size, a trapped core).

/** @typedef {import('./api.js').ImportRefusal} Status a failure Status, every member present */
/** @typedef {import('./api.js').ValidateResult<never>} ValidateResult */
/** @typedef {import('./api.js').Diagnostic} Diagnostic */

const DEFAULT_KIND = 'ImageStreamImport';

/**
 * A failure Status as the API server writes one.
 * @param {number} code
 * @param {string} reason
 * @param {string} message
 * @returns {Status}
 */
export function status(code, reason, message) {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}

/** A 500 InternalError: the core trapped or answered nonsense. */
export const internalError = (/** @type {string} */ message) => status(500, 'InternalError', message);

/** The request body limit, as the API server refuses it. */
export const tooLarge = (/** @type {number} */ limit) => status(413, 'RequestEntityTooLarge', `Request entity too large: limit is ${limit}`);

/** @param {unknown} kind */
const kindOr = (kind) => (typeof kind === 'string' && kind !== '' ? kind : DEFAULT_KIND);

/**
 * decode()'s shape for a failure found before the core.
 * @param {unknown} kind the kind that was asked for
 * @param {Status} failure
 */
export function decodeFailure(kind, failure) {
  return { ok: /** @type {const} */ (false), kind: kindOr(kind), warnings: [], status: failure };
}

/**
 * validate()'s shape for a failure found before the core (code 400 for what kubectl refuses before
 * sending, 413 for the body limit, 500 for a trapped core).
 * @param {unknown} kind
 * @param {Status} failure
 * @param {Diagnostic[]} [diagnostics]
 * @returns {ValidateResult}
 */
export function validationFailure(kind, failure, diagnostics = []) {
  return { valid: false, kind: kindOr(kind), causes: [], warnings: [], status: failure, positions: [], diagnostics };
}
