// The core's findings (wasm/json/diagnostic.h: kind, path, byte, message) placed in the text a
// person wrote: a byte of raw JSON becomes its line:column; otherwise the path is looked up in the
// document's position tree (YAML, or JSON when the core saw no byte). Nothing is read out of the
// messages: they are shown as the server words them. Hints ("did you mean") are isimport's own.

import { MAX_BODY_BYTES } from './documents.js';
import { jsonTree } from './position-tree.js';
import { offsetOfPath } from './locate.js';
import { apiVersionHint, suggestField } from './hints.js';
import { kindHint } from './objects.js';

/** @typedef {import('./api.js').Diagnostic} Diagnostic */
/** @typedef {Partial<Record<string, object>>} Schemas the JSON Schemas by kind (loader.js) */
/** @typedef {import('./api.js').Position} Position */
/** @typedef {import('./core-abi.js').CoreAnswer} CoreAnswer */
/** @typedef {import('./core-abi.js').CoreRequest} CoreRequest */
/** @typedef {import('./boundary.js').CoreDiagnostic} CoreDiagnostic */
/** @typedef {import('./position-tree.js').LineIndex} LineIndex */
/** @typedef {import('./position-tree.js').TreeNode} PositionNode */

/**
 * Where a document came from: its lines, its position tree when one was built, and its text when
 * it is raw JSON (a tree is built from it only if a finding needs one). null for an object input.
 * @typedef {{lines: LineIndex, tree: PositionNode | null | undefined, text: string | null}} Source
 */

/**
 * A core answer as validate() returns it: the causes' positions and every finding placed.
 * @param {CoreAnswer} answer
 * @param {Source | null} where
 * @param {Schemas} schemas for hints
 * @returns {import('./api.js').ValidateResult<never>}
 */
export function placeFindings(answer, where, schemas) {
  const causes = Array.isArray(answer.causes) ? answer.causes : [];
  const warnings = Array.isArray(answer.warnings) ? answer.warnings : [];
  const findings = Array.isArray(answer.diagnostics) ? answer.diagnostics : [];
  const kind = /** @type {string} */ (answer.kind);
  const result = { valid: answer.valid === true, kind, causes, warnings, positions: /** @type {Array<Position | null>} */ ([]), diagnostics: /** @type {Diagnostic[]} */ ([]) };
  if (findings.length === 0 && answer.status === undefined) return result;

  const place = placer(where);
  result.diagnostics = findings.map((finding) => {
    const position = place(finding);
    const hint = hintFor(finding, answer, schemas);
    return {
      severity: finding.severity,
      message: finding.message,
      ...(finding.path ? { field: finding.path } : {}),
      ...(position ?? {}),
      ...(hint ? { hint } : {}),
      kind: finding.kind,
      path: finding.path,
      // A byte of the caller's own text only: YAML and objects reach the core re-encoded.
      byteOffset: where?.text != null ? finding.byteOffset : -1,
      ...(finding.goType ? { goType: finding.goType } : {}),
    };
  });
  // A 422's findings start with its causes, one each, in order.
  result.positions = causes.map((_, i) => {
    const d = result.diagnostics[i];
    return d?.line !== undefined ? { line: d.line, column: /** @type {number} */ (d.column) } : null;
  });
  if (answer.status !== undefined) return { ...result, status: answer.status };
  return result;
}

/**
 * placeFindings()'s answer when there is nothing to place (no finding, no status: most answers),
 * else null; `where` is not needed for it.
 * @param {CoreAnswer} answer
 * @returns {import('./api.js').ValidateResult<never> | null}
 */
export function verdictOf(answer) {
  const findings = answer.diagnostics;
  if ((Array.isArray(findings) && findings.length > 0) || answer.status !== undefined) return null;
  return {
    valid: answer.valid === true,
    kind: /** @type {string} */ (answer.kind),
    causes: Array.isArray(answer.causes) ? answer.causes : [],
    warnings: Array.isArray(answer.warnings) ? answer.warnings : [],
    positions: [],
    diagnostics: [],
  };
}

/**
 * The function that places a finding in `where`: by its byte in raw JSON, else by its path.
 * @param {Source | null} where
 * @returns {(finding: CoreDiagnostic) => Position | null}
 */
function placer(where) {
  if (!where) return () => null;
  let tree = where.tree ?? null;
  let treeBuilt = tree !== null;
  const getTree = () => {
    if (!treeBuilt && where.text != null && where.text.length <= MAX_BODY_BYTES) tree = jsonTree(where.text);
    treeBuilt = true;
    return tree;
  };
  /** @param {number} offset */
  const at = (offset) => (offset >= 0 ? where.lines.position(offset) : null);
  return (finding) => {
    if (finding.byteOffset >= 0 && where.text != null) return at(charOffsetOfByte(where.text, finding.byteOffset));
    if (finding.kind === 'syntax') return null;
    const options = {
      preferKey: finding.kind === 'unknownField' || finding.kind === 'duplicateField',
      last: finding.kind === 'duplicateField',
      value: finding.value,
    };
    return at(offsetOfPath(getTree(), finding.path, options));
  };
}

/**
 * isimport's own advice for a finding, or null.
 * @param {CoreDiagnostic} finding
 * @param {CoreAnswer} answer
 * @param {Schemas} schemas
 */
function hintFor(finding, answer, schemas) {
  if (finding.kind === 'unknownField') return suggestField(schemas, /** @type {string} */ (answer.kind), finding.path);
  if (finding.kind !== 'cause' || answer.status?.code === 422) return null;
  if (finding.path === 'apiVersion') return apiVersionHint(answer.type?.apiVersion ?? '');
  if (finding.path === 'kind' && answer.type?.kind) return kindHint(answer.type.kind);
  return null;
}

/**
 * The character offset of a byte of the text's UTF-8.
 * @param {string} text
 * @param {number} bytes
 */
function charOffsetOfByte(text, bytes) {
  let i = 0;
  let b = 0;
  while (i < text.length && b < bytes) {
    const cp = /** @type {number} */ (text.codePointAt(i));
    b += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    i += cp > 0xffff ? 2 : 1;
  }
  return Math.min(i, text.length);
}

/**
 * A result whose document was decoded: its `object` (decoded, with the server's defaults) is
 * spelled out only when read, by a second call into the core, since most callers want the verdict
 * alone. A getter on the class, not one defined on each result: defining one per result cost as
 * much as a tenth of validating. JSON.stringify still shows `object` (toJSON), after
 * `diagnostics`, where a plain result has it. The result's members are copied by name, in
 * placeFindings()'s order (Object.assign cost as much again).
 */
export class DecodedResult {
  /** @type {{validateBytes(json: string, request: CoreRequest): CoreAnswer} | null} the core, until `object` is read */
  #core;
  /** @type {string} */
  #json;
  /** @type {CoreRequest} */
  #request;
  /** @type {unknown} */
  #object = undefined;
  /**
   * @param {import('./api.js').ValidateResult<never>} fields placeFindings()'s result
   * @param {{validateBytes(json: string, request: CoreRequest): CoreAnswer}} core
   * @param {string} json the text the core decodes the object from
   * @param {CoreRequest} request asking for the object (withObject)
   */
  constructor(fields, core, json, request) {
    this.valid = fields.valid;
    this.kind = fields.kind;
    this.causes = fields.causes;
    this.warnings = fields.warnings;
    this.positions = fields.positions;
    this.diagnostics = fields.diagnostics;
    if (fields.status !== undefined) this.status = fields.status;
    this.#core = core;
    this.#json = json;
    this.#request = request;
  }

  get object() {
    if (this.#core) {
      this.#object = this.#core.validateBytes(this.#json, this.#request).object;
      this.#core = null;
    }
    return this.#object;
  }

  toJSON() {
    /** @type {Record<string, unknown>} */
    const out = {};
    const self = /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (this));
    for (const key of Object.keys(this)) {
      out[key] = self[key];
      if (key === 'diagnostics') out.object = this.object;
    }
    return out;
  }
}
