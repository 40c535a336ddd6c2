// Field paths (`spec.images[0].from.kind`, `metadata.labels[app]`, `spec.tags[latest].from`) →
// positions in a position tree (documents.js), and the located lines ("diagnostics") of a result.

/** `spec.images[0].from` → [{name:'spec'}, {name:'images'}, {key:'0'}, {name:'from'}]. */
export function parsePath(path) {
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

const deref = (n) => {
  for (let k = 0; n && n.t === 'alias' && k < 1000; k++) n = n.target;
  return n;
};

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
 */
export function lookup(tree, segs, { last = false } = {}) {
  let node = deref(tree);
  let entry = null;
  let i = 0;
  while (node && i < segs.length) {
    const seg = segs[i];
    if (node.t === 'map') {
      const key = seg.name ?? seg.key;
      let e = findEntry(node, key, last);
      let used = 1;
      if (!e && seg.name !== undefined) {
        // A key with dots in it, written in dotted form (`metadata.labels.a.b`).
        let joined = seg.name;
        for (let j = i + 1; j < segs.length && segs[j].name !== undefined; j++) {
          joined += `.${segs[j].name}`;
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
 * Every place a path without list indices (as Go's type errors print it: `spec.images.from.name`)
 * can name, trying each item of a list. At most `limit` results.
 */
function lookupLenient(tree, segs, limit = 1000) {
  const out = [];
  const walk = (node, entry, i) => {
    if (out.length >= limit) return;
    node = deref(node);
    if (i === segs.length) { out.push({ node, entry }); return; }
    if (!node) return;
    const seg = segs[i];
    if (node.t === 'map') {
      const e = findEntry(node, seg.name ?? seg.key, false);
      if (e) walk(e.value, e, i + 1);
    } else if (node.t === 'seq') {
      if (seg.key !== undefined) {
        const item = findItem(node, seg.key);
        if (item) walk(item, null, i + 1);
      } else {
        for (const item of node.items) walk(item, null, i);
      }
    }
  };
  walk(tree, null, 0);
  return out;
}

// Where to point for a node: a scalar's own text; for a map or list the key that introduces it (its
// first line), or where it starts.
function offsetOf({ node, entry }, preferKey) {
  if (entry && (preferKey || !node || node.t !== 'scalar' || node.off < 0)) return entry.keyOff;
  if (node && node.off >= 0) return node.off;
  return entry ? entry.keyOff : -1;
}

/** The offset a field path points at (nearest existing ancestor when it is missing), or -1. */
export function offsetOfPath(tree, path, { preferKey = false, last = false, message } = {}) {
  if (!tree) return -1;
  const segs = path === '' ? [] : parsePath(path);
  const found = lookup(tree, segs, { last });
  if (!found.exact) return offsetOf(found, true);
  // A map named as a whole (metadata.labels) with an invalid key or value: point at that entry.
  if (found.node?.t === 'map' && typeof message === 'string') {
    const m = /^[A-Za-z ]+: ("(?:[^"\\]|\\.)*")/.exec(message);
    let value;
    try { value = m ? JSON.parse(m[1]) : undefined; } catch { value = undefined; }
    if (value !== undefined) {
      for (const e of found.node.entries) {
        if (e.key === value) return e.keyOff;
        const v = deref(e.value);
        if (v?.t === 'scalar' && v.v === value) return v.off;
      }
    }
  }
  return offsetOf(found, preferKey);
}

const GO_TYPE_KIND = (goType) => {
  if (goType === 'string') return 'string';
  if (goType === 'bool') return 'boolean';
  if (/^u?int(8|16|32|64)?$|^float(32|64)$/.test(goType)) return 'number';
  if (goType.startsWith('[]')) return 'seq';
  return 'map';
};

/** For Go's `json: cannot unmarshal X into Go struct field T.a.b of type Y`: the offending node. */
export function offsetOfTypeError(tree, path, goType) {
  if (!tree) return -1;
  const want = GO_TYPE_KIND(goType);
  const kindOf = (n) => (n?.t === 'scalar' ? n.type : n?.t);
  const candidates = lookupLenient(tree, parsePath(path));
  const bad = candidates.find((c) => kindOf(c.node) !== want && !(kindOf(c.node) === 'null'));
  const pick = bad ?? candidates[0];
  if (pick) return offsetOf(pick, false);
  return offsetOfPath(tree, path);
}
