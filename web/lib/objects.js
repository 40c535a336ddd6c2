// The objects a document holds, as kubectl reads them, and what isimport does with each.
//
// Lists: kubectl decodes any object with an `items` member as a list and sends each item on its
// own (cli-runtime's flattening; recursively, for lists of lists). Items that carry neither `kind`
// nor `apiVersion` take the list's apiVersion and its kind without the "List" suffix, as
// apimachinery's unstructured decoding does for typed lists (an ImageStreamList's items are
// ImageStreams).
//
// Kinds: isimport models ImageStreamImport, ImageStream and Image, and validates them whatever
// their apiVersion says (the legacy `v1` is refused, as OpenShift 4 refuses it, with a hint). The
// other kinds the image.openshift.io group registers are refused (isimport cannot say what the
// server would answer); a kind the group does not have goes to the core, which answers as the
// server does, with a hint naming the nearest kind; a kind of any other group is skipped.

import { emitJson } from './documents.js';
import { jsonTree } from './position-tree.js';
import { deref } from './locate.js';
import { nearestWord } from './hints.js';

/** @typedef {import('./position-tree.js').TreeNode} TreeNode */
/** @typedef {import('./documents.js').SplitDocument} SplitDocument */
/** @typedef {{apiVersion: string, kind: string}} TypeHeader */

/**
 * One object of a document, as kubectl sends it: `item` '' or the path of a list's item, `json`
 * its text, `tree` its positions (null for raw JSON not read yet), `raw` whether `json` is the
 * caller's own text, `listError` when the list itself cannot be read, `answer` the core's answer
 * when it has already been asked.
 * @typedef {object} DocumentObject
 * @property {string} item
 * @property {string} json
 * @property {TreeNode | null | undefined} tree
 * @property {boolean | undefined} raw
 * @property {string} [listError]
 * @property {import('./core-abi.js').CoreAnswer} [answer]
 */

/**
 * @typedef {{action: 'validate'} | {action: 'skip', reason: string} | {action: 'refuse', reason: string, hint: string | null}} KindDecision
 */

export const MODELED_KINDS = Object.freeze(['ImageStreamImport', 'ImageStream', 'Image']);
export const IMAGE_GROUP = 'image.openshift.io';
/** @type {KindDecision} */
const VALIDATE = Object.freeze({ action: 'validate' });
// Every kind openshift/api registers in image.openshift.io/v1 (the nearest one is the hint).
export const IMAGE_GROUP_KINDS = Object.freeze([
  'Image', 'ImageList', 'ImageSignature', 'ImageStream', 'ImageStreamList', 'ImageStreamMapping',
  'ImageStreamTag', 'ImageStreamTagList', 'ImageStreamImage', 'ImageStreamImport', 'ImageStreamLayers',
  'ImageTag', 'ImageTagList', 'SecretList',
]);

/**
 * A map's member (the last one of that key, as encoding/json keeps it).
 * @param {TreeNode | null | undefined} map
 * @param {string} key
 */
function member(map, key) {
  if (map?.t !== 'map') return undefined;
  let found;
  for (const e of map.entries) if (!e.merge && e.key === key) found = e; // the last one, as encoding/json
  return found;
}

/**
 * @param {TreeNode | null | undefined} map
 * @param {string} key
 * @returns {string}
 */
const stringMember = (map, key) => {
  const v = deref(member(map, key)?.value);
  return v?.t === 'scalar' && v.type === 'string' ? v.v : '';
};

/**
 * apiVersion and kind of a document's tree ('' where absent or not a string).
 * @param {TreeNode | null | undefined} tree
 * @returns {TypeHeader}
 */
export function typeOf(tree) {
  const root = deref(tree);
  return { apiVersion: stringMember(root, 'apiVersion'), kind: stringMember(root, 'kind') };
}

/**
 * The objects of one split document ({json, tree?, raw?}; documents.js), flattened when it is a
 * list: [{item: '' | 'items[2]' | 'items[0].items[1]', json, tree}] — `json` is what kubectl sends
 * for that object, `tree` its position tree (offsets into the whole text). A document that is no
 * list comes back as it is (item ''); `text` is the whole input, for JSON documents. `mayBeList`
 * false says that the root of a JSON document has no "items" member (the core's answer tells).
 * @param {{json: string, tree?: TreeNode, raw?: boolean}} doc
 * @param {string} text
 * @param {boolean} [mayBeList]
 * @returns {DocumentObject[]}
 */
export function objectsOf(doc, text, mayBeList = doc.tree != null || !doc.raw || doc.json.includes('"items"')) {
  // A JSON document's tree is built only when it may be a list (and for positions, later).
  /** @type {TreeNode | null | undefined} */
  let tree = doc.tree;
  if (!tree && doc.raw && !mayBeList) return [{ item: '', json: doc.json, tree: null, raw: true }];
  tree ??= jsonTree(doc.json);
  /** @type {DocumentObject[]} */
  const out = [];
  /**
   * @param {TreeNode | null | undefined} node
   * @param {string} json
   * @param {string} item
   * @param {number} depth
   */
  const visit = (node, json, item, depth) => {
    const root = deref(node);
    const items = deref(member(root, 'items')?.value);
    if (depth > 16 || !items || items.t === 'scalar') {
      out.push({ item, json, tree: node, raw: doc.raw && item === '' });
      return;
    }
    if (items.t !== 'seq') {
      // kubectl cannot read it as a list either: the decoder's own error is the answer.
      out.push({ item, json, tree: node, raw: doc.raw && item === '', listError: `json: cannot unmarshal ${items.t === 'map' ? 'object' : 'value'} into Go struct field .items of type []json.RawMessage` });
      return;
    }
    const type = typeOf(root);
    const itemType = { apiVersion: type.apiVersion, kind: type.kind.endsWith('List') ? type.kind.slice(0, -4) : type.kind };
    items.items.forEach((child, i) => {
      const path = `${item ? `${item}.` : ''}items[${i}]`;
      let childJson = doc.raw ? text.slice(child.off, 'end' in child ? child.end : undefined) : emitJson(child);
      const own = typeOf(child);
      if (deref(child)?.t === 'map' && own.apiVersion === '' && own.kind === '' && !member(deref(child), 'kind') && !member(deref(child), 'apiVersion')) {
        childJson = withType(childJson, itemType);
      }
      visit(child, childJson, path, depth + 1);
    });
  };
  visit(tree, doc.json, '', 0);
  return out;
}

/**
 * The item's JSON with the list's kind and apiVersion put in front of its own members.
 * @param {string} json
 * @param {TypeHeader} type
 */
function withType(json, { apiVersion, kind }) {
  const open = json.indexOf('{');
  const rest = json.slice(open + 1).trimStart();
  const head = `{"kind":${JSON.stringify(kind)},"apiVersion":${JSON.stringify(apiVersion)}`;
  return rest.startsWith('}') ? `${head}}` : `${head},${rest}`;
}

/** @param {string} apiVersion */
const groupOf = (apiVersion) => (apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '');

/**
 * The hint for a kind image.openshift.io does not have: the nearest kind, else the ones there are.
 * @param {string} kind
 */
export function kindHint(kind) {
  const nearest = nearestWord(kind, MODELED_KINDS) ?? nearestWord(kind, IMAGE_GROUP_KINDS);
  return nearest ? `did you mean kind: ${nearest}?` : `image.openshift.io kinds: ${MODELED_KINDS.join(', ')}`;
}

/**
 * What isimport does with an object of this apiVersion and kind:
 *   {action: 'validate'}                          a kind isimport models
 *   {action: 'skip', reason}                      another group's kind, or narrowed by kinds/skip
 *   {action: 'refuse', reason, hint?}             an image.openshift.io kind isimport does not model,
 *                                                 or another kind with rejectUnknownKinds
 * `kinds`/`skip`: lists of `Kind` or `apiVersion/Kind` (kubeconform's -kinds and -skip).
 * @param {TypeHeader} type
 * @param {{kinds?: string[], skip?: string[], rejectUnknownKinds?: boolean}} [options]
 * @returns {KindDecision}
 */
export function classify({ apiVersion, kind }, { kinds, skip, rejectUnknownKinds = false } = {}) {
  // The common case first, without building the names below.
  const narrowed = (Array.isArray(skip) && skip.length > 0) || (Array.isArray(kinds) && kinds.length > 0);
  if (!narrowed && (kind === '' || MODELED_KINDS.includes(kind))) return VALIDATE;
  const names = [kind, `${apiVersion}/${kind}`];
  const listed = (/** @type {string[] | undefined} */ list) => Array.isArray(list) && list.some((k) => names.includes(k));
  const type = apiVersion ? `${apiVersion} ${kind}` : kind;
  if (kind !== '' && listed(skip)) return { action: 'skip', reason: `${type}: skipped (--skip)` };
  if (kind !== '' && Array.isArray(kinds) && kinds.length > 0 && !listed(kinds)) return { action: 'skip', reason: `${type}: not among the kinds asked for (--kinds)` };
  if (kind === '' || MODELED_KINDS.includes(kind)) return VALIDATE;
  if (groupOf(apiVersion) === IMAGE_GROUP) {
    if (IMAGE_GROUP_KINDS.includes(kind)) {
      return { action: 'refuse', reason: `isimport does not validate ${kind} (${apiVersion}): it models ImageStreamImport, ImageStream and Image`, hint: null };
    }
    return VALIDATE; // a kind the group does not have: the core answers as the server does (hints: diagnostics.js)
  }
  if (rejectUnknownKinds) return { action: 'refuse', reason: `isimport does not validate ${type} (--reject-unknown-kinds): it models image.openshift.io ImageStreamImport, ImageStream and Image`, hint: null };
  return { action: 'skip', reason: `${type}: not an image.openshift.io kind` };
}
