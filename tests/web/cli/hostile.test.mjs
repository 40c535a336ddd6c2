// Malformed and hostile documents through `isimport validate -o json` (one process each) and the
// JS API: each is refused with a clear message and exit 1 (never a crash, a hang or exit 2), and
// is handled well under a second (measured here with generous bounds; speed proper belongs to
// bench/). Add cases to CASES: [name, content (string | Buffer | () => either), RegExp for the
// status message, optional {code: HTTP code}].
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { load } from 'isimport';
import { runCli, tempTree, parseJsonReport, VALID_YAML } from '../support/cli-run.mjs';

const MiB = 1024 * 1024;
const BAD = 400;
const YAML_ERR = /^error converting YAML to JSON: yaml: line \d+, column \d+: /;
const yamlErr = (text) => new RegExp(`^error converting YAML to JSON: yaml: line \\d+, column \\d+: ${text}`);
const STRICT = (what) => new RegExp(`^ImageStreamImport in version "v1" cannot be handled as a ImageStreamImport: strict decoding error: ${what}`);
const NOT_AN_OBJECT = /^the object provided is unrecognized \(must be of type ImageStreamImport\): couldn't get version\/kind; json parse error: /;
const TOO_LARGE = /^Request entity too large: limit is 3145728$/;
const BAD_UTF8 = /^invalid UTF-8: byte 0x[0-9A-F]{2} at offset \d+ \(line \d+, column \d+\)$/;

const head = 'apiVersion: image.openshift.io/v1\nkind: ImageStreamImport\n';
const good = (extra = '') => `${head}metadata:\n  name: web\n${extra}spec:\n  images:\n  - from:\n      kind: DockerImage\n      name: nginx\n`;

function laughs(levels, width = 9, flow = true) {
  let s = `a: &a [${Array(width).fill('"lol"').join(',')}]\n`;
  for (let i = 1; i < levels; i++) {
    const prev = String.fromCharCode(96 + i);
    const name = String.fromCharCode(97 + i);
    s += flow
      ? `${name}: &${name} [${Array(width).fill(`*${prev}`).join(', ')}]\n`
      : `${name}: &${name}\n${Array.from({ length: width }, (_, k) => `  k${k}: *${prev}`).join('\n')}\n`;
  }
  return s;
}

const bytes = (...b) => Buffer.from(b);
const withBytes = (before, b, after = '') => Buffer.concat([Buffer.from(before), Buffer.from(b), Buffer.from(after)]);

const CASES = [
  // Alias and anchor abuse.
  ['billion laughs (9 levels × 9, flow)', () => laughs(9), yamlErr('document contains excessive aliasing')],
  ['billion laughs (block maps)', () => laughs(9, 9, false), yamlErr('document contains excessive aliasing')],
  ['billion laughs, 30 levels × 2', () => laughs(26, 2), yamlErr('document contains excessive aliasing')],
  ['one 100 KiB anchor aliased 100 times', () => `a: &a "${'x'.repeat(100 * 1024)}"\nb: [${Array(100).fill('*a').join(',')}]\n`, TOO_LARGE, { code: 413 }],
  ['an anchor that contains itself (sequence)', '&a [*a]\n', yamlErr("anchor 'a' value contains itself")],
  ['an anchor that contains itself (map)', 'a: &a {b: *a}\n', yamlErr("anchor 'a' value contains itself")],
  ['an alias to an unknown anchor', `${good()}x: *nope\n`, yamlErr("unknown anchor 'nope' referenced")],
  ['a merge key with a scalar', 'a: {<<: 1}\n', yamlErr('map merge requires map or sequence of maps as the value')],

  // Tags: nothing but plain data.
  ['!!python/object', 'a: !!python/object:os.system x\n', yamlErr('custom tag "!!python/object:os.system" is not allowed')],
  ['!!python/object/apply (flow)', '!!python/object/apply:os.system ["echo pwned"]\n', yamlErr('custom tag "!!python/object/apply:os.system" is not allowed')],
  ['!!python/name', `${good()}x: !!python/name:os.system ''\n`, yamlErr('custom tag "!!python/name:os.system" is not allowed')],
  ['!!js/function', 'a: !!js/function "function(){ return 1 }"\n', yamlErr('custom tag "!!js/function" is not allowed')],
  ['a local tag !foo', `${good()}x: !foo bar\n`, yamlErr('custom tag "!foo" is not allowed')],
  ['a verbatim tag', '--- !<tag:example.com,2000:app> {a: 1}\n', yamlErr('custom tag "tag:example.com,2000:app" is not allowed')],
  ['a %TAG shorthand', '%TAG !e! tag:example.com,2000:\n---\na: !e!thing 1\n', yamlErr('Could not resolve tag: !e!thing')],
  ['!!binary', 'a: !!binary aGVsbG8=\n', yamlErr('custom tag "!!binary" is not allowed')],
  ['!!set', 'a: !!set {x, y}\n', yamlErr('custom tag "!!set" is not allowed')],
  ['!!omap', 'a: !!omap [{x: 1}]\n', yamlErr('custom tag "!!omap" is not allowed')],
  ['!!pairs', 'a: !!pairs [{x: 1}]\n', yamlErr('custom tag "!!pairs" is not allowed')],
  ['a tag on a key', '!foo a: 1\n', yamlErr('custom tag "!foo" is not allowed')],

  // Keys.
  ['duplicate keys (YAML, top level)', `${good()}kind: ImageStreamImport\n`, yamlErr('mapping key "kind" already defined at line 2')],
  ['duplicate keys (YAML, nested)', good().replace('  name: web\n', '  name: web\n  name: web2\n'), yamlErr('mapping key "name" already defined at line 4')],
  ['duplicate keys (YAML, quoted and plain)', good().replace('  name: web\n', '  name: web\n  "name": web2\n'), yamlErr('mapping key "name" already defined at line 4')],
  ['duplicate keys (YAML, 1 and "1")', 'a:\n  1: x\n  "1": y\n', yamlErr('mapping key "1" already defined at line 2')],
  ['duplicate keys (JSON, top level)', '{"kind":"ImageStreamImport","apiVersion":"image.openshift.io/v1","kind":"ImageStreamImport","metadata":{"name":"a"},"spec":{}}', STRICT('duplicate field "kind"')],
  ['duplicate keys (JSON, nested)', '{"kind":"ImageStreamImport","apiVersion":"image.openshift.io/v1","metadata":{"name":"a","name":"b"},"spec":{"images":[{"from":{"kind":"DockerImage","name":"x"}}]}}', STRICT('duplicate field "metadata.name"')],
  ['a null key', '~: 1\n', yamlErr('unsupported map key: null')],
  ['a sequence as a key', '? [a, b]\n: 1\n', yamlErr('unsupported map key: a map or sequence')],
  ['a map as a key', '? {a: 1}\n: 1\n', yamlErr('unsupported map key: a map or sequence')],

  // YAML syntax.
  ['tabs as indentation', `${head}metadata:\n\tname: web\n`, yamlErr('Tabs are not allowed as indentation')],
  ['a tab-indented block sequence', `${head}spec:\n  images:\n\t- from: {}\n`, YAML_ERR],
  ['an unterminated double quote', `${head}metadata:\n  name: "web\n`, yamlErr('Missing closing "quote')],
  ["an unterminated single quote", `${head}metadata:\n  name: 'web\n`, yamlErr("Missing closing 'quote")],
  ['an unterminated flow sequence', `${head}spec: {images: [\n`, YAML_ERR],
  ['bad indentation', `${head}metadata:\n  name: web\n namespace: x\n`, YAML_ERR],
  ['a nested compact mapping', 'kind: ImageStreamImport: x\n', yamlErr('Nested mappings are not allowed in compact mappings')],
  ['an invalid escape', 'a: "\\q"\n', YAML_ERR],
  ['a document separator followed by a scalar, then garbage', 'a: 1\n--- b\n]]]\n', /./],

  // Nesting.
  ['deep flow nesting in YAML (100 000)', () => `a: ${'['.repeat(100000)}${']'.repeat(100000)}\n`, yamlErr('nesting too deep: more than 500 levels')],
  ['deep block sequences (- - - … 100 000)', () => `${'- '.repeat(100000)}x\n`, yamlErr('nesting too deep: more than 500 levels')],
  ['deep explicit keys (? ? ? … 50 000)', () => `${'? '.repeat(50000)}x\n`, yamlErr('nesting too deep: more than 500 levels')],
  ['deep block maps by indentation (600)', () => Array.from({ length: 600 }, (_, i) => `${' '.repeat(i)}a:`).join('\n') + ' 1\n', yamlErr('nesting too deep: more than 500 levels')],
  ['deep JSON arrays (100 000)', () => `${'['.repeat(100000)}${']'.repeat(100000)}`, /exceeded max depth/],
  ['deep JSON objects (100 000)', () => `${'{"a":'.repeat(100000)}1${'}'.repeat(100000)}`, /exceeded max depth/],
  ['100 000 brackets inside a plain scalar (just text)', () => `a: don't ${'['.repeat(100000)}\n`, STRICT('unknown field "a"')],
  ["deep flow nesting after rock 'n roll", () => `a: rock 'n roll\nb: ${'{a: '.repeat(100000)}\n`, yamlErr('nesting too deep')],
  ['deep flow nesting after a continuation line that starts with a quote', () => `a: foo\n  'bar\nb: ${'['.repeat(100000)}\n`, yamlErr('nesting too deep')],

  // Size.
  ['an 8 MB plain string (YAML)', () => `${head}metadata:\n  name: ${'x'.repeat(8 * MiB)}\n`, TOO_LARGE, { code: 413 }],
  ['an 8 MB double-quoted string (YAML)', () => `${head}metadata:\n  name: "${'x'.repeat(8 * MiB)}"\n`, TOO_LARGE, { code: 413 }],
  ['an 8 MB block literal (YAML)', () => `${head}metadata:\n  annotations:\n    a: |\n${`      ${'y'.repeat(1000)}\n`.repeat(8 * 1024)}`, TOO_LARGE, { code: 413 }],
  ['an 8 MB string (JSON)', () => `{"kind":"ImageStreamImport","apiVersion":"image.openshift.io/v1","metadata":{"name":"${'x'.repeat(8 * MiB)}"}}`, TOO_LARGE, { code: 413 }],
  ['JSON padded with whitespace past 3 MiB', () => `{"kind":"ImageStreamImport"${' '.repeat(3 * MiB)}}`, TOO_LARGE, { code: 413 }],
  ['4 MB of comments in one YAML document', () => `${'#'.repeat(100)}\n`.repeat(40 * 1024) + good(), TOO_LARGE, { code: 413 }],
  ['a 100 KB key (YAML: implicit keys are at most 1024 characters)', () => `${good()}${'k'.repeat(100 * 1024)}: 1\n`, yamlErr('The : indicator must be at most 1024 chars after the start of an implicit block mapping key')],
  ['a 100 KB key (JSON)', () => `{"kind":"ImageStreamImport","apiVersion":"image.openshift.io/v1","${'k'.repeat(100 * 1024)}":1}`, STRICT('unknown field "k{1000}')],

  // Bytes that are not text.
  ['a PNG file', () => Buffer.concat([bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), Buffer.alloc(64, 0xff)]), BAD_UTF8],
  ['a gzip file', () => bytes(0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xcb, 0x48, 0xcd), BAD_UTF8],
  ['an ELF header', () => Buffer.concat([bytes(0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01), Buffer.alloc(9)]), yamlErr('control characters are not allowed')],
  ['a file of NUL bytes', () => Buffer.alloc(4096), yamlErr('control characters are not allowed')],
  ['random bytes', () => { const b = Buffer.alloc(4096); let x = 12345; for (let i = 0; i < b.length; i++) { x = (x * 1103515245 + 12345) & 0x7fffffff; b[i] = x >> 16; } return b; }, /./],
  ['invalid UTF-8 in a YAML value', () => withBytes(`${head}metadata:\n  name: w`, [0xc3, 0x28], '\n'), BAD_UTF8],
  ['an overlong UTF-8 sequence', () => withBytes('a: ', [0xc0, 0xaf], '\n'), BAD_UTF8],
  ['a UTF-8 encoded surrogate', () => withBytes('a: ', [0xed, 0xa0, 0x80], '\n'), BAD_UTF8],
  ['a truncated multi-byte sequence at the end', () => withBytes('a: b', [0xe2, 0x82]), BAD_UTF8],
  ['invalid UTF-8 in JSON', () => withBytes('{"kind":"ImageStreamImport","metadata":{"name":"', [0xff], '"}}'), BAD_UTF8],
  ['UTF-16 with a BOM and a lone surrogate', () => Buffer.concat([bytes(0xff, 0xfe), Buffer.from('a: ', 'utf16le'), bytes(0x00, 0xd8), Buffer.from('\n', 'utf16le')]), /^the input is not valid UTF-16LE/],
  ['a raw NUL in a YAML value', `${head}metadata:\n  name: we\u0000b\n`, yamlErr('control characters are not allowed')],
  ['a C1 control character in YAML', `${head}metadata:\n  name: we\u0085\u0090b\n`, yamlErr('control characters are not allowed')],
  ['a raw control character in a JSON string', '{"kind":"ImageStreamImport","metadata":{"name":"a\u0001b"}}', NOT_AN_OBJECT],
  ['a BOM then JSON with trailing garbage', `\ufeff{"kind":"ImageStreamImport"} x`, NOT_AN_OBJECT],

  // Numbers.
  ['.nan', `${good()}x: .nan\n`, yamlErr('json: unsupported value: NaN')],
  ['.inf', 'a: -.inf\n', yamlErr('json: unsupported value: -Inf')],
  ['an integer beyond int64 keeps its digits', good('').replace('  name: web\n', '  name: web\n  generation: 123456789012345678901234567890\n'),
    /json: cannot unmarshal number 123456789012345678901234567890 into Go struct field ObjectMeta\.metadata\.generation of type int64$/],

  // JSON that is not what the server takes.
  ['JSON with a comment', '{"kind": "ImageStreamImport", /* c */ "spec": {}}', NOT_AN_OBJECT],
  ['JSON with a trailing comma', '{"kind": "ImageStreamImport", "spec": {},}', NOT_AN_OBJECT],
  ['JSON with NaN', '{"kind": "ImageStreamImport", "metadata": {"generation": NaN}}', NOT_AN_OBJECT],
  ['a YAML flow map that is not JSON (read as JSON, as kubectl does)', '{kind: ImageStreamImport, spec: {}}', NOT_AN_OBJECT],
  ['a YAML scalar document', 'just a string\n', NOT_AN_OBJECT],
  ['a YAML sequence document', '- a\n- b\n', NOT_AN_OBJECT],
  ['spec as a list', `${head}metadata: {name: web}\nspec: []\n`, /cannot be handled as a ImageStreamImport: json: cannot unmarshal array into Go struct field ImageStreamImport\.spec of type/],
  ['"yes" (a string) for a boolean', good().replace('spec:\n', 'spec:\n  import: "yes"\n'), /json: cannot unmarshal string into Go struct field ImageStreamImportSpec\.spec\.import of type bool$/],

  // Nothing, or something bad after something good.
  ['an empty file', '', /^no objects passed to validate$/],
  ['only comments', '# a\n# b\n', /^no objects passed to validate$/],
  ['only separators', '---\n---\n...\n', /^no objects passed to validate$/],
  ['a bad second document: syntax', `${VALID_YAML}---\nkind: [\n`, YAML_ERR],
  ['a bad second document: a custom tag', `${VALID_YAML}---\n!!python/object:x {}\n`, yamlErr('custom tag')],
  ['a bad second document: invalid', `${VALID_YAML}---\n${VALID_YAML.replace('DockerImage', 'ImageStreamTag')}`, /is invalid: spec\.images\[0\]\.from\.kind: Invalid value: "ImageStreamTag": only DockerImage is supported$/, { code: 422 }],
  ['a bad second document: unknown field', `${VALID_YAML}---\n${VALID_YAML}bogus: 1\n`, STRICT('unknown field "bogus"')],
  ['1000 small bad documents', () => Array(1000).fill('a: 1\n').join('---\n'), STRICT('unknown field "a"')],
];

let tree;
let isi;
before(async () => {
  const files = {};
  CASES.forEach(([, content], i) => {
    files[`case-${String(i).padStart(3, '0')}.yaml`] = typeof content === 'function' ? content() : content;
  });
  tree = await tempTree(files);
  isi = await load();
});
after(() => tree?.remove());

test(`at least 60 hostile documents (${CASES.length})`, () => {
  assert.ok(CASES.length >= 60);
});

// The first refused document of a file decides what is checked (a multi-document case may have
// valid documents before the bad one).
const firstRefused = (entries) => entries.find((e) => !e.valid) ?? entries[0];

describe('each refused by `isimport validate -o json`: exit 1, a clear message, no crash', { concurrency: 2 }, () => {
  CASES.forEach(([name, , message, { code = undefined } = {}], i) => {
    test(name, async () => {
      const file = `case-${String(i).padStart(3, '0')}.yaml`;
      const r = await runCli(['validate', '-o', 'json', file], { cwd: tree.dir });
      assert.equal(r.signal, null, 'not killed');
      assert.equal(r.code, 1, `exit 1 (stderr: ${r.stderr.slice(0, 500)})`);
      assert.equal(r.stderr, '', 'nothing on stderr');
      const entry = firstRefused(parseJsonReport(assert, r.stdout));
      assert.equal(entry.valid, false);
      assert.equal(entry.status.kind, 'Status');
      assert.equal(entry.status.status, 'Failure');
      assert.match(entry.status.message, message);
      if (code !== undefined) assert.equal(entry.status.code, code);
      else assert.ok([400, 413, 422].includes(entry.status.code), `code ${entry.status.code}`);
      assert.ok(r.ms < 20000, `${Math.round(r.ms)} ms for the whole process`);
    });
  });
});

describe('each refused through isi.validateAll(), timed', () => {
  const timings = [];
  CASES.forEach(([name, content, message], i) => {
    test(name, async () => {
      const { readFile } = await import('node:fs/promises');
      const data = new Uint8Array(await readFile(tree.path(`case-${String(i).padStart(3, '0')}.yaml`)));
      const started = performance.now();
      const results = isi.validateAll(data);
      const ms = performance.now() - started;
      timings.push([ms, name]);
      const bad = results.find((r) => !r.valid) ?? results[0];
      if (results.length === 0) {
        assert.match('no objects passed to validate', message);
      } else {
        assert.equal(bad.valid, false);
        assert.match(bad.status.message, message);
      }
      // Generous: the point is "no hang"; bench/ measures speed.
      assert.ok(ms < 5000, `${Math.round(ms)} ms`);
    });
  });
  test('timings', (t) => {
    timings.sort((a, b) => b[0] - a[0]);
    t.diagnostic(`slowest: ${timings.slice(0, 5).map(([ms, n]) => `${Math.round(ms)} ms ${n}`).join('; ')}`);
    t.diagnostic(`total: ${Math.round(timings.reduce((s, [ms]) => s + ms, 0))} ms for ${timings.length} documents`);
  });
});
