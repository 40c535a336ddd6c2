// The boundary between the core and JavaScript (docs/boundary.md): options are the core's, read
// strictly, refused in one wording from every entry point; findings carry their kind, path and
// byte, and JavaScript places them without reading the server's texts.
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

import { load } from '../../../web/lib/isimport.js';
import { ROOT, runCli } from '../support/cli-run.mjs';
import { goodImport } from '../support/docs.mjs';

let isi;
before(async () => { isi = await load(); });

describe('options: the core reads them strictly', () => {
  test('a misspelt option is a TypeError naming it and the nearest declared one, from every entry point', async () => {
    const misspelt = /isimport: unknown option "fieldValidaton" \(did you mean "fieldValidation"\?\)$/;
    assert.throws(() => isi.validate('{}', { fieldValidaton: 'Warn' }), (e) => e instanceof TypeError && misspelt.test(e.message));
    assert.throws(() => isi.validateAll('{}', { fieldValidaton: 'Warn' }), misspelt);
    assert.throws(() => isi.options('validate', { fieldValidaton: 'Warn' }), misspelt);
    await assert.rejects(isi.importPreview(goodImport(), { fieldValidaton: 'Warn', fetch: () => assert.fail('no request') }), misspelt);
    await assert.rejects(isi.importPreview(goodImport(), { concurency: 2 }), /unknown option "concurency" \(did you mean "concurrency"\?\)/);
  });

  test('a value an option does not take names the option, what it takes and what it got', async () => {
    const error = await isi.importPreview(goodImport(), { concurrency: 65 }).catch((e) => e);
    assert.ok(error instanceof TypeError);
    assert.equal(error.message, 'isimport: concurrency must be an integer from 1 to 64 (got 65)');
    assert.equal(error.option, 'concurrency');
    assert.equal(error.expected, 'an integer from 1 to 64');
    assert.throws(() => isi.validate('{}', { kinds: 'Image' }), /^TypeError: isimport: kinds must be an array of strings \(got "Image"\)$/);
    assert.throws(() => isi.options('importPreview', { fetch: 'fetch' }), /fetch must be a function \(got "fetch"\)/);
    assert.throws(() => isi.options('importPreview', { signal: {} }), /signal must be an AbortSignal \(got an object\)/);
    assert.throws(() => isi.options('importPreview', { requestTimeout: Number.NaN }), /requestTimeout must be .* \(got NaN\)/);
    assert.throws(() => isi.options('importPreview', { now: new Date(Number.NaN) }), /now must be .* \(got an invalid Date\)/);
  });

  test('the defaults are the core\'s, and null counts as absent', () => {
    const defaults = isi.options('importPreview');
    assert.equal(defaults.concurrency, 6);
    assert.equal(defaults.requestTimeout, 30000);
    assert.equal(defaults.importTimeout, 120000);
    assert.equal(defaults.maxTagsPerRepository, 50);
    assert.deepEqual(isi.options('importPreview', { concurrency: null, signal: null }).concurrency, 6);
    assert.deepEqual(isi.options('validate'), { fieldValidation: 'Strict', kinds: [], skip: [], rejectUnknownKinds: false });
    // A Date is sent as RFC 3339; the request's time has whole seconds, as metav1.Time.
    assert.equal(isi.options('importPreview', { now: new Date('2026-01-02T03:04:05.678Z') }).now, '2026-01-02T03:04:05Z');
    assert.equal(isi.options('importPreview', { now: 0 }).now, '1970-01-01T00:00:00Z');
  });

  test('the CLI names the flag whose value the core refused', async () => {
    const r = await runCli(['import', '--concurrency', '65', '--no-creds', '-f', 'tests/fixtures/every-field.imagestreamimport.json']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^isimport: invalid value "65" for --concurrency: must be an integer from 1 to 64\n/);
    const t = await runCli(['import', '--import-timeout', 'soon', '--no-creds', '-f', 'tests/fixtures/every-field.imagestreamimport.json']);
    assert.match(t.stderr, /invalid value "soon" for --import-timeout \(seconds, × 1000\): must be a number of milliseconds from 1 to 3600000/);
  });
});

describe('findings: kind, path and byte from the core', () => {
  const base = '{"kind":"ImageStreamImport","apiVersion":"image.openshift.io/v1","metadata":{"name":"web"},"spec":{"import":false,"images":[{"from":{"kind":"DockerImage","name":"nginx"}}]}}';
  /** The text from a finding's byte on (the texts here are ASCII). */
  const at = (text, d) => text.slice(d.byteOffset);

  test('unknownField and duplicateField point at their key', () => {
    const text = base.replace('"name":"web"', '"name":"web","nmae":"x","name":"y"');
    const r = isi.validate(text);
    assert.deepEqual(r.diagnostics.map((d) => [d.kind, d.path, d.severity]), [
      ['unknownField', 'metadata.nmae', 'error'], ['duplicateField', 'metadata.name', 'error'],
    ]);
    assert.ok(at(text, r.diagnostics[0]).startsWith('"nmae":"x",'));
    assert.ok(at(text, r.diagnostics[1]).startsWith('"name":"y"}'));
    const warned = isi.validate(text, { fieldValidation: 'Warn' });
    assert.deepEqual(warned.diagnostics.map((d) => [d.kind, d.severity]), [['unknownField', 'warning'], ['duplicateField', 'warning']]);
  });

  test('typeError: the path with indices, the Go type, the value\'s byte', () => {
    const text = base.replace('"name":"nginx"', '"name":7');
    const [d] = isi.validate(text).diagnostics;
    assert.equal(d.kind, 'typeError');
    assert.equal(d.path, 'spec.images[0].from.name');
    assert.equal(d.goType, 'string');
    assert.equal(d.message, 'json: cannot unmarshal number into Go struct field ObjectReference.spec.images.from.name of type string');
    assert.ok(at(text, d).startsWith('7}}]}}'));
  });

  test('syntax: the byte the scanner stopped at', () => {
    const text = '{"kind": "ImageStreamImport",, }';
    const [d] = isi.validate(text).diagnostics;
    assert.deepEqual([d.kind, d.path, d.byteOffset], ['syntax', '', 29]);
    assert.equal(d.line, 1);
    assert.equal(d.column, 30);
  });

  test('cause: a 422 cause at its field; a 400 about one field at that field', () => {
    const r = isi.validate(base.replace('"DockerImage"', '"ImageStreamTag"'));
    assert.deepEqual(r.diagnostics.map((d) => [d.kind, d.path, d.byteOffset]), [['cause', 'spec.images[0].from.kind', -1]]);
    const ns = isi.validate(base.replace('"name":"web"', '"name":"web","namespace":"a"'), { namespace: 'b' });
    assert.deepEqual(ns.diagnostics.map((d) => [d.kind, d.path]), [['cause', 'metadata.namespace']]);
    const version = isi.validate(base.replace('image.openshift.io/v1', 'v1'));
    assert.deepEqual(version.diagnostics.map((d) => [d.kind, d.path, d.hint]), [['cause', 'apiVersion', 'apiVersion: image.openshift.io/v1 (OpenShift 3 wrote v1; OpenShift 4 serves the image kinds only in image.openshift.io/v1)']]);
  });

  test('YAML reaches the core re-encoded: placed by path, no byte of the caller\'s text', () => {
    const r = isi.validate('kind: ImageStreamImport\napiVersion: image.openshift.io/v1\nmetadata:\n  name: web\n  nmae: x\n');
    assert.deepEqual(r.diagnostics.map((d) => [d.kind, d.byteOffset, d.line, d.column]), [['unknownField', -1, 5, 3]]);
  });
});

describe('nothing is read back out of the server\'s texts', () => {
  // Phrases of the API server's and Go's messages: the core words them; JavaScript never parses or
  // rebuilds them. (Comments may name them.)
  const PHRASES = [
    'cannot unmarshal', 'unknown field "', 'duplicate field "', 'strict decoding error', 'is registered for version',
    'expected API version', 'namespace of the provided object', 'json parse error', "couldn't get version",
    'Invalid value', 'was not generated', 'cannot be handled as',
  ];
  // kubectl's own decoding of a list whose items are not a list (cli-runtime), which the core
  // never sees: the one Go text JavaScript writes, on purpose.
  const ALLOWED = [['web/lib/objects.js', 'cannot unmarshal']];

  const code = (text) => text.replace(/\/\*[\s\S]*?\*\/|(^|[^:'"`\\])\/\/[^\n]*/g, '$1');
  const files = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'wasm' ? [] : files(path);
    return e.name.endsWith('.js') ? [path] : [];
  });

  test('no JavaScript under web/ holds a server phrase, in a string or a regular expression', () => {
    const found = [];
    for (const path of files(join(ROOT, 'web'))) {
      const name = relative(ROOT, path);
      const text = code(readFileSync(path, 'utf8'));
      for (const phrase of PHRASES) {
        if (text.includes(phrase) && !ALLOWED.some(([file, p]) => file === name && p === phrase)) found.push(`${name}: "${phrase}"`);
      }
    }
    assert.deepEqual(found, []);
  });

  test('no option default is written in the library\'s JavaScript', () => {
    const defaults = isi.options('importPreview');
    const numbers = [defaults.requestTimeout, defaults.importTimeout].flatMap((n) => [String(n), n.toLocaleString('en').replaceAll(',', '_')]);
    const found = [];
    for (const path of files(join(ROOT, 'web'))) {
      const text = code(readFileSync(path, 'utf8'));
      for (const n of numbers) if (new RegExp(`\\b${n}\\b`).test(text)) found.push(`${relative(ROOT, path)}: ${n}`);
    }
    assert.deepEqual(found, []);
  });
});
