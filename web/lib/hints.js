// "Did you mean" for unknown fields, from the generated JSON Schemas (schemas/*.json): when a
// known field at the same place is one edit away (OSA distance 1: one insertion, deletion,
// substitution or transposition of neighbours) or differs only in case.

import { parsePath } from './locate.js';

// Follows `$ref`s (#/definitions/…) and, for anyOf/oneOf/allOf (e.g. "X or null"), takes the
// first branch that describes an object or an array.
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

/** The property names known at `segs` (an object's place) in `schema`, or null. */
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

/** Optimal string alignment distance, stopping early once it is over 1. */
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

/** `did you mean "from"?` for the unknown field at `path` in a `kind` document, or null. */
export function suggestField(schemas, kind, path) {
  const schema = schemas?.[kind];
  if (!schema) return null;
  const segs = parsePath(path);
  const leaf = segs.pop();
  if (!leaf || leaf.name === undefined) return null;
  const known = knownFields(schema, segs);
  if (!known) return null;
  const name = leaf.name;
  const lower = name.toLowerCase();
  const match = known.find((k) => k !== name && k.toLowerCase() === lower) ?? known.find((k) => withinOneEdit(name, k));
  return match === undefined ? null : `did you mean ${JSON.stringify(match)}?`;
}
