// What callers hand in → what the core reads: text as given, bytes decoded (a UTF-8 BOM dropped, a
// UTF-16 BOM selecting UTF-16, as go-yaml reads them), YAML or JSON text split into the documents
// kubectl would send (documents.js), objects serialized as a client library sends them. What
// cannot be read is refused here with the Status the API server (or kubectl before it) answers.

import { MAX_BODY_BYTES, splitDocuments } from './documents.js';
import { LineIndex } from './position-tree.js';
import { objectsOf } from './objects.js';
import { status, tooLarge } from './status.js';

/** @typedef {import('./status.js').Status} Status */
/** @typedef {import('./api.js').Diagnostic} Diagnostic */
/** @typedef {import('./documents.js').SplitDocument} SplitDocument */

/**
 * What could not be read: the Status, and where (when a place is known).
 * @typedef {{status: Status, diagnostics: Diagnostic[]}} Refusal
 */

/** @param {unknown} input */
export const isTextLike = (input) => typeof input === 'string' || input instanceof ArrayBuffer || ArrayBuffer.isView(input);

/**
 * Strings and bytes go to the core as they are (it decides about encodings and size limits);
 * anything else is serialized with JSON.stringify, as a client library would send it.
 * @param {unknown} input
 * @returns {{text: string | Uint8Array, error?: undefined} | {error: string, text?: undefined}}
 */
export function toWireInput(input) {
  if (typeof input === 'string' || input instanceof Uint8Array) return { text: input };
  if (input instanceof ArrayBuffer) return { text: new Uint8Array(input) };
  if (ArrayBuffer.isView(input)) return { text: new Uint8Array(input.buffer, input.byteOffset, input.byteLength) };
  let text;
  try {
    text = JSON.stringify(input);
  } catch (err) {
    return { error: `cannot serialize the object as JSON: ${/** @type {Error} */ (err).message}` };
  }
  if (text === undefined) return { error: `cannot serialize a value of type ${typeof input} as JSON` };
  return { text };
}

/**
 * Text (JSON or YAML) or its bytes → its documents, or the refusal.
 * @param {string | ArrayBuffer | ArrayBufferView} input
 * @returns {{text: string, lines: LineIndex, docs: SplitDocument[], refusal?: undefined} | {refusal: Refusal}}
 */
export function readDocuments(input) {
  const decoded = decodeText(input);
  if (decoded.error) {
    const { message, line, column, byteOffset } = decoded.error;
    const where = line !== undefined ? ` (line ${line}, column ${column})` : '';
    const at = line !== undefined ? { line, column } : {};
    return {
      refusal: {
        status: status(400, 'BadRequest', `${message}${where}`),
        diagnostics: [{ kind: 'syntax', severity: 'error', path: '', byteOffset, message, ...at }],
      },
    };
  }
  const text = /** @type {string} */ (decoded.text);
  const lines = new LineIndex(text);
  try {
    return { text, lines, docs: splitDocuments(text, lines).docs };
  } catch (err) {
    return { refusal: { status: status(400, 'BadRequest', `cannot read the input: ${/** @type {Error} */ (err)?.message ?? err}`), diagnostics: [] } };
  }
}

/**
 * A document that cannot go to the core: over the body limit, or YAML that does not read.
 * @param {SplitDocument} doc
 * @param {LineIndex} lines
 * @returns {Refusal | null}
 */
export function documentRefusal(doc, lines) {
  if (doc.tooLarge) return { status: tooLarge(MAX_BODY_BYTES), diagnostics: [] };
  if (!doc.error) return null;
  const position = doc.error.offset >= 0 ? lines.position(doc.error.offset) : null;
  const where = position ? `line ${position.line}, column ${position.column}: ` : '';
  return {
    status: status(400, 'BadRequest', `error converting YAML to JSON: yaml: ${where}${doc.error.message}`),
    diagnostics: [{ kind: 'syntax', severity: 'error', path: '', byteOffset: -1, message: doc.error.message, ...(position ?? {}) }],
  };
}

/**
 * Text (JSON or one YAML document), bytes or an object → the JSON of one object of `kind` for the
 * core, or the Status refusing it. A list of one object (as `oc get is NAME -o yaml` may print)
 * stands for that object.
 * @param {unknown} input
 * @param {string} kind
 * @returns {{json: string, status?: undefined} | {status: Status}}
 */
export function readOneObject(input, kind) {
  if (!isTextLike(input)) {
    const wire = toWireInput(input);
    if (wire.error !== undefined) return { status: status(400, 'BadRequest', wire.error) };
    const json = /** @type {string} */ (wire.text);
    return oneObject(objectsOf({ json, raw: true }, json), kind);
  }
  const read = readDocuments(/** @type {string | ArrayBuffer | ArrayBufferView} */ (input));
  if (read.refusal) return { status: read.refusal.status };
  if (read.docs.length !== 1) {
    const message = read.docs.length === 0
      ? `no objects passed to ${kind === 'ImageStreamImport' ? 'import' : 'read'}`
      : `the input holds ${read.docs.length} documents; one ${kind} is needed`;
    return { status: status(400, 'BadRequest', message) };
  }
  const doc = /** @type {SplitDocument} */ (read.docs[0]);
  const refusal = documentRefusal(doc, read.lines);
  if (refusal) return { status: refusal.status };
  return oneObject(objectsOf(/** @type {import('./documents.js').JsonDocument | import('./documents.js').YamlDocument} */ (doc), read.text), kind);
}

/**
 * Text (JSON or YAML, any number of documents), bytes or an object → the JSON of every object in
 * it, Lists flattened as kubectl flattens them; or the Status refusing it.
 * @param {unknown} input
 * @returns {{objects: string[], status?: undefined} | {status: Status}}
 */
export function readObjects(input) {
  /** @type {string[]} */
  const objects = [];
  /** @param {ReturnType<typeof objectsOf>} found */
  const add = (found) => {
    for (const object of found) {
      if (object.listError) return status(400, 'BadRequest', object.listError);
      objects.push(object.json);
    }
    return null;
  };
  if (!isTextLike(input)) {
    const wire = toWireInput(input);
    if (wire.error !== undefined) return { status: status(400, 'BadRequest', wire.error) };
    const json = /** @type {string} */ (wire.text);
    const refused = add(objectsOf({ json, raw: true }, json));
    return refused ? { status: refused } : { objects };
  }
  const read = readDocuments(/** @type {string | ArrayBuffer | ArrayBufferView} */ (input));
  if (read.refusal) return { status: read.refusal.status };
  for (const doc of read.docs) {
    const refusal = documentRefusal(doc, read.lines);
    if (refusal) return { status: refusal.status };
    const refused = add(objectsOf(/** @type {import('./documents.js').JsonDocument | import('./documents.js').YamlDocument} */ (doc), read.text));
    if (refused) return { status: refused };
  }
  return { objects };
}

/**
 * @param {ReturnType<typeof objectsOf>} objects
 * @param {string} kind
 * @returns {{json: string, status?: undefined} | {status: Status}}
 */
function oneObject(objects, kind) {
  const first = objects[0];
  if (objects.length === 1 && first && !first.listError) return { json: first.json };
  const message = first?.listError ?? (objects.length === 0 ? `the list holds no ${kind}` : `the list holds ${objects.length} objects; one ${kind} is needed`);
  return { status: status(400, 'BadRequest', message) };
}

/**
 * Text as given, or bytes decoded; anything that is not well-formed is an error with its place.
 * @param {string | ArrayBuffer | ArrayBufferView} input
 * @returns {{text: string, error?: undefined} | {error: {message: string, byteOffset: number, line?: number, column?: number}, text?: undefined}}
 */
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
      text = strictDecoder(encoding).decode(bytes);
    } catch {
      if (encoding !== 'utf-8') return { error: { message: `the input is not valid ${encoding.toUpperCase()}`, byteOffset: -1 } };
      const bad = firstInvalidUtf8(bytes);
      const before = new TextDecoder('utf-8').decode(bytes.subarray(0, bad));
      const at = new LineIndex(before).position(before.length);
      const byte = (bytes[bad] ?? 0).toString(16).toUpperCase().padStart(2, '0');
      return { error: { message: `invalid UTF-8: byte 0x${byte} at offset ${bad}`, byteOffset: bad, ...at } };
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text };
}

/** @type {Map<string, TextDecoder>} */
const decoders = new Map();

/**
 * A decoder that refuses malformed input, one per encoding (one call's decode() leaves no state
 * behind: a decoder is made per encoding, not per input, which on many small files counted).
 * @param {string} encoding
 */
function strictDecoder(encoding) {
  let decoder = decoders.get(encoding);
  if (decoder === undefined) {
    decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: false });
    decoders.set(encoding, decoder);
  }
  return decoder;
}

/**
 * The offset of the first byte that is not part of well-formed UTF-8.
 * @param {Uint8Array} b
 */
function firstInvalidUtf8(b) {
  let i = 0;
  while (i < b.length) {
    const c = /** @type {number} */ (b[i]);
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
