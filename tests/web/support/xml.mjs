// A small, strict XML 1.0 reader for the JUnit reports: checks well-formedness (one root, balanced
// tags, quoted attributes, known entities, no characters XML cannot hold) and returns the tree.
// Throws an Error naming the offset for anything malformed.

const NAME = /[A-Za-z_:][-A-Za-z0-9_:.]*/y;
const BAD_CHAR = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function decodeEntities(s, at) {
  return s.replace(/&([^;]*);|&/g, (m, name) => {
    if (m === '&') throw new Error(`bare & near offset ${at}`);
    const named = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[name];
    if (named) return named;
    const num = /^#(x[0-9A-Fa-f]+|[0-9]+)$/.exec(name);
    if (!num) throw new Error(`unknown entity &${name}; near offset ${at}`);
    const cp = num[1][0] === 'x' ? parseInt(num[1].slice(1), 16) : parseInt(num[1], 10);
    const ch = String.fromCodePoint(cp);
    if (BAD_CHAR.test(ch)) throw new Error(`character reference &${name}; is not allowed in XML near offset ${at}`);
    return ch;
  });
}

export function parseXml(text) {
  if (BAD_CHAR.test(text)) throw new Error(`character not allowed in XML at offset ${BAD_CHAR.exec(text).index}`);
  let i = 0;
  if (text.startsWith('<?xml')) {
    const end = text.indexOf('?>');
    if (end === -1) throw new Error('unterminated XML declaration');
    i = end + 2;
  }
  const root = { name: '#document', attrs: {}, children: [], text: '' };
  const stack = [root];
  const skipWs = () => { while (i < text.length && /\s/.test(text[i])) i++; };
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    const chunk = lt === -1 ? text.slice(i) : text.slice(i, lt);
    if (chunk.includes('>') && /]]>/.test(chunk)) throw new Error(`]]> in text at ${i}`);
    const top = stack[stack.length - 1];
    if (chunk.trim() !== '') {
      if (top === root) throw new Error(`text outside the root element at ${i}`);
      top.text += decodeEntities(chunk, i);
    }
    if (lt === -1) break;
    i = lt;
    if (text.startsWith('</', i)) {
      i += 2;
      NAME.lastIndex = i;
      const m = NAME.exec(text);
      if (!m) throw new Error(`bad end tag at ${i}`);
      i += m[0].length;
      skipWs();
      if (text[i] !== '>') throw new Error(`bad end tag at ${i}`);
      i++;
      const open = stack.pop();
      if (open.name !== m[0]) throw new Error(`</${m[0]}> closes <${open.name}> at ${i}`);
      continue;
    }
    if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i);
      if (end === -1) throw new Error('unterminated comment');
      i = end + 3;
      continue;
    }
    i++;
    NAME.lastIndex = i;
    const m = NAME.exec(text);
    if (!m) throw new Error(`bad start tag at ${i}`);
    i += m[0].length;
    const el = { name: m[0], attrs: {}, children: [], text: '' };
    for (;;) {
      skipWs();
      if (text.startsWith('/>', i)) { i += 2; top.children.push(el); break; }
      if (text[i] === '>') { i++; top.children.push(el); stack.push(el); break; }
      NAME.lastIndex = i;
      const a = NAME.exec(text);
      if (!a) throw new Error(`bad attribute at ${i}`);
      i += a[0].length;
      skipWs();
      if (text[i] !== '=') throw new Error(`attribute without = at ${i}`);
      i++;
      skipWs();
      const q = text[i];
      if (q !== '"' && q !== "'") throw new Error(`unquoted attribute at ${i}`);
      const end = text.indexOf(q, i + 1);
      if (end === -1) throw new Error(`unterminated attribute at ${i}`);
      const raw = text.slice(i + 1, end);
      if (raw.includes('<')) throw new Error(`< in attribute at ${i}`);
      if (Object.hasOwn(el.attrs, a[0])) throw new Error(`duplicate attribute ${a[0]} at ${i}`);
      el.attrs[a[0]] = decodeEntities(raw, i);
      i = end + 1;
    }
    if (top === root && root.children.length > 1) throw new Error('more than one root element');
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1].name}>`);
  if (root.children.length !== 1) throw new Error('no root element');
  return root.children[0];
}

/** All elements named `name` below `el` (depth first). */
export function findAll(el, name, out = []) {
  for (const c of el.children) {
    if (c.name === name) out.push(c);
    findAll(c, name, out);
  }
  return out;
}
