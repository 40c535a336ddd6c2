// yaml-block.js, the reader of plain block YAML that spares most documents the `yaml` package:
// wherever it answers, its answer — the JSON kubectl would send, the position tree, the
// document's offset — is the package's, node for node (documents.js's splitDocuments with
// `plainBlock: false` reads with the package only). Held on hand-picked cases, on the repository's
// YAML files, and on a few thousand generated documents full of YAML 1.1's traps; and it must
// answer for the plain ones, or it would spare nothing.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { stringify } from 'yaml';

import { splitDocuments } from '../../../web/lib/documents.js';
import { readPlainBlock } from '../../../web/lib/yaml-block.js';
import { prepareYamlReader } from '../../../web/lib/yaml-reader.js';
import { corpus, rng } from '../../../bench/corpus.mjs';

await prepareYamlReader();
const root = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Asserts that both readings agree on `text`; answers whether the plain reader took the whole of
 * it (a single document).
 * @param {string} text
 */
function agree(text) {
  const both = splitDocuments(text);
  const packageOnly = splitDocuments(text, undefined, { plainBlock: false });
  assert.deepEqual(both, packageOnly, `the readings differ for ${JSON.stringify(text)}`);
  return readPlainBlock(text, 0, text.length) !== null;
}

describe('the plain block reader answers as the yaml package', () => {
  test('plain documents are read without the package, as it reads them', () => {
    const plain = [
      'a: 1\n',
      'apiVersion: v1\nkind: X\nmetadata:\n  name: web\n  labels:\n    app: web\n',
      '# a comment\n\n  a: b\n  c: d\n',
      'a:\n- x\n- y\nb: z\n',
      'a:\n  - x\n  -   y\n',
      'items:\n- name: a\n  value: 1\n-   name: b\n    value: -2\n- c\n',
      'a:\n  # comment\n  b: 1\n',
      'a:   \nb: 1',
      'a:   # empty\nb:\n',
      'a: {}\nb: []   # nothing\n',
      'a: "double: quoted # not a comment"\nb: \'single \'\' quoted\'\n',
      '"quoted key": 1\n\'other\': 2\n',
      'a: ""\nb: \'\'\n"": empty\n',
      'on: yes\noff: No\nx: n\n',
      'a: null\nb: Null\nc: True\nd: FALSE\ne: On\n',
      'a: 0\nb: 123\nc: -7\nd: 12345678901234567890123\n',
      '1: one\n-2: minus two\n',
      'url: http://example.com:8080/x?y=1#frag\nref: quay.io/a/b:1.25\ncolon:x: y\n',
      'name: 127.0.0.1:5000/demo/app:1.2\nfraction: 1/2\ndate: 2001-12-14/x\n',
      'a: b#c\nd: e  #f\n',
      'a: ünïcödé\nb: "日本"\n',
      'a: back\\slash\nb: C:\\path\n',
      'a: x"y\nb: x\'y\nc: not [flow\n',
      '-\n  a: 1\n',
      'a:\n    b:\n        c: d\n    e: f\n',
      '- a: 1\n  b:\n  - c\n  - d\n- e\n',
      'a: 1 # c\n# c\n',
      '# only a comment\n',
      '\n\n   \n',
    ];
    for (const text of plain) assert.ok(agree(text), `not read plainly: ${JSON.stringify(text)}`);
  });

  test('what it does not take is left to the package (which answers, or refuses with its words)', () => {
    const other = [
      'a: &x 1\nb: *x\n', 'a: !!str 1\n', 'a: |\n  text\n', 'a: >\n  text\n', 'a: [1, 2]\n', 'a: {b: 1}\n',
      'a: b\n  c\n', 'a:\n  multi\n  line\n', 'a: "x\n  y"\n', 'a: "esc\\n"\n', 'a:\tb\n', 'a: b\r\n',
      'a: 1\na: 2\n', 'on: 1\ntrue: 2\n', '<<: {a: 1}\n', 'a: 1.5\n', 'a: 010\n', 'a: 0x1F\n', 'a: 1_000\n',
      'a: -0\n', 'a: +1\n', 'a: ~\n', 'a: .inf\n', 'a: 1:20\n', 'a: 2024-01-01\n', 'a: e5\n', 'a: E-3\n',
      'a: b: c\n', 'a: b:\n', 'a : b\n', '? a\n: b\n', '- - a\n', '-\n- a\n', 'a\n', '"a"\n', 'a: - b\n',
      'a: 1\n b: 2\n', '  a: 1\nb: 2\n', 'a:\n- b\n c: d\n', 'a:\n  - b\n  c: d\n', '%YAML 1.1\n---\na: 1\n',
      'a: @x\n', 'a: `x`\n', 'a: "x"y\n', 'a: "x"#c\n', '"a":b\n', 'a: {} x\n', 'a: 1\n...\n',
      `${'k'.repeat(1200)}: v\n`, `a:\n${' '.repeat(250)}b: c\n`,
      'a: !!python/object:os.system x\n', 'a: !local/tag x\n', 'a: -1/x\n', 'a: .5/x\n',
    ];
    for (const text of other) {
      assert.equal(readPlainBlock(text, 0, text.length), null, `read plainly: ${JSON.stringify(text)}`);
      agree(text);
    }
  });

  test('documents of a stream are read one by one, at their offsets', () => {
    const text = '# head\n---\na: 1\n---\n\n  b: [1]\n---  # c\nc:\n- d\n---\n';
    agree(text);
    const docs = splitDocuments(text).docs;
    assert.deepEqual(docs.map((d) => d.offset), [11, 21, 39]);
  });

  test('the repository\'s YAML files', () => {
    const files = [];
    const walk = (dir) => {
      for (const e of readdirSync(join(root, dir), { withFileTypes: true })) {
        const path = join(dir, e.name);
        if (e.isDirectory() && !['node_modules', 'build', 'dist', '.git'].includes(e.name)) walk(path);
        else if (e.isFile() && /\.ya?ml$/.test(e.name)) files.push(path);
      }
    };
    walk('examples');
    walk('tests');
    assert.ok(files.length > 5);
    let plain = 0;
    for (const file of files) {
      const text = readFileSync(join(root, file), 'utf8');
      agree(text);
      if (readPlainBlock(text, 0, text.length) !== null) plain++;
    }
    assert.ok(plain > 0, 'no file of the repository is plain block YAML');
  });

  test('the benchmark corpus, written in both styles of sequence', () => {
    let plain = 0;
    for (const json of corpus({ count: 200, seed: 11 })) {
      for (const indentSeq of [true, false]) {
        const text = stringify(JSON.parse(json), { indentSeq });
        if (agree(text)) plain++;
      }
    }
    assert.equal(plain, 400, 'the corpus is plain block YAML: every document should be read plainly');
  });

  test('generated documents, with YAML 1.1\'s traps and broken lines', () => {
    // Mostly plain documents, which the reader must take; then documents full of traps and broken
    // lines, where it must step aside wherever it would differ.
    for (const { traps, broken, seed, least } of [{ traps: 0.005, broken: 0, seed: 19, least: 0.5 }, { traps: 0.3, broken: 0.04, seed: 23, least: 0.05 }]) {
      const random = rng(seed);
      let plain = 0;
      const count = 1500;
      for (let i = 0; i < count; i++) {
        if (agree(generate(random, { traps, broken }))) plain++;
      }
      assert.ok(plain > count * least, `only ${plain} of ${count} generated documents were read plainly`);
    }
  });
});

// --- a generator of block YAML documents -------------------------------------------------------

const WORDS = ['name', 'kind', 'from', 'to', 'a', 'b-c', 'app.kubernetes.io/name', 'x_y', 'Image', 'DockerImage', 'quay.io/a/b:1.25', 'ünï'];
const TRAPS = [
  'yes', 'No', 'on', 'OFF', 'y', 'n', 'Y', 'true', 'False', 'TRUE', 'null', 'NULL', 'Null', 'nULL', 'yES', '~', '',
  'e5', 'E-3', 'e', '010', '0', '00', '0x1F', '0b11', '0o7', '1_000', '1.5', '.5', '1.', '-0', '+1', '-12', '123', '-', '1e3',
  '1:20', '2024-01-01', '.inf', '-.Inf', '.NaN', '<<', 'a: b', 'a #b', 'a#b', '-a', '- a', '?a', '? a', ':a', 'a:', 'a:b',
  '@x', '`x`', '%x', '!x', '&x', '*x', '|', '>', '[a]', '{a: 1}', '{}', '[]', 'a, b', 'a]', 'x y  z', '\\', 'it\'s', '"', 'say "hi"',
  ' lead', 'trail ', 'a\u00a0b', '\u00a0b', '\u3000x', 'ünï', 'yes!', 'Infinity', 'NaN', '_x', '/x', '$x', '=', '=x', '<x', '<<x',
  '(x)', ';x', '^x', 'ÿes',
];
const INSERTS = [':', ' ', '#', '-', '"', "'", '\t', '{', '[', '&', '*', '!', '|', '?', '\\', ' #', ': ', '- ', '\r'];

function generate(random, { traps, broken }) {
  const pick = (xs) => xs[Math.floor(random() * xs.length)];
  const chance = (p) => random() < p;
  const step = 1 + Math.floor(random() * 4);
  const word = () => (chance(traps) ? pick(TRAPS) : pick(WORDS));
  const scalar = () => {
    const s = word();
    const style = random();
    if (style < 0.6) return s;
    if (style < 0.8) return `'${s.replaceAll("'", "''")}'`;
    return chance(0.5) ? `"${s}"` : JSON.stringify(s);
  };
  const comment = () => (chance(0.15) ? `${chance(broken * 5) ? '' : pick([' ', '  '])}#${pick(['', ' c', ' x: y'])}` : '');
  const value = (depth) => {
    const r = random();
    if (depth > 3 || r < 0.5) return { scalar: scalar() };
    if (r < 0.55) return { scalar: pick(['{}', '[]', '', '']) };
    if (r < 0.8) return { map: entries(1 + Math.floor(random() * 4), depth) };
    return { seq: Array.from({ length: 1 + Math.floor(random() * 3) }, () => value(depth + 1)) };
  };
  // A map's entries; its keys the same now and then when documents are broken.
  const entries = (n, depth) => {
    const keys = new Set();
    while (keys.size < n) keys.add(chance(broken) ? 'a' : word());
    return [...keys, ...(chance(broken) ? ['a'] : [])].map((k) => [k, value(depth + 1)]);
  };
  // The lines of a map or a sequence at `column`.
  const block = (node, column) => {
    const pad = ' '.repeat(column);
    return node.map
      ? node.map.flatMap(([k, v]) => entry(`${pad}${k}:`, v, column))
      : node.seq.flatMap((item) => entry(`${pad}-`, item, column));
  };
  // The lines of a key or a dash (`head`, at `column`) and its value.
  const entry = (head, node, column) => {
    if (node.scalar !== undefined) return [`${head}${node.scalar === '' ? '' : ' '}${node.scalar}${comment()}`];
    const dash = head.endsWith('-');
    if (dash && node.map && chance(0.7)) {
      // The map's first entry on the dash's line.
      const gap = chance(0.2) ? 3 : 1;
      const inner = column + 1 + gap;
      const lines = block(node, inner);
      lines[0] = `${head}${' '.repeat(gap)}${lines[0].slice(inner)}`;
      return lines;
    }
    // A key's sequence at the key's own column now and then, as kubectl writes them.
    const inner = node.seq && !dash && chance(0.5) ? column : column + step;
    return [`${head}${comment()}`, ...block(node, inner)];
  };
  const top = chance(0.9) ? { map: entries(1 + Math.floor(random() * 5), 0) } : value(0);
  const lines = top.scalar !== undefined ? [top.scalar] : block(top, chance(0.1) ? 2 : 0);
  // Comments and blank lines here and there, trailing spaces, and now and then a broken line.
  const out = [];
  for (const line of lines) {
    if (chance(0.05)) out.push(`${' '.repeat(Math.floor(random() * 6))}#${chance(0.5) ? ' note' : ''}`);
    if (chance(0.05)) out.push(chance(0.5) ? '' : '   ');
    let l = line + (chance(0.05) ? '  ' : '');
    if (chance(broken)) {
      const at = Math.floor(random() * (l.length + 1));
      const r = random();
      if (r < 0.4) l = l.slice(0, at) + pick(INSERTS) + l.slice(at);
      else if (r < 0.7) l = l.slice(0, at) + l.slice(at + 1);
      else if (r < 0.85) l = ` ${l}`;
      else l = l.replace(/^ /, '');
    }
    out.push(l);
  }
  if (chance(broken) && out.length > 1) out.push(out[Math.floor(random() * out.length)]);
  return out.join('\n') + (chance(0.8) ? '\n' : '');
}
