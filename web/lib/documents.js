// Input text → the documents kubectl would send to the API server, as JSON text, each with a tree
// of source positions (for line:column on every error).
//
// What kubectl does, and this module follows:
//   - A text whose first non-space character is `{` or `[` is JSON: it goes to the server as it is
//     (one document; the core's strict decoder then sees duplicate keys, big numbers, … itself).
//   - Anything else is YAML, split into documents at `---` lines (k8s.io/apimachinery's YAMLReader),
//     each converted to JSON as sigs.k8s.io/yaml does with go-yaml v2: YAML 1.1 scalars (`yes`/`on`
//     are booleans, `010` is octal), `<<` merge keys, keys turned into strings, timestamps kept as
//     the text they were written as. Empty and `null` documents are skipped, as kubectl skips them.
//
// Where isimport is stricter than kubectl (each refused with a position, never a crash):
//   duplicate keys, custom tags (`!!python/object`, `!foo`, also `!!binary`/`!!set`/`!!omap`/
//   `!!pairs`), non-scalar or null keys, control characters, nesting deeper than MAX_YAML_DEPTH,
//   excessive alias expansion (go-yaml v2's rule), `.inf`/`.nan` (json.Marshal refuses them too).
//   Integers are passed on as exact decimal text (go-yaml would round those beyond 2^64 to floats).
//   A YAML document whose text alone is over the 3 MiB body limit is answered with the server's
//   413 without being parsed (its JSON would be over the limit too but for pathological cases).

import { yamlReader } from './yaml-reader.js';
import { readPlainBlock } from './yaml-block.js';
import { LineIndex } from './position-tree.js';

/** @typedef {import('./position-tree.js').TreeNode} TreeNode */
/** @typedef {import('./position-tree.js').ScalarNode} ScalarNode */
/** @typedef {import('./position-tree.js').MapNode} MapNode */
/** @typedef {import('./position-tree.js').MapEntry} MapEntry */
/** @typedef {import('./position-tree.js').SeqNode} SeqNode */
/** @typedef {import('./position-tree.js').AliasNode} AliasNode */

export const MAX_BODY_BYTES = 3 * 1024 * 1024; // the API server's MaxRequestBodyBytes
export const MAX_YAML_DEPTH = 500;

const YAML_OPTIONS = Object.freeze({
  version: '1.1',
  merge: true,
  uniqueKeys: false, // duplicates are found below, on the JSON key strings, with a better message
  intAsBigInt: true, // exact integers, whatever their size
  prettyErrors: false,
  strict: true,
  logLevel: 'error',
  // go-yaml v2 has no sexagesimal numbers, and keeps timestamps as their text when decoding into
  // interface{} (which is what sigs.k8s.io/yaml does).
  // (A tag given by name is kept, as before: the schema hands this function tag objects only.)
  customTags: (/** @type {import('yaml').Tags} */ tags) => tags.filter((t) => typeof t === 'string' || (t.format !== 'TIME' && t.tag !== 'tag:yaml.org,2002:timestamp')),
});

const Y = 'tag:yaml.org,2002:';
const ALLOWED_TAGS = new Set([
  undefined, null, '!', `${Y}str`, `${Y}int`, `${Y}float`, `${Y}bool`, `${Y}null`, `${Y}map`, `${Y}seq`,
  `${Y}timestamp`, `${Y}merge`,
]);

/**
 * True when kubectl would read the text as JSON (first non-whitespace character `{` or `[`).
 * @param {string} text
 */
export function looksLikeJson(text) {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d && c !== 0x0a) return c === 0x7b || c === 0x5b; // { [
  }
  return false;
}

/**
 * @typedef {{message: string, offset: number}} DocumentError
 *   A problem found before the core, at an offset into the whole text (-1: none known).
 * @typedef {{offset: number, json: string, raw: true, tree?: undefined, error?: undefined, tooLarge?: undefined}} JsonDocument
 *   A JSON text, sent as it is (its tree is built by jsonTree() when needed).
 * @typedef {{offset: number, json: string, tree: TreeNode, raw?: undefined, error?: undefined, tooLarge?: undefined}} YamlDocument
 * @typedef {{offset: number, error: DocumentError, tree?: TreeNode, json?: undefined, raw?: undefined, tooLarge?: undefined}} ErrorDocument
 * @typedef {{offset: number, tooLarge: true, tree?: TreeNode, json?: undefined, raw?: undefined, error?: undefined}} TooLargeDocument
 *   Over the body limit: answered with the server's 413.
 * @typedef {JsonDocument | YamlDocument | ErrorDocument | TooLargeDocument} SplitDocument
 */

/**
 * Splits `text` into documents. Returns {format: 'json'|'yaml', docs: [{json?, error?, tree?,
 * offset}]}: `json` is the document as JSON text for the core; `error` ({message, offset})
 * is a problem found before the core (the document is not sent); `tree` the position tree (for
 * JSON input built lazily by jsonTree()). `plainBlock: false` reads every YAML document with the
 * `yaml` package (the test of yaml-block.js compares the two).
 * @param {string} text
 * @param {LineIndex} [lines]
 * @param {{plainBlock?: boolean}} [options]
 * @returns {{format: 'json' | 'yaml', docs: SplitDocument[]}}
 */
export function splitDocuments(text, lines = new LineIndex(text), { plainBlock = true } = {}) {
  if (looksLikeJson(text)) return { format: 'json', docs: [{ json: text, offset: 0, raw: true }] };
  /** @type {SplitDocument[]} */
  const docs = [];
  for (const chunk of yamlChunks(text)) {
    for (const doc of yamlChunkDocuments(text, chunk.start, chunk.end, lines, plainBlock)) docs.push(doc);
  }
  return { format: 'yaml', docs };
}

// k8s.io/apimachinery/pkg/util/yaml YAMLReader: a line starting with `---` followed by nothing
// but blanks or a comment separates documents. (Other `---` lines are left to the YAML parser.)
/**
 * @param {string} text
 * @returns {Generator<{start: number, end: number}, void, unknown>}
 */
function* yamlChunks(text) {
  const sep = /^---[ \t]*(?:#[^\n]*)?\r?$/gm;
  let start = 0;
  let m;
  while ((m = sep.exec(text)) !== null) {
    yield { start, end: m.index };
    start = m.index + m[0].length;
    if (m[0].length === 0) sep.lastIndex++;
  }
  yield { start, end: text.length };
}

/**
 * @param {string} text
 * @param {number} start
 * @param {number} end
 * @param {LineIndex} lines
 * @param {boolean} plainBlock
 * @returns {SplitDocument[]}
 */
function yamlChunkDocuments(text, start, end, lines, plainBlock) {
  if (/^\s*$/.test(text.slice(start, Math.min(end, start + 4096))) && /^\s*$/.test(text.slice(start, end))) return [];
  if (end - start > MAX_BODY_BYTES) {
    // Characters ≤ bytes: this document's text is certainly over the limit.
    return [{ offset: firstContent(text, start), tooLarge: true }];
  }
  const chunk = text.slice(start, end);
  const bad = firstNonPrintable(chunk);
  if (bad !== -1) {
    return [{ offset: start + bad, error: { message: 'control characters are not allowed', offset: start + bad } }];
  }
  // Plain block YAML (most manifests) is read without the yaml package; it answers as the
  // package's reading would (yaml-block.js), and leaves everything else to it.
  const plain = plainBlock ? readPlainBlock(text, start, end) : null;
  if (plain?.empty) return [];
  if (plain) {
    // emitJson's limit, on the same text.
    if (plain.json.length > MAX_BODY_BYTES) return [{ offset: plain.offset, tooLarge: true, tree: plain.tree }];
    return [{ offset: plain.offset, json: plain.json, tree: plain.tree }];
  }
  return readWithPackage(text, start, end, lines);
}

/**
 * One chunk's documents as the `yaml` package reads them (and the checks around it), whatever the
 * chunk holds; yamlChunkDocuments() has checked its size and characters.
 * @param {string} text
 * @param {number} start
 * @param {number} end
 * @param {LineIndex} lines
 * @returns {SplitDocument[]}
 */
function readWithPackage(text, start, end, lines) {
  const chunk = text.slice(start, end);
  const deep = tooDeep(chunk, MAX_YAML_DEPTH);
  if (deep !== -1) {
    return [{ offset: start + deep, error: { message: `nesting too deep: more than ${MAX_YAML_DEPTH} levels`, offset: start + deep } }];
  }
  let parsed;
  try {
    parsed = yamlReader().parseAllDocuments(chunk, YAML_OPTIONS);
  } catch (err) {
    return [{ offset: start, error: { message: `cannot parse: ${errorMessage(err)}`, offset: start } }];
  }
  if (!Array.isArray(parsed)) parsed = [parsed]; // an EmptyStream
  /** @type {SplitDocument[]} */
  const out = [];
  for (const doc of parsed) {
    const docOffset = start + (doc.range?.[0] ?? 0);
    if (doc.errors.length > 0) {
      const e = doc.errors[0];
      out.push({ offset: docOffset, error: { message: yamlMessage(e), offset: start + (e.pos?.[0] ?? 0) } });
      continue;
    }
    if (doc.contents === null || doc.contents === undefined) continue; // only comments: skipped
    const converted = convertDocument(doc, start, lines);
    if (converted.error) {
      out.push({ offset: docOffset, error: converted.error, tree: converted.tree });
      continue;
    }
    if (converted.tooLarge) {
      out.push({ offset: docOffset, tooLarge: true, tree: converted.tree });
      continue;
    }
    if (converted.json === 'null') continue; // kubectl skips `null` documents
    out.push({ offset: docOffset, json: converted.json, tree: converted.tree });
  }
  return out;
}

/**
 * @param {string} text
 * @param {number} start
 */
function firstContent(text, start) {
  const m = /[^\s]/g;
  m.lastIndex = start;
  const r = m.exec(text);
  return r ? r.index : start;
}

/**
 * What a caught value says: its `message` when it has one (as `err?.message ?? err` read it).
 * @param {unknown} err
 * @returns {unknown}
 */
function errorMessage(err) {
  return (/** @type {{message?: unknown} | null | undefined} */ (err))?.message ?? err;
}

/** @param {import('yaml').YAMLError} err */
function yamlMessage(err) {
  // The yaml package's own texts are clear ("Tabs are not allowed as indentation", "Map keys must
  // be unique", "Missing closing \"quote", …); drop the trailing position it may append.
  return String(err.message).replace(/ at line \d+, column \d+[\s\S]*$/, '');
}

// YAML's c-printable: tab, LF, CR, 0x20–0x7E, 0x85, 0xA0–0xD7FF, 0xE000–0xFFFD, and astral
// characters (well-formed surrogate pairs). go-yaml: "control characters are not allowed".
/** @param {string} s */
function firstNonPrintable(s) {
  const re = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
  const m = re.exec(s);
  return m ? m.index : -1;
}

// An upper bound on the nesting depth, checked on the YAML lexer's tokens (an iterative scan)
// before the recursive composer sees the text: open flow brackets + the indentation of the line +
// the compact block indicators at its start (`- - -`, `? ? `, `: `). Every level of nesting needs
// one of these, so the real depth is never larger. Returns the offset where the bound passes
// `limit`, or -1.
/**
 * @param {string} s
 * @param {number} limit
 */
function tooDeep(s, limit) {
  const { CST, Lexer } = yamlReader();
  const { DOCUMENT, SCALAR, FLOW_END } = CST;
  let flow = 0;
  let indent = 0;
  let compact = 0;
  let lineStart = true;
  let offset = 0;
  for (const tok of new Lexer().lex(s)) {
    const at = offset;
    if (tok !== DOCUMENT && tok !== SCALAR && tok !== FLOW_END) offset += tok.length;
    if (tok === '[' || tok === '{') {
      flow++;
      lineStart = false;
      if (flow + indent + compact > limit) return at;
    } else if (tok === ']' || tok === '}') {
      if (flow > 0) flow--;
      lineStart = false;
    } else if (lineStart) {
      if (tok === '-' || tok === '?' || tok === ':') {
        compact++;
        if (flow + indent + compact > limit) return at;
      } else if (/^ +$/.test(tok)) {
        if (compact === 0) indent = tok.length;
      } else if (tok !== DOCUMENT && tok !== SCALAR && tok !== FLOW_END && tok !== '\t' && tok[0] !== '&' && tok[0] !== '!' && !tok.endsWith('\n')) {
        lineStart = false;
      }
    }
    if (tok.endsWith('\n')) {
      lineStart = true;
      indent = 0;
      compact = 0;
    }
  }
  return -1;
}

// ---------------------------------------------------------------------------------------------
// One parsed YAML document → position tree → JSON text (sigs.k8s.io/yaml's YAMLToJSON).

class ConvertError extends Error {
  /**
   * @param {string} message
   * @param {number} offset
   */
  constructor(message, offset) {
    super(message);
    this.offset = offset;
  }
}

class TooLarge extends Error {}

/**
 * @param {import('yaml').Document.Parsed} doc
 * @param {number} base
 * @param {LineIndex} lines
 * @returns {{json: string, tree: TreeNode, error?: undefined, tooLarge?: undefined}
 *   | {error: DocumentError, tree?: TreeNode, json?: undefined, tooLarge?: undefined}
 *   | {tooLarge: true, tree: TreeNode, json?: undefined, error?: undefined}}
 */
function convertDocument(doc, base, lines) {
  let tree;
  try {
    tree = buildTree(doc.contents, base, lines);
  } catch (err) {
    if (err instanceof ConvertError) return { error: { message: err.message, offset: err.offset } };
    if (err instanceof RangeError) return { error: { message: `nesting too deep: ${err.message}`, offset: base } };
    throw err;
  }
  try {
    return { json: emitJson(tree), tree };
  } catch (err) {
    if (err instanceof TooLarge) return { tooLarge: true, tree };
    if (err instanceof ConvertError) return { error: { message: err.message, offset: err.offset }, tree };
    if (err instanceof RangeError) return { error: { message: `nesting too deep: ${err.message}`, offset: base }, tree };
    throw err;
  }
}

/** @param {string} tag */
function shortTag(tag) {
  return tag.startsWith(Y) ? `!!${tag.slice(Y.length)}` : tag;
}

/**
 * @param {import('yaml').ParsedNode | null} root
 * @param {number} base
 * @param {LineIndex} lines
 * @returns {TreeNode}
 */
function buildTree(root, base, lines) {
  const { isAlias, isMap, isPair, isScalar, isSeq } = yamlReader();
  // Anchors by name, in document order (an alias names the latest anchor before it); null while
  // the anchored node is still being built (an alias inside it would make it contain itself).
  /** @type {Anchors} */
  const anchors = new Map();
  /**
   * @param {import('yaml').ParsedNode | null | undefined} node
   * @param {number} depth
   * @returns {TreeNode}
   */
  const build = (node, depth) => {
    if (depth > MAX_YAML_DEPTH) throw new ConvertError(`nesting too deep: more than ${MAX_YAML_DEPTH} levels`, base + (node?.range?.[0] ?? 0));
    if (node === null || node === undefined) return { t: 'scalar', off: -1, type: 'null', v: null, json: 'null' };
    const off = base + (node.range?.[0] ?? 0);
    if (node.tag !== undefined && !ALLOWED_TAGS.has(node.tag)) {
      throw new ConvertError(`custom tag "${shortTag(node.tag)}" is not allowed (only plain YAML data: maps, sequences, strings, numbers, booleans, null)`, off);
    }
    if (isAlias(node)) {
      const t = anchors.get(node.source);
      if (t === undefined) throw new ConvertError(`unknown anchor '${node.source}' referenced`, off);
      if (t === null) throw new ConvertError(`anchor '${node.source}' value contains itself`, off);
      return { t: 'alias', off, target: t, name: node.source };
    }
    if (node.anchor) anchors.set(node.anchor, null);
    /** @type {TreeNode} */
    let out;
    if (isScalar(node)) {
      out = scalarNode(node, off);
    } else if (isMap(node)) {
      /** @type {MapEntry[]} */
      const entries = [];
      out = { t: 'map', off, entries };
      /** @type {Map<string, number>} */
      const seen = new Map(); // key → offset of its first definition
      for (const pair of node.items) {
        const keyNode = pair.key;
        const keyOff = base + (keyNode?.range?.[0] ?? pair.value?.range?.[0] ?? node.range?.[0] ?? 0);
        if (isScalar(keyNode) && typeof keyNode.value === 'symbol' && ALLOWED_TAGS.has(keyNode.tag)) {
          // `<<` merge key: the value is a map (usually an alias to one) or a sequence of them.
          const value = build(pair.value, depth + 1);
          const sources = mergeSources(value);
          if (sources === null) throw new ConvertError('map merge requires map or sequence of maps as the value', base + (pair.value?.range?.[0] ?? 0));
          entries.push({ key: '<<', keyOff, value, merge: sources });
          continue;
        }
        const key = mapKey(keyNode, keyOff, anchors);
        const first = seen.get(key);
        if (first !== undefined) {
          throw new ConvertError(`mapping key ${JSON.stringify(key)} already defined at line ${lines.position(first).line}`, keyOff);
        }
        seen.set(key, keyOff);
        entries.push({ key, keyOff, value: build(pair.value, depth + 1) });
      }
    } else if (isSeq(node)) {
      /** @type {TreeNode[]} */
      const items = [];
      out = { t: 'seq', off, items };
      // A flow sequence's `[a: b]` holds a pair: its value is a parsed node too.
      for (const item of node.items) items.push(build(isPair(item) ? /** @type {import('yaml').ParsedNode | null} */ (item.value) : item, depth + 1));
    } else {
      throw new ConvertError('unsupported YAML node', off);
    }
    if (node.anchor) anchors.set(node.anchor, out);
    return out;
  };
  return build(root, 0);
}

/**
 * Anchors by name: the node each names, null while it is being built.
 * @typedef {Map<string, TreeNode | null>} Anchors
 */

/**
 * @param {TreeNode} value
 * @returns {MapNode[] | null}
 */
function mergeSources(value) {
  /** @param {TreeNode} n */
  const deref = (n) => (n.t === 'alias' ? n.target : n);
  const v = deref(value);
  if (v.t === 'map') return [v];
  if (v.t === 'seq') {
    const maps = v.items.map(deref);
    return maps.every((m) => m.t === 'map') ? maps : null;
  }
  return null;
}

/**
 * @param {import('yaml').ParsedNode | null | undefined} keyNode
 * @param {number} keyOff
 * @param {Anchors} anchors
 * @returns {string}
 */
function mapKey(keyNode, keyOff, anchors) {
  const { isAlias, isScalar } = yamlReader();
  let k = keyNode;
  if (isAlias(k)) {
    const t = anchors.get(k.source);
    if (t === undefined || t === null) throw new ConvertError(`unknown anchor '${k.source}' referenced`, keyOff);
    if (t.t !== 'scalar') throw new ConvertError('unsupported map key: a map or sequence (only scalar keys are allowed)', keyOff);
    if (t.type === 'null') throw new ConvertError('unsupported map key: null', keyOff);
    return t.type === 'string' ? t.v : String(t.v);
  }
  if (k === null || k === undefined) throw new ConvertError('unsupported map key: null', keyOff);
  if (!isScalar(k)) throw new ConvertError('unsupported map key: a map or sequence (only scalar keys are allowed)', keyOff);
  if (k.tag !== undefined && !ALLOWED_TAGS.has(k.tag)) throw new ConvertError(`custom tag "${shortTag(k.tag)}" is not allowed`, keyOff);
  if (k.anchor) anchors.set(k.anchor, scalarNode(k, keyOff));
  const v = k.value;
  switch (typeof v) {
    case 'string': return v;
    case 'bigint': return v.toString();
    case 'boolean': return v ? 'true' : 'false';
    case 'number':
      if (Number.isNaN(v)) return '.nan';
      if (v === Infinity) return '.inf';
      if (v === -Infinity) return '-.inf';
      return String(v);
    case 'symbol': return v.description ?? '';
    default:
      if (v === null) throw new ConvertError('unsupported map key: null', keyOff);
      throw new ConvertError(`unsupported map key: ${String(v)}`, keyOff);
  }
}

/**
 * @param {import('yaml').Scalar} node
 * @param {number} off
 * @returns {ScalarNode}
 */
function scalarNode(node, off) {
  const v = node.value;
  switch (typeof v) {
    case 'string':
      return { t: 'scalar', off, type: 'string', v, json: JSON.stringify(v) };
    case 'bigint':
      return { t: 'scalar', off, type: 'number', v: v.toString(), json: v.toString() };
    case 'number':
      if (!Number.isFinite(v)) {
        throw new ConvertError(`json: unsupported value: ${Number.isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf'}`, off);
      }
      return { t: 'scalar', off, type: 'number', v: String(v), json: Object.is(v, -0) ? '-0' : String(v) };
    case 'boolean':
      return { t: 'scalar', off, type: 'boolean', v, json: v ? 'true' : 'false' };
    case 'symbol': // `<<` used as a value
      return { t: 'scalar', off, type: 'string', v: '<<', json: '"<<"' };
    default:
      if (v === null || v === undefined) return { t: 'scalar', off, type: 'null', v: null, json: 'null' };
      throw new ConvertError(`unsupported scalar value (tag ${shortTag(String(node.tag))})`, off);
  }
}

// JSON text of a tree, expanding aliases. go-yaml v2's guard against alias bombs is kept: once more
// than 100 nodes were decoded inside alias expansions and 1000 in all, their share may not pass a
// ratio that falls from 99% (up to 400 000 nodes) to 10% (4 000 000 nodes). The output is capped at the body
// limit as well (TooLarge → 413).
/**
 * @param {TreeNode} tree a YAML document's tree (its scalars carry their JSON text)
 * @returns {string}
 */
export function emitJson(tree) {
  /** @type {string[]} */
  const parts = [];
  let size = 0;
  let decodeCount = 0;
  let aliasCount = 0;
  /** @param {number} count */
  const ratio = (count) => {
    if (count <= 400000) return 0.99;
    if (count >= 4000000) return 0.1;
    return 0.99 - 0.89 * ((count - 400000) / 3600000);
  };
  /** @param {string} s */
  const put = (s) => {
    size += s.length;
    if (size > MAX_BODY_BYTES) throw new TooLarge();
    parts.push(s);
  };
  /** @type {Set<TreeNode>} */
  const expanding = new Set();
  let aliasDepth = 0;
  /**
   * @param {TreeNode} n
   * @param {number} depth
   */
  const emit = (n, depth) => {
    decodeCount++;
    if (aliasDepth > 0) aliasCount++;
    if (aliasCount > 100 && decodeCount > 1000 && aliasCount / decodeCount > ratio(decodeCount)) {
      throw new ConvertError('document contains excessive aliasing', n.off);
    }
    if (n.t === 'alias') {
      if (expanding.has(n.target)) throw new ConvertError(`anchor '${n.name}' value contains itself`, n.off);
      expanding.add(n.target);
      aliasDepth++;
      emit(n.target, depth);
      aliasDepth--;
      expanding.delete(n.target);
      return;
    }
    if (depth > MAX_YAML_DEPTH * 2) throw new ConvertError(`nesting too deep: more than ${MAX_YAML_DEPTH * 2} levels after expanding aliases`, n.off);
    if (n.t === 'scalar') {
      if (n.json === undefined) throw new TypeError('isimport: emitJson() needs a YAML tree (a JSON tree\'s scalars have no JSON text of their own)');
      put(n.json);
    } else if (n.t === 'seq') {
      put('[');
      n.items.forEach((item, i) => {
        if (i > 0) put(',');
        emit(item, depth + 1);
      });
      put(']');
    } else {
      const merged = mergedEntries(n);
      put('{');
      let first = true;
      for (const [key, value] of merged) {
        if (!first) put(',');
        first = false;
        put(JSON.stringify(key));
        put(':');
        emit(value, depth + 1);
      }
      put('}');
    }
  };
  emit(tree, 0);
  return parts.join('');
}

// go-yaml v2: entries are applied in order; a merge sets every key of its sources (the sources of a
// sequence in reverse order, so earlier ones win), later explicit keys override merged ones.
/**
 * @param {MapNode} map
 * @returns {Map<string, TreeNode>}
 */
function mergedEntries(map) {
  /** @type {Map<string, TreeNode>} */
  const out = new Map();
  for (const e of map.entries) {
    if (e.merge) {
      for (let i = e.merge.length - 1; i >= 0; i--) {
        for (const [k, v] of mergedEntries(e.merge[i])) out.set(k, v);
      }
    } else {
      out.set(e.key, e.value);
    }
  }
  return out;
}
