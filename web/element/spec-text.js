// The spec's text and the form's edits of it. The text is the source of truth: the form reads the
// document from it and writes each edit back into it, keeping the user's comments and layout
// (YAML through the yaml library's document model, JSON re-indented). Pure: no DOM.
//
// The `yaml` package is not imported here: plain block YAML (most specs) is read for the form
// without it (yaml-block.js, as validate() reads it), and for anything else, and for every YAML
// edit, the package is taken from the library's reader once it has come (yaml-reader.js). Until
// then readSpec() answers {pending} and yamlPending() is true: the element imports it and asks again.

import { looksLikeJson } from '../lib/documents.js';
import { readPlainBlock } from '../lib/yaml-block.js';
import { yamlNow } from '../lib/yaml-reader.js';

/** @typedef {import('./events.js').SpecEdit} SpecEdit */
/** @typedef {import('yaml').ParseOptions & import('yaml').DocumentOptions & import('yaml').SchemaOptions} YamlOptions */
/**
 * The document of a spec's text for the form, or why the form cannot edit it; `pending` when the
 * text needs the `yaml` package to be read and it has not come yet (its `error` says so).
 * @typedef {{ format: 'json' | 'yaml', object: Record<string, unknown>, error?: undefined, pending?: undefined }
 *   | { error: string, pending?: true, format?: undefined, object?: undefined }} ReadSpec
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
  const plain = readPlainDocuments(text);
  if (plain) return plain;
  const yaml = yamlNow();
  if (!yaml) return { error: 'reading the YAML…', pending: true };
  let docs;
  try {
    docs = yaml.parseAllDocuments(text, YAML_READ);
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

// The `---` lines that separate documents (k8s.io/apimachinery's YAMLReader, as documents.js splits them).
const SEPARATOR = /^---[ \t]*(?:#[^\n]*)?\r?$/gm;
// Control characters, which the package refuses or reads its own way: left to it.
const CONTROL = /[\x00-\x09\x0b-\x1f\x7f-\x9f]/;

/**
 * readSpec() of a text whose every document is plain block YAML, read without the package (as
 * yaml-block.js reads it, which is the package's reading); null for any other text.
 * @param {string} text
 * @returns {ReadSpec | null}
 */
function readPlainDocuments(text) {
  if (CONTROL.test(text)) return null;
  /** @type {string[]} */
  const docs = [];
  let start = 0;
  for (const m of text.matchAll(SEPARATOR)) {
    if (!addPlain(docs, text, start, m.index)) return null;
    start = m.index + m[0].length;
  }
  if (!addPlain(docs, text, start, text.length)) return null;
  if (docs.length > 1) return { error: 'the form edits one document; this text holds several' };
  if (docs.length === 0) return { format: 'yaml', object: {} };
  const value = JSON.parse(docs[0]);
  return isMapping(value) ? { format: 'yaml', object: value } : { error: 'the form edits a mapping (an object)' };
}

/**
 * Adds the JSON of text[start, end) to `docs` when it is plain block YAML with content; false when
 * it is not plain block YAML.
 * @param {string[]} docs
 * @param {string} text
 * @param {number} start
 * @param {number} end
 */
function addPlain(docs, text, start, end) {
  if (/^\s*$/.test(text.slice(start, end))) return true;
  const read = readPlainBlock(text, start, end);
  if (!read) return false;
  if (!read.empty) docs.push(read.json);
  return true;
}

/**
 * Whether applyEdit() of `text` waits for the `yaml` package (a YAML text, the package not come yet).
 * @param {string} text
 */
export const yamlPending = (text) => !looksLikeJson(text) && yamlNow() === null;

/** @type {(v: unknown) => v is Record<string, unknown>} */
const isMapping = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * `text` with one edit applied: {op: 'set', path, value} (an empty string, false or undefined
 * removes an optional field, `keep: true` keeps it), {op: 'delete', path}, {op: 'append', path,
 * value}. Paths are arrays of keys and indexes. Returns the new text, or null when the text cannot
 * be edited (see readSpec). A YAML text is edited with the `yaml` package: while yamlPending(text),
 * this throws.
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
  const yaml = yamlNow();
  if (!yaml) throw new Error('isimport: the form edits YAML once the yaml package has come (yamlPending())');
  const doc = yaml.parseDocument(text, YAML_EDIT);
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
