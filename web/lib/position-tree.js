// Positions in the text a person wrote: offsets → line:column (LineIndex), the position tree a
// document is read into (its shape, below), and JSON text → position tree (jsonTree). documents.js
// builds the trees of YAML; locate.js follows field paths through any of them.

/** Offsets → 1-based line and column (UTF-16 code units), lines ending at "\n". */
export class LineIndex {
  /** @type {string | null} the text, until #starts is built from it */
  #text;
  /** @type {number[] | null} */
  #starts = null; // built on the first position(): most texts are valid and need none
  /** @param {string} text */
  constructor(text) {
    this.#text = text;
  }
  /**
   * @param {number} offset
   * @returns {import('./api.js').Position}
   */
  position(offset) {
    if (this.#starts === null) {
      const starts = [0];
      const text = /** @type {string} */ (this.#text); // kept until #starts is built
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.#starts = starts;
      this.#text = null;
    }
    const s = this.#starts;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid] <= offset) lo = mid; else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - s[lo] + 1 };
  }
}

// Position trees. A node: {t: 'map', off, entries: [{key, keyOff, value, merge?}]}
//                         {t: 'seq', off, items: [node]}
//                         {t: 'scalar', off, type: 'string'|'number'|'boolean'|'null', v, json}
//                         {t: 'alias', off, target: node, name}
// `off` is an offset into the whole input text. Scalars of a YAML tree carry their JSON text
// (`json`); those of jsonTree() do not (their text is the input's), and carry `end` as containers do.

/**
 * @typedef {{t: 'scalar', off: number, end?: number, json?: string} & (
 *   | {type: 'string', v: string}
 *   | {type: 'number', v: string}
 *   | {type: 'boolean', v: boolean}
 *   | {type: 'null', v: null})} ScalarNode
 *   A scalar; a number's `v` is its exact decimal text.
 * @typedef {{key: string, keyOff: number, value: TreeNode, merge?: MapNode[]}} MapEntry
 *   `merge`: a `<<` entry's source maps (its key is "<<").
 * @typedef {{t: 'map', off: number, end?: number, entries: MapEntry[]}} MapNode
 * @typedef {{t: 'seq', off: number, end?: number, items: TreeNode[]}} SeqNode
 * @typedef {{t: 'alias', off: number, target: TreeNode, name: string}} AliasNode
 * @typedef {ScalarNode | MapNode | SeqNode | AliasNode} TreeNode
 */

// JSON text → position tree (iterative; tolerant: stops at the first syntax error and returns
// what it has). Only used to find positions and to cut a List's items out of the text, never to
// decide validity. Nodes also carry `end`, one past their text (containers once closed).

/**
 * @param {string} text
 * @returns {TreeNode | null}
 */
export function jsonTree(text) {
  let i = 0;
  const n = text.length;
  const ws = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++; else break;
    }
  };
  const readString = () => {
    const start = i;
    i++;
    while (i < n) {
      const c = text[i];
      if (c === '\\') { i += 2; continue; }
      if (c === '"') { i++; break; }
      i++;
    }
    try {
      return JSON.parse(text.slice(start, i));
    } catch {
      return text.slice(start + 1, i - 1);
    }
  };
  /** @returns {ScalarNode} */
  const readScalar = () => {
    const start = i;
    if (text[i] === '"') {
      const v = readString();
      return { t: 'scalar', off: start, end: i, type: 'string', v };
    }
    while (i < n && !/[\s,\]}:]/.test(text[i])) i++;
    const raw = text.slice(start, i);
    if (raw === 'true' || raw === 'false') return { t: 'scalar', off: start, end: i, type: 'boolean', v: raw === 'true' };
    if (raw === 'null') return { t: 'scalar', off: start, end: i, type: 'null', v: null };
    return { t: 'scalar', off: start, end: i, type: 'number', v: raw };
  };
  ws();
  if (i >= n) return null;
  /**
   * @param {string} c
   * @param {number} off
   * @returns {MapNode | SeqNode}
   */
  const open = (c, off) => (c === '{' ? { t: 'map', off, entries: [] } : { t: 'seq', off, items: [] });
  /** @type {TreeNode | null} */
  let root = null;
  /** @type {Array<MapNode | SeqNode>} */
  const stack = []; // containers
  /** @type {{key: string, keyOff: number} | null} */
  let pendingKey = null; // {key, keyOff} while reading a map entry's value
  /** @param {TreeNode} node */
  const attach = (node) => {
    const top = stack[stack.length - 1];
    if (!top) { root = node; return; }
    if (top.t === 'seq') top.items.push(node);
    else if (pendingKey) { top.entries.push({ ...pendingKey, value: node }); pendingKey = null; }
  };
  for (;;) {
    ws();
    if (i >= n || (root !== null && stack.length === 0)) break;
    const top = stack[stack.length - 1];
    const c = text[i];
    if (top && top.t === 'map' && pendingKey === null) {
      if (c === '}') { top.end = i + 1; stack.pop(); i++; continue; }
      if (c === ',') { i++; continue; }
      if (c !== '"') break;
      const keyOff = i;
      const key = readString();
      ws();
      if (text[i] !== ':') break;
      i++;
      pendingKey = { key: String(key), keyOff };
      continue;
    }
    if (top && top.t === 'seq' && (c === ']' || c === ',')) {
      i++;
      if (c === ']') { top.end = i; stack.pop(); }

      continue;
    }
    if (c === '{' || c === '[') {
      const node = open(c, i);
      attach(node);
      stack.push(node);
      i++;
      continue;
    }
    if (c === '}' || c === ']' || c === ',' || c === ':') break;
    attach(readScalar());
  }
  return root;
}
