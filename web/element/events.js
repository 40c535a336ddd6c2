// The events <isimport-preview> sends, each carrying the same object the JS API returns. They
// bubble and cross shadow roots (composed), so a console can listen on any ancestor.

/** @typedef {import('../lib/api.js').ValidateResult} ValidateResult */
/** @typedef {import('../lib/api.js').ImportProgress} ImportProgress */
/** @typedef {import('../lib/api.js').ImportResult} ImportResult */
// The classes as index.d.ts declares them, which each implements.
/** @typedef {import('./index.js').IsimportValidateEvent} DeclaredValidateEvent */
/** @typedef {import('./index.js').IsimportProgressEvent} DeclaredProgressEvent */
/** @typedef {import('./index.js').IsimportDoneEvent} DeclaredDoneEvent */
/** @typedef {import('./index.js').IsimportSupplyChainEvent} DeclaredSupplyChainEvent */
/** @typedef {import('../lib/api.js').SupplyChain} SupplyChain */

/**
 * After every validation of the spec: `detail` is isi.validate()'s result.
 * @implements {DeclaredValidateEvent}
 */
export class IsimportValidateEvent extends Event {
  /** @param {ValidateResult} result */
  constructor(result) {
    super('validate', { bubbles: true, composed: true });
    /** @readonly */
    this.detail = result;
  }
}

/**
 * While an import runs: `detail` is importPreview()'s onProgress object.
 * @implements {DeclaredProgressEvent}
 */
export class IsimportProgressEvent extends Event {
  /** @param {ImportProgress} progress */
  constructor(progress) {
    super('progress', { bubbles: true, composed: true });
    /** @readonly */
    this.detail = progress;
  }
}

/**
 * When an import ends (also when cancelled): `detail` is importPreview()'s answer.
 * @implements {DeclaredDoneEvent}
 */
export class IsimportDoneEvent extends Event {
  /** @param {ImportResult} answer */
  constructor(answer) {
    super('done', { bubbles: true, composed: true });
    /** @readonly */
    this.detail = answer;
  }
}

/**
 * When a supply-chain run ends with an answer: `detail` is supplyChain()'s answer.
 * @implements {DeclaredSupplyChainEvent}
 */
export class IsimportSupplyChainEvent extends Event {
  /** @param {SupplyChain} chain */
  constructor(chain) {
    super('supplychain', { bubbles: true, composed: true });
    /** @readonly */
    this.detail = chain;
  }
}

/**
 * An edit of the spec the form asks for (spec-text.js applies it): `set` a value at `path` (an
 * empty string, false or undefined removes an optional field unless `keep`), `delete` it, or
 * `append` a value to the list at `path`. Paths are arrays of keys and indexes.
 * @typedef {{ op: 'set' | 'delete' | 'append', path: Array<string | number>, value?: unknown, keep?: boolean }} SpecEdit
 */
/**
 * The events between the parts, by type: each one's `detail`.
 * @typedef {{
 *   'spec-text': { text: string },
 *   'spec-edit': SpecEdit,
 *   'goto': { line: number, column: number },
 *   'import-start': undefined,
 *   'import-cancel': undefined,
 *   'use-proxy': { prefix: string },
 *   'supply-start': undefined,
 *   'supply-cancel': undefined,
 *   'supply-inputs': undefined,
 * }} PartEventDetails
 */
/**
 * The event a part sends, by type.
 * @template {keyof PartEventDetails} K
 * @typedef {CustomEvent<PartEventDetails[K]>} PartEvent
 */

/**
 * Between the parts of the element (not composed: they stay inside its shadow root).
 * @template {keyof PartEventDetails} K
 * @param {K} type
 * @param {PartEventDetails[K]} [detail]
 * @returns {PartEvent<K>}
 */
export const partEvent = (type, detail) => new CustomEvent(type, { bubbles: true, detail });
