// The spec's text and the form's edits of it. The text is the source of truth: the form reads the
// document from it and writes each edit back into it, keeping the user's comments and layout
// (YAML through the yaml library's document model, JSON re-indented). Pure: no DOM.

import { parseAllDocuments, parseDocument } from 'yaml';
import { looksLikeJson } from '../lib/documents.js';

/** @typedef {import('./events.js').SpecEdit} SpecEdit */
/** @typedef {import('yaml').ParseOptions & import('yaml').DocumentOptions & import('yaml').SchemaOptions} YamlOptions */
/**
 * The document of a spec's text for the form, or why the form cannot edit it.
 * @typedef {{ format: 'json' | 'yaml', object: Record<string, unknown>, error?: undefined }
 *   | { error: string, format?: undefined, object?: undefined }} ReadSpec
 */
/** A mapping or a list of the JSON document, walked by a path. @typedef {Record<string | number, unknown>} Container */

/** @type {YamlOptions} */
const YAML_READ = { version: '1.1', merge: true, prettyErrors: false };
// Edits go through YAML 1.2's document model: new mappings plain (1.1 would write !!omap), and
// what the user wrote stays as written.
/** @type {YamlOptions} */
const YAML_EDIT = { prettyErrors: false };
/** @type {import('yaml').ToStringOptions} */
const YAML_WRITE = { indentSeq: false, lineWidth: 0 };

/**
 * The one document of `text` as a plain object for the form, or {error} saying why the form cannot
 * edit it (a syntax error, several documents, not a mapping). Never throws.
 * @param {string} text
 * @returns {ReadSpec}
 */
export function readSpec(text) {
  if (looksLikeJson(text)) {
    try {
      const value = JSON.parse(text);
      return isMapping(value) ? { format: 'json', object: value } : { error: 'the form edits a JSON object' };
    } catch {
      return { error: 'fix the JSON syntax to use the form' };
    }
  }
  let docs;
  try {
    docs = parseAllDocuments(text, YAML_READ);
  } catch {
    return { error: 'fix the YAML syntax to use the form' };
  }
  if (!Array.isArray(docs)) docs = [docs];
  const withContent = docs.filter((d) => d.contents !== null);
  if (docs.some((d) => d.errors.length > 0)) return { error: 'fix the YAML syntax to use the form' };
  if (withContent.length > 1) return { error: 'the form edits one document; this text holds several' };
  if (withContent.length === 0) return { format: 'yaml', object: {} };
  const value = withContent[0].toJS({ maxAliasCount: 100 });
  return isMapping(value) ? { format: 'yaml', object: value } : { error: 'the form edits a mapping (an object)' };
}

/** @type {(v: unknown) => v is Record<string, unknown>} */
const isMapping = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * `text` with one edit applied: {op: 'set', path, value} (an empty string, false or undefined
 * removes an optional field, `keep: true` keeps it), {op: 'delete', path}, {op: 'append', path,
 * value}. Paths are arrays of keys and indexes. Returns the new text, or null when the text cannot
 * be edited (see readSpec).
 * @param {string} text
 * @param {SpecEdit} edit
 * @returns {string | null}
 */
export function applyEdit(text, edit) {
  const read = readSpec(text);
  if (read.error) return null;
  const remove = edit.op === 'delete' || (edit.op === 'set' && !edit.keep && (edit.value === '' || edit.value === false || edit.value === undefined));
  if (read.format === 'json') {
    const object = read.object;
    if (remove) deleteIn(object, edit.path);
    else if (edit.op === 'append') appendIn(object, edit.path, edit.value);
    else setIn(object, edit.path, edit.value);
    return `${JSON.stringify(object, null, 2)}\n`;
  }
  const doc = parseDocument(text, YAML_EDIT);
  if (remove) {
    if (!doc.hasIn(edit.path)) return text;
    doc.deleteIn(edit.path);
    pruneEmpty(doc, edit.path.slice(0, -1));
  } else if (edit.op === 'append') {
    if (!doc.hasIn(edit.path)) doc.setIn(edit.path, doc.createNode([]));
    doc.addIn(edit.path, doc.createNode(edit.value));
  } else {
    // A new node, so that a value typed over an empty "" is written plain.
    doc.setIn(edit.path, doc.createNode(edit.value));
  }
  return doc.toString(YAML_WRITE);
}

// After a removal, mappings left empty (`to: {}`) go too, up to the spec's own level.
/**
 * @param {import('yaml').Document} doc
 * @param {Array<string | number>} path
 */
function pruneEmpty(doc, path) {
  for (let p = path; p.length > 2; p = p.slice(0, -1)) {
    // A collection (its items) or a scalar node, or nothing.
    const node = /** @type {{ items?: unknown } | undefined} */ (doc.getIn(p, true));
    if (!node || !Array.isArray(node.items) || node.items.length > 0 || typeof p[p.length - 1] === 'number') return;
    doc.deleteIn(p);
  }
}

/**
 * @param {Container} object
 * @param {Array<string | number>} path
 * @param {unknown} value
 */
function setIn(object, path, value) {
  let o = object;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i];
    if (o[key] === null || typeof o[key] !== 'object') o[key] = typeof path[i + 1] === 'number' ? [] : {};
    o = /** @type {Container} */ (o[key]);
  }
  o[path[path.length - 1]] = value;
}

/**
 * @param {Container} object
 * @param {Array<string | number>} path
 */
function deleteIn(object, path) {
  const parents = [object];
  /** @type {unknown} */
  let o = object;
  for (let i = 0; i < path.length - 1; i++) {
    o = /** @type {Container | undefined} */ (o)?.[path[i]];
    if (o === null || typeof o !== 'object') return;
    parents.push(/** @type {Container} */ (o));
  }
  const last = path[path.length - 1];
  if (Array.isArray(o) && typeof last === 'number') o.splice(last, 1);
  else delete /** @type {Container} */ (o)[last];
  for (let i = parents.length - 1; i > 2; i--) {
    const parent = parents[i];
    if (Array.isArray(parent) || Object.keys(parent).length > 0) break;
    delete parents[i - 1][path[i - 1]];
  }
}

/**
 * @param {Container} object
 * @param {Array<string | number>} path
 * @param {unknown} value
 */
function appendIn(object, path, value) {
  /** @type {unknown} */
  let o = object;
  for (let i = 0; i < path.length; i++) {
    const parent = /** @type {Container} */ (o);
    const key = path[i];
    if (parent[key] === null || typeof parent[key] !== 'object') parent[key] = i === path.length - 1 ? [] : {};
    o = parent[key];
  }
  // The list at `path` (the form appends to lists only).
  /** @type {unknown[]} */ (o).push(value);
}

/** A new spec.images entry as the form adds it. */
export const NEW_IMAGE = Object.freeze({ from: { kind: 'DockerImage', name: '' } });

/** A starting document for an empty editor. */
export const STARTER_SPEC = `apiVersion: image.openshift.io/v1
kind: ImageStreamImport
metadata:
  name: example
spec:
  import: false
  images:
  - from:
      kind: DockerImage
      name: quay.io/openshift/origin-cli:latest
`;
