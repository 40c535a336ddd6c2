// Plain block YAML, read without the `yaml` package. Nearly every manifest is written in a small
// part of YAML: block mappings and sequences indented with spaces, one-line scalars, comments,
// `{}` and `[]`. This reader takes exactly that part, straight to the position tree and the JSON
// text that documents.js would make of the `yaml` package's answer, in one pass; for anything
// else in a document it answers null and documents.js reads the document with the `yaml` package
// instead. So it never decides a refusal or a YAML 1.1 subtlety: whatever it is not sure of
// (anchors, tags, flow collections with content, block and multi-line scalars, escapes, tabs, CR,
// duplicate keys, numbers other than plain integers, odd indentation, …) goes to the package.
// The cost it saves: the package is most of the library to load, and its document model, the
// lexer pass that bounds nesting and the tree built from the model took half of a 2 000-file run
// for the quarter of it that was YAML (bench/cli.mjs). tests/web/lib/yaml-block.test.mjs holds it
// to the package's answers, node for node.

/** @typedef {import('./position-tree.js').TreeNode} TreeNode */
/** @typedef {import('./position-tree.js').ScalarNode} ScalarNode */
/** @typedef {import('./position-tree.js').MapEntry} MapEntry */

/**
 * A node read, with its JSON text (sigs.k8s.io/yaml's), or null: not plain block YAML.
 * @typedef {{node: TreeNode, json: string} | null} Read
 */

// Indentation deeper than this is left to the package: documents.js bounds nesting by the
// indentation in spaces (its tooDeep()), and below this no bound is near.
const MAX_INDENT = 200;
// YAML limits an implicit key to 1024 characters; longer ones are the package's to refuse.
const MAX_KEY = 1000;

// YAML 1.1 as the `yaml` package resolves plain scalars (its yaml-1.1 schema). Every plain scalar
// that starts with a letter (or `_`, `/`, `$`, or any character beyond ASCII) is a string, but
// for these words, and for e-notation such as `e5`, which that schema reads as a float (NaN): the
// latter is left to the package.
const TRUE_WORDS = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const FALSE_WORDS = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);
const NULL_WORDS = new Set(['null', 'Null', 'NULL']);
const EXPONENT_ONLY = /^[eE][-+]?[0-9]+$/;
// The integers written as their own decimal text (no sign but `-`, no leading zero, which is octal
// in YAML 1.1, no `_`): their JSON is that text.
const PLAIN_INTEGER = /^(?:0|-?[1-9][0-9]*)$/;
// Characters whose reading differs in YAML from what this reader assumes: tabs, CR, the Unicode
// line breaks and a byte order mark inside the text.
const NOT_PLAIN = /[\t\r\u0085\u2028\u2029\ufeff]/;

const SPACE = 0x20;
const HASH = 0x23;
const COLON = 0x3a;
const DASH = 0x2d;

/**
 * Reads text[start, end) — one document of a YAML stream, as documents.js splits it — when it is
 * plain block YAML: its tree and JSON, and `offset`, where the document starts (its first line
 * with content, as the package places it); `{empty: true}` when it holds only comments and blank
 * lines; null when it holds anything else.
 * @param {string} text
 * @param {number} start
 * @param {number} end
 * @returns {{offset: number, tree: TreeNode, json: string, empty?: undefined} | {empty: true} | null}
 */
export function readPlainBlock(text, start, end) {
  if (NOT_PLAIN.test(start === 0 && end === text.length ? text : text.slice(start, end))) return null;
  const lines = contentLines(text, start, end);
  if (lines === null) return null;
  if (lines.count === 0) return { empty: true };
  const reader = new BlockReader(text, lines);
  const root = reader.block(0);
  // The root must take every line: one left over is indented as nothing above it is.
  if (root === null || reader.line !== lines.count) return null;
  return { offset: lines.begin[0], tree: root.node, json: root.json };
}

/**
 * The lines holding content (not blank, not only a comment): where each begins, its indentation,
 * where its content starts and where it ends (its "\n" or the end). Null when one is indented
 * more than MAX_INDENT.
 * @typedef {{count: number, begin: number[], indent: number[], content: number[], end: number[]}} Lines
 * @param {string} text
 * @param {number} start
 * @param {number} end
 * @returns {Lines | null}
 */
function contentLines(text, start, end) {
  /** @type {Lines} */
  const lines = { count: 0, begin: [], indent: [], content: [], end: [] };
  for (let at = start; at < end;) {
    let eol = text.indexOf('\n', at);
    if (eol === -1 || eol > end) eol = end;
    let first = at;
    while (first < eol && text.charCodeAt(first) === SPACE) first++;
    if (first < eol && text.charCodeAt(first) !== HASH) {
      if (first - at > MAX_INDENT) return null;
      lines.begin.push(at);
      lines.indent.push(first - at);
      lines.content.push(first);
      lines.end.push(eol);
      lines.count++;
    }
    at = eol + 1;
  }
  return lines;
}

// A recursive reader over the content lines; `line` is the first line not read yet. Each method
// reads one node and leaves `line` after it, or answers null (not plain block YAML).
class BlockReader {
  /**
   * @param {string} text
   * @param {Lines} lines
   */
  constructor(text, lines) {
    this.text = text;
    this.lines = lines;
    this.line = 0;
  }

  /**
   * The collection that starts line `i`, at its content (a scalar alone on its line is not
   * plain block YAML here: it may go on over the next lines).
   * @param {number} i
   * @returns {Read}
   */
  block(i) {
    const { content, indent, end } = this.lines;
    this.line = i;
    const at = content[i];
    if (this.#isSeqItem(at, end[i])) return this.#sequence(at, indent[i], false);
    return this.#mapping(at, indent[i]);
  }

  /**
   * A block mapping whose first key is at `at` (line this.line), at column `column`; `first`
   * that key when it has been read already.
   * @param {number} at
   * @param {number} column
   * @param {{key: string, after: number} | null} [first]
   * @returns {Read}
   */
  #mapping(at, column, first = this.#key(at, this.lines.end[this.line])) {
    const { lines } = this;
    /** @type {MapEntry[]} */
    const entries = [];
    /** @type {Set<string>} */
    const seen = new Set();
    let json = '{';
    for (let key = at, read = first; ; read = this.#key(key, lines.end[this.line])) {
      // Duplicate keys are refused by documents.js, with the place of the first one.
      if (read === null || seen.has(read.key)) return null;
      seen.add(read.key);
      const value = this.#value(read.after, column);
      if (value === null) return null;
      entries.push({ key: read.key, keyOff: key, value: value.node });
      json += `${entries.length > 1 ? ',' : ''}${JSON.stringify(read.key)}:${value.json}`;
      if (this.line >= lines.count || lines.indent[this.line] < column) break;
      if (lines.indent[this.line] > column) return null;
      key = lines.content[this.line];
      if (this.#isSeqItem(key, lines.end[this.line])) return null;
    }
    return { node: { t: 'map', off: at, entries }, json: `${json}}` };
  }

  /**
   * A block sequence whose first `-` is at `at` (line this.line), at column `column`. `inMapping`:
   * it is a mapping's value at the mapping's own column (`images:` then `- from:` below it), so a
   * key at that column ends it.
   * @param {number} at
   * @param {number} column
   * @param {boolean} inMapping
   * @returns {Read}
   */
  #sequence(at, column, inMapping) {
    const { lines } = this;
    /** @type {TreeNode[]} */
    const items = [];
    let json = '[';
    for (let dash = at; ;) {
      const item = this.#item(dash + 1, column);
      if (item === null) return null;
      items.push(item.node);
      json += `${items.length > 1 ? ',' : ''}${item.json}`;
      if (this.line >= lines.count || lines.indent[this.line] < column) break;
      if (lines.indent[this.line] > column) return null;
      dash = lines.content[this.line];
      if (!this.#isSeqItem(dash, lines.end[this.line])) {
        if (inMapping) break;
        return null;
      }
    }
    return { node: { t: 'seq', off: at, items }, json: `${json}]` };
  }

  /**
   * A sequence item, from just after its `-`: a mapping starting on the same line, a one-line
   * value, or a collection on the lines below.
   * @param {number} after
   * @param {number} column the sequence's
   * @returns {Read}
   */
  #item(after, column) {
    const { text, lines } = this;
    const eol = lines.end[this.line];
    let at = after;
    while (at < eol && text.charCodeAt(at) === SPACE) at++;
    if (at === eol || text.charCodeAt(at) === HASH) {
      // Nothing on the line: the item is the collection below it (an empty item is left to the package).
      const next = this.line + 1;
      if (next >= lines.count || lines.indent[next] <= column) return null;
      return this.block(next);
    }
    if (this.#isSeqItem(at, eol)) return null; // `- - x`
    const key = this.#key(at, eol);
    if (key !== null) return this.#mapping(at, at - lines.begin[this.line], key);
    return this.#inline(at, eol, column);
  }

  /**
   * A mapping value, from just after its key's `:`.
   * @param {number} after
   * @param {number} column the mapping's
   * @returns {Read}
   */
  #value(after, column) {
    const { text, lines } = this;
    const eol = lines.end[this.line];
    let at = after;
    while (at < eol && text.charCodeAt(at) === SPACE) at++;
    if (at < eol && text.charCodeAt(at) !== HASH) return this.#inline(at, eol, column);
    const next = this.line + 1;
    if (next < lines.count && lines.indent[next] > column) return this.block(next);
    if (next < lines.count && lines.indent[next] === column && this.#isSeqItem(lines.content[next], lines.end[next])) {
      this.line = next;
      return this.#sequence(lines.content[next], column, true);
    }
    // No value: null, placed where the package places an empty value (after the spaces).
    this.line = next;
    return { node: { t: 'scalar', off: at, type: 'null', v: null, json: 'null' }, json: 'null' };
  }

  /**
   * A value that is all on its line, from `at`: a scalar, `{}` or `[]`, then only a comment. The
   * next line may not be indented more than `column` (it would continue a plain scalar).
   * @param {number} at
   * @param {number} eol
   * @param {number} column
   * @returns {Read}
   */
  #inline(at, eol, column) {
    const { text, lines } = this;
    /** @type {Read} */
    let read;
    let after;
    const c = text.charCodeAt(at);
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (text.charCodeAt(at + 1) !== c + 2) return null; // `{}` or `[]` only
      read = c === 0x7b ? { node: { t: 'map', off: at, entries: [] }, json: '{}' } : { node: { t: 'seq', off: at, items: [] }, json: '[]' };
      after = at + 2;
    } else {
      const scalar = this.#scalar(at, eol);
      if (scalar === null) return null;
      read = { node: scalar.node, json: scalar.node.json ?? '' };
      after = scalar.after;
    }
    if (!this.#onlyComment(after, eol)) return null;
    this.line++;
    if (this.line < lines.count && lines.indent[this.line] > column) return null;
    return read;
  }

  /**
   * A one-line scalar at `at`: its node, and where it ends.
   * @param {number} at
   * @param {number} eol
   * @returns {{node: ScalarNode, after: number} | null}
   */
  #scalar(at, eol) {
    const quoted = this.#quoted(at, eol);
    if (quoted !== null) {
      if (quoted.value === null) return null;
      return { node: stringNode(quoted.value, at), after: quoted.after };
    }
    const { text } = this;
    let stop = eol;
    for (let i = at; i < eol; i++) {
      const ch = text.charCodeAt(i);
      if (ch === HASH && text.charCodeAt(i - 1) === SPACE) { stop = i; break; }
      // `a: b: c` nests a mapping on one line, which YAML refuses.
      if (ch === COLON && (i + 1 === eol || text.charCodeAt(i + 1) === SPACE)) return null;
    }
    let last = stop;
    while (last > at && text.charCodeAt(last - 1) === SPACE) last--;
    const node = plainScalar(text.slice(at, last), at);
    return node === null ? null : { node, after: last };
  }

  /**
   * A mapping key at `at` (`key:` then a space or the line's end), or null when the line holds none
   * this reader takes.
   * @param {number} at
   * @param {number} eol
   * @returns {{key: string, after: number} | null} `after`: just after the `:`
   */
  #key(at, eol) {
    const { text } = this;
    let colon;
    let key;
    const quoted = this.#quoted(at, eol);
    if (quoted !== null) {
      if (quoted.value === null) return null;
      colon = quoted.after;
      if (text.charCodeAt(colon) !== COLON) return null;
      key = quoted.value;
    } else {
      colon = -1;
      for (let i = at; i < eol; i++) {
        const ch = text.charCodeAt(i);
        if (ch === HASH && text.charCodeAt(i - 1) === SPACE) return null;
        if (ch === COLON && (i + 1 === eol || text.charCodeAt(i + 1) === SPACE)) { colon = i; break; }
      }
      // No key, or one with spaces before its `:`.
      if (colon <= at || text.charCodeAt(colon - 1) === SPACE) return null;
      const node = plainScalar(text.slice(at, colon), at);
      if (node === null || node.type === 'null') return null;
      key = node.type === 'string' ? node.v : String(node.v);
    }
    if (colon - at > MAX_KEY) return null;
    if (colon + 1 < eol && text.charCodeAt(colon + 1) !== SPACE) return null;
    return { key, after: colon + 1 };
  }

  /**
   * A quoted scalar at `at` that ends on its line: its value (null when it needs more than this
   * reader reads: escapes) and where it ends; null when `at` is no quote.
   * @param {number} at
   * @param {number} eol
   * @returns {{value: string | null, after: number} | null}
   */
  #quoted(at, eol) {
    const { text } = this;
    const q = text.charCodeAt(at);
    if (q === 0x22 /* " */) {
      const close = text.indexOf('"', at + 1);
      if (close === -1 || close >= eol) return { value: null, after: eol };
      const value = text.slice(at + 1, close);
      return { value: value.includes('\\') ? null : value, after: close + 1 };
    }
    if (q === 0x27 /* ' */) {
      let value = '';
      for (let from = at + 1; ;) {
        const close = text.indexOf("'", from);
        if (close === -1 || close >= eol) return { value: null, after: eol };
        value += text.slice(from, close);
        if (text.charCodeAt(close + 1) !== 0x27) return { value, after: close + 1 };
        value += "'"; // '' is a quote
        from = close + 2;
      }
    }
    return null;
  }

  /**
   * True when text[at, eol) is spaces, then a comment or nothing.
   * @param {number} at
   * @param {number} eol
   */
  #onlyComment(at, eol) {
    const { text } = this;
    let i = at;
    while (i < eol && text.charCodeAt(i) === SPACE) i++;
    return i === eol || (text.charCodeAt(i) === HASH && i > at);
  }

  /**
   * True when `at` is a sequence item's `-` (followed by a space or the line's end).
   * @param {number} at
   * @param {number} eol
   */
  #isSeqItem(at, eol) {
    return this.text.charCodeAt(at) === DASH && (at + 1 === eol || this.text.charCodeAt(at + 1) === SPACE);
  }
}

/**
 * @param {string} v
 * @param {number} off
 * @returns {ScalarNode}
 */
function stringNode(v, off) {
  return { t: 'scalar', off, type: 'string', v, json: JSON.stringify(v) };
}

/**
 * A plain scalar's node, as the `yaml` package resolves it under YAML 1.1 (see above); null for
 * the plain scalars left to the package (all but those starting as a string does and plain
 * integers: they may be floats, octal, binary, sexagesimal, timestamps, `.inf`, `~`, `<<`, or
 * start with an indicator, …).
 * @param {string} raw
 * @param {number} off
 * @returns {ScalarNode | null}
 */
function plainScalar(raw, off) {
  const c = raw.charCodeAt(0);
  const lower = c | 0x20;
  if ((lower >= 0x61 && lower <= 0x7a) || c >= 0x80 || c === 0x5f /* _ */ || c === 0x2f /* / */ || c === 0x24 /* $ */) {
    if (TRUE_WORDS.has(raw)) return { t: 'scalar', off, type: 'boolean', v: true, json: 'true' };
    if (FALSE_WORDS.has(raw)) return { t: 'scalar', off, type: 'boolean', v: false, json: 'false' };
    if (NULL_WORDS.has(raw)) return { t: 'scalar', off, type: 'null', v: null, json: 'null' };
    if (EXPONENT_ONLY.test(raw)) return null;
    return stringNode(raw, off);
  }
  if (PLAIN_INTEGER.test(raw)) return { t: 'scalar', off, type: 'number', v: raw, json: raw };
  // No YAML 1.1 integer, float or timestamp holds a `/`: a scalar that starts with a digit and
  // holds one, such as `127.0.0.1:5000/app:1` (an image on a registry named by its address), is a
  // string. (Other first characters are indicators, tags, anchors…: the package's to read.)
  if (c >= 0x30 && c <= 0x39 && raw.includes('/')) return stringNode(raw, off);
  return null;
}
