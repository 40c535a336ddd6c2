// Field paths (`spec.images[0].from.kind`, `metadata.labels[app]`, `spec.tags[latest].from`) →
// offsets in a position tree (position-tree.js); diagnostics.js turns them into line:column.

/** @typedef {import('./position-tree.js').TreeNode} TreeNode */
/** @typedef {import('./position-tree.js').MapNode} MapNode */
/** @typedef {import('./position-tree.js').SeqNode} SeqNode */
/** @typedef {import('./position-tree.js').MapEntry} MapEntry */
/** @typedef {{name: string, key?: undefined} | {key: string, name?: undefined}} Segment */
/** @typedef {{node: TreeNode | null | undefined, entry: MapEntry | null, exact: boolean}} Found */

/**
 * `spec.images[0].from` → [{name:'spec'}, {name:'images'}, {key:'0'}, {name:'from'}].
 * @param {string} path
 * @returns {Segment[]}
 */
export function parsePath(path) {
  /** @type {Segment[]} */
  const segs = [];
  let i = 0;
  while (i < path.length) {
    const c = path[i];
    if (c === '.') { i++; continue; }
    if (c === '[') {
      const j = path.indexOf(']', i + 1);
      if (j === -1) { segs.push({ name: path.slice(i) }); break; }
      segs.push({ key: path.slice(i + 1, j) });
      i = j + 1;
      continue;
    }
    let j = i;
    while (j < path.length && path[j] !== '.' && path[j] !== '[') j++;
    segs.push({ name: path.slice(i, j) });
    i = j;
  }
  return segs;
}

/**
 * The node an alias stands for (at most 1000 hops).
 * @param {TreeNode | null | undefined} n
 * @returns {TreeNode | null | undefined}
 */
export const deref = (n) => {
  for (let k = 0; n && n.t === 'alias' && k < 1000; k++) n = n.target;
  return n;
};

/**
 * The entry of `map` with this key (the first, or with `last` the last), else one its merge keys
 * bring in.
 * @param {MapNode} map
 * @param {string} key
 * @param {boolean} last
 * @returns {MapEntry | null}
 */
function findEntry(map, key, last) {
  let found = null;
  for (const e of map.entries) {
    if (!e.merge && e.key === key) {
      found = e;
      if (!last) break;
    }
  }
  if (found) return found;
  for (const e of map.entries) {
    if (!e.merge) continue;
    for (const src of e.merge) {
      const f = findEntry(src, key, last);
      if (f) return f;
    }
  }
  return null;
}

/**
 * A list's item by index, or by the name (or tag) a field path puts in brackets.
 * @param {SeqNode} seq
 * @param {string} key
 */
function findItem(seq, key) {
  if (/^(0|[1-9][0-9]*)$/.test(key)) return seq.items[Number(key)] ?? null;
  // Named list entries, as field paths name them: spec.tags[<name>], status.tags[<tag>].
  for (const item of seq.items) {
    const m = deref(item);
    if (m?.t !== 'map') continue;
    for (const field of ['name', 'tag']) {
      const e = findEntry(m, field, false);
      const v = deref(e?.value);
      if (v?.t === 'scalar' && String(v.v) === key) return item;
    }
  }
  return null;
}

/**
 * Follows `segs` as far as the tree has them. Returns {node, entry, exact}: the deepest node
 * reached, the map entry that holds it (when reached through a map key), and whether the whole path
 * was found. `last`: for a repeated key take the last one (duplicate fields).
 * @param {TreeNode | null | undefined} tree
 * @param {Segment[]} segs
 * @param {{last?: boolean}} [options]
 * @returns {Found}
 */
export function lookup(tree, segs, { last = false } = {}) {
  let node = deref(tree);
  let entry = null;
  let i = 0;
  while (node && i < segs.length) {
    const seg = /** @type {Segment} */ (segs[i]);
    if (node.t === 'map') {
      const key = seg.name ?? seg.key;
      let e = findEntry(node, key, last);
      let used = 1;
      if (!e && seg.name !== undefined) {
        // A key with dots in it, written in dotted form (`metadata.labels.a.b`).
        let joined = seg.name;
        for (let j = i + 1; j < segs.length && segs[j]?.name !== undefined; j++) {
          joined += `.${segs[j]?.name}`;
          e = findEntry(node, joined, last);
          if (e) { used = j - i + 1; break; }
        }
      }
      if (!e) break;
      entry = e;
      node = deref(e.value);
      i += used;
    } else if (node.t === 'seq') {
      if (seg.key === undefined) break;
      const item = findItem(node, seg.key);
      if (!item) break;
      entry = null;
      node = deref(item);
      i++;
    } else {
      break;
    }
  }
  return { node, entry, exact: i === segs.length };
}

/**
 * Where to point for a node: a scalar's own text; for a map or list the key that introduces it
 * (its first line), or where it starts.
 * @param {Found} found
 * @param {boolean} preferKey
 */
function offsetOf({ node, entry }, preferKey) {
  if (entry && (preferKey || !node || node.t !== 'scalar' || node.off < 0)) return entry.keyOff;
  if (node && node.off >= 0) return node.off;
  return entry ? entry.keyOff : -1;
}

/**
 * The offset a field path points at (nearest existing ancestor when it is missing), or -1.
 * `value`: the string a cause names, for a map named as a whole (metadata.labels) with an invalid
 * key or value: that entry is pointed at.
 * @param {TreeNode | null | undefined} tree
 * @param {string} path
 * @param {{preferKey?: boolean, last?: boolean, value?: string | undefined}} [options]
 * @returns {number}
 */
export function offsetOfPath(tree, path, { preferKey = false, last = false, value } = {}) {
  if (!tree) return -1;
  const segs = path === '' ? [] : parsePath(path);
  const found = lookup(tree, segs, { last });
  if (!found.exact) return offsetOf(found, true);
  if (found.node?.t === 'map' && typeof value === 'string') {
    for (const e of found.node.entries) {
      if (e.key === value) return e.keyOff;
      const v = deref(e.value);
      if (v?.t === 'scalar' && v.v === value) return v.off;
    }
  }
  return offsetOf(found, preferKey);
}
