// Every "did you mean" of isimport, in one place:
//   - unknown fields, from the generated JSON Schemas (schemas/*.json): a known field at the same
//     place one edit away (OSA distance 1: one insertion, deletion, substitution or transposition
//     of neighbours) or differing only in case; else the same name one level down (a top-level
//     `labels` is `metadata.labels`, `spec.images[0].name` is `from.name`);
//   - kinds: the nearest of a list of kinds (nearestWord);
//   - the legacy `apiVersion: v1` of OpenShift 3's image kinds (apiVersionHint).

import { parsePath } from './locate.js';

/**
 * What the hints read of a JSON Schema (the package's schemas/*.json, or the caller's own); a
 * schema is JSON, so every member is checked before it is followed.
 * @typedef {object} SchemaNode
 * @property {string} [$ref]
 * @property {Record<string, SchemaNode>} [definitions]
 * @property {Record<string, SchemaNode>} [properties]
 * @property {SchemaNode} [items]
 * @property {boolean | SchemaNode} [additionalProperties]
 * @property {SchemaNode[]} [anyOf]
 * @property {SchemaNode[]} [oneOf]
 * @property {SchemaNode[]} [allOf]
 */

/**
 * One step of a field path (locate.js's parsePath): a field by name, or a list item / map key.
 * @typedef {{name: string, key?: undefined} | {key: string, name?: undefined}} PathSegment
 */

// Follows `$ref`s (#/definitions/…) and, for anyOf/oneOf/allOf (e.g. "X or null"), takes the
// first branch that describes an object or an array.
/**
 * @param {SchemaNode} root
 * @param {SchemaNode | undefined} node
 * @param {number} [depth]
 * @returns {SchemaNode | undefined}
 */
function resolve(root, node, depth = 0) {
  for (let k = 0; node && typeof node.$ref === 'string' && k < 64; k++) {
    const m = /^#\/definitions\/(.+)$/.exec(node.$ref);
    node = m ? root.definitions?.[decodeURIComponent(m[1])] : undefined;
  }
  if (node && depth < 8 && !node.properties && !node.items) {
    for (const branch of [...(node.anyOf ?? []), ...(node.oneOf ?? []), ...(node.allOf ?? [])]) {
      const r = resolve(root, branch, depth + 1);
      if (r && (r.properties || r.items || typeof r.additionalProperties === 'object')) return r;
    }
  }
  return node;
}

/**
 * The property names known at `segs` (an object's place) in `schema`, or null.
 * @param {SchemaNode} schema
 * @param {readonly PathSegment[]} segs
 * @returns {string[] | null}
 */
export function knownFields(schema, segs) {
  let node = resolve(schema, schema);
  for (const seg of segs) {
    if (!node) return null;
    if (seg.key !== undefined) {
      node = node.items ?? (typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined);
    } else {
      node = node.properties?.[seg.name] ?? (typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined);
    }
    node = resolve(schema, node);
  }
  return node?.properties ? Object.keys(node.properties) : null;
}

/**
 * Optimal string alignment distance, stopping early once it is over 1.
 * @param {string} a
 * @param {string} b
 */
export function withinOneEdit(a, b) {
  if (a === b) return false;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    // one substitution, or one transposition of neighbours
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  // one insertion or deletion
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * `did you mean "from"?` for the unknown field at `path` in a `kind` document, or null.
 * @param {Partial<Record<string, object>> | null | undefined} schemas JSON Schemas by kind
 * @param {string} kind
 * @param {string} path
 * @returns {string | null}
 */
export function suggestField(schemas, kind, path) {
  const schema = /** @type {SchemaNode | undefined} */ (schemas?.[kind]);
  if (!schema) return null;
  const segs = parsePath(path);
  const leaf = segs.pop();
  if (!leaf || leaf.name === undefined) return null;
  const known = knownFields(schema, segs);
  if (!known) return null;
  const name = leaf.name;
  const lower = name.toLowerCase();
  const match = known.find((k) => k !== name && k.toLowerCase() === lower) ?? known.find((k) => withinOneEdit(name, k));
  if (match !== undefined) return `did you mean ${JSON.stringify(match)}?`;
  // The same name one level down, under a known field (for a list, under its items).
  const below = known.filter((k) => {
    const here = [...segs, { name: k }];
    return (knownFields(schema, here) ?? knownFields(schema, [...here, { key: '0' }]) ?? []).includes(name);
  });
  if (below.length === 0 || below.length > 3) return null;
  return `did you mean ${below.map((k) => JSON.stringify(`${k}.${name}`)).join(' or ')}?`;
}

/**
 * Optimal string alignment distance (insertions, deletions, substitutions, neighbour swaps).
 * @param {string} a
 * @param {string} b
 */
function osaDistance(a, b) {
  /** @type {number[][]} */
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * The candidate nearest to `word` (case aside, or at most two edits away), or null.
 * @param {string} word
 * @param {readonly string[]} candidates
 * @returns {string | null}
 */
export function nearestWord(word, candidates) {
  const lower = word.toLowerCase();
  const same = candidates.find((c) => c.toLowerCase() === lower);
  if (same !== undefined) return same;
  /** @type {string | null} */
  let best = null;
  let bestDistance = 3;
  for (const c of candidates) {
    if (Math.abs(c.length - word.length) >= bestDistance) continue;
    const d = osaDistance(lower, c.toLowerCase());
    if (d < bestDistance) { best = c; bestDistance = d; }
  }
  return best;
}

/**
 * For an image kind sent with another apiVersion (the server refuses it): how OpenShift 4 spells
 * it, or null when the body named none.
 * @param {string} apiVersion as the body wrote it
 * @returns {string | null}
 */
export function apiVersionHint(apiVersion) {
  if (apiVersion === '') return null;
  return apiVersion === 'v1'
    ? `apiVersion: ${IMAGE_GROUP_VERSION} (OpenShift 3 wrote v1; OpenShift 4 serves the image kinds only in ${IMAGE_GROUP_VERSION})`
    : `apiVersion: ${IMAGE_GROUP_VERSION}`;
}

const IMAGE_GROUP_VERSION = 'image.openshift.io/v1';
