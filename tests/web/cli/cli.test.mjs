// The CLI end to end (child processes): exit codes, the three output formats, multi-document YAML,
// directories, stdin, positions in YAML and JSON, "did you mean", --namespace, usage errors.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { ROOT, runCli, tempTree, parseJsonReport, VALID_YAML, validImport } from '../support/cli-run.mjs';
import { parseXml, findAll } from '../support/xml.mjs';

const PACKAGE = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'));

// Line numbers below refer to these texts.
const BAD_SECOND_DOC = `${VALID_YAML}---
apiVersion: image.openshift.io/v1
kind: ImageStreamImport
metadata:
  name: web
  labels:
    "bad key!": x
spec:
  import: false
  images:
  - from:
      kind: ImageStreamTag
      name: nginx:latest
  - from:
      kind: DockerImage
      name: Registry:3000/Foo
    to:
      name: ""
`;
// 1  apiVersion … 10 name: docker.io/…, 11 ---, 12 apiVersion, 13 kind, 14 metadata:, 15 name: web,
// 16 labels:, 17 "bad key!": x, 18 spec:, 19 import, 20 images:, 21 - from:, 22 kind: ImageStreamTag,
// 23 name: nginx:latest, 24 - from:, 25 kind: DockerImage, 26 name: Registry:3000/Foo, 27 to:, 28 name: ""

const BAD_SECOND_CAUSES = [
  { reason: 'FieldValueInvalid', field: 'spec.images[0].from.kind', message: 'Invalid value: "ImageStreamTag": only DockerImage is supported' },
  { reason: 'FieldValueInvalid', field: 'spec.images[1].to.name', message: 'Invalid value: "": the name of the target tag must be specified' },
  { reason: 'FieldValueInvalid', field: 'spec.images[1].from.name', message: 'Invalid value: "Registry:3000/Foo": repository name must be lowercase' },
];

const JSON_DOC = `{
  "apiVersion": "image.openshift.io/v1",
  "kind": "ImageStreamImport",
  "metadata": {"name": "web"},
  "spec": {
    "import": false,
    "images": [
      {"from": {"kind": "DockerImage", "name": "nginx"}},
      {"from": {"kind": "ImageStreamTag", "name": "web:1"}}
    ]
  }
}
`;

let tree;
before(async () => {
  tree = await tempTree({
    'valid.yaml': VALID_YAML,
    'multi.yaml': BAD_SECOND_DOC,
    'doc.json': JSON_DOC,
    'typo.yaml': VALID_YAML.replace('  - from:', '  - frm:'),
    'typo-deep.yaml': VALID_YAML.replace('      kind: DockerImage', '      knid: DockerImage'),
    'namespaced.yaml': VALID_YAML.replace('  name: web\n', '  name: web\n  namespace: team-a\n'),
    'tree/b.yaml': VALID_YAML,
    'tree/a.json': JSON.stringify(validImport()),
    'tree/notes.txt': 'not: [yaml',
    'tree/sub/c.yml': VALID_YAML.replace('kind: DockerImage', 'kind: Other'),
    'tree/sub/README.md': '# not read',
    'empty-dir/.keep.txt': '',
    'empty.yaml': '# nothing but a comment\n',
    'big.json': JSON.stringify(validImport({ metadata: { name: 'web', annotations: { pad: 'x'.repeat(3 * 1024 * 1024) } } })),
    'bad-utf8.yaml': Buffer.concat([Buffer.from('apiVersion: image.openshift.io/v1\nkind: ImageStreamImport\nmetadata:\n  name: w'), Buffer.from([0xc3, 0x28]), Buffer.from('\n')]),
    'xml-hostile.yaml': VALID_YAML.replace('name: web', 'name: "a<b>&\\"c\'d\\u0001"'),
    'odd/we<ird>&"\x01\'.yaml': VALID_YAML.replace('DockerImage', 'Docker<&>'),
  });
});
after(() => tree?.remove());

describe('help, version, usage errors', () => {
  test('--help exits 0 and lists validate and import', async () => {
    const r = await runCli(['--help']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /isimport validate \[flags\] FILE\|DIR\|-/);
    assert.match(r.stdout, /isimport import \[flags\] \[-f FILE\|-\]/);
  });

  test('validate --help exits 0 and documents every flag and the exit codes', async () => {
    const r = await runCli(['validate', '--help']);
    assert.equal(r.code, 0, r.stderr);
    for (const flag of ['--field-validation Strict|Warn|Ignore', '--namespace NS', '--output text|json|yaml|junit|tap', '-R, --recursive', '-f, --filename', '--summary', '--quiet', '--kinds', '--skip', '--reject-unknown-kinds', 'Exit status: 0']) {
      assert.ok(r.stdout.includes(flag), `help mentions ${flag}`);
    }
  });

  test('--version exits 0 with the package and core versions', async () => {
    const r = await runCli(['--version']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`^isimport ${PACKAGE.version.replace(/\./g, '\\.')} \\(core \\S+\\)\\n$`));
  });

  const usage = [
    ['no command', []],
    ['an unknown command', ['frobnicate']],
    ['an unknown global flag', ['--frob']],
    ['validate without inputs', ['validate']],
    ['an unknown validate flag', ['validate', '--strict', 'x.yaml']],
    ['a bad --field-validation value', ['validate', '--field-validation', 'Loose', 'x.yaml']],
    ['--field-validation without a value', ['validate', 'x.yaml', '--field-validation']],
    ['a bad -o value', ['validate', '-o', 'xml', 'x.yaml']],
    ['a bad --kinds value', ['validate', '--kinds', 'apps/v1/', 'x.yaml']],
    ['a bad --output= value', ['validate', '--output=xml', 'x.yaml']],
    ['--namespace without a value', ['validate', 'x.yaml', '--namespace']],
    ['stdin given twice', ['validate', '-', '-']],
  ];
  for (const [name, args] of usage) {
    test(`usage error, exit 2: ${name}`, async () => {
      const r = await runCli(args);
      assert.equal(r.code, 2, `${r.stdout}\n${r.stderr}`);
      assert.match(r.stderr, /^isimport: .+/m, 'says what is wrong');
      assert.equal(r.stdout, args.length === 0 ? '' : r.stdout);
    });
  }

  test('usage messages name the bad flag or value and point to --help', async () => {
    let r = await runCli(['validate', '--strict', 'x.yaml']);
    assert.match(r.stderr, /unknown flag "--strict"/);
    assert.match(r.stderr, /isimport --help/);
    r = await runCli(['validate', '--field-validation', 'Loose', 'x.yaml']);
    assert.match(r.stderr, /invalid value "Loose" for --field-validation: must be Strict, Warn or Ignore/);
    r = await runCli(['validate', '-o', 'xml', 'x.yaml']);
    assert.match(r.stderr, /invalid value "xml" for --output: must be text, json, yaml, junit or tap/);
  });

  test('flag spellings: --flag=value, -oVALUE, -o=VALUE, lower-case modes, -- before files', async () => {
    for (const args of [
      ['validate', '--output=json', '--field-validation=warn', tree.path('valid.yaml')],
      ['validate', '-ojson', tree.path('valid.yaml')],
      ['validate', '-o=json', '--', tree.path('valid.yaml')],
    ]) {
      const r = await runCli(args);
      assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
      assert.equal(parseJsonReport(assert, r.stdout).length, 1);
    }
  });

  test('import of a file that cannot be read: exit 2 with a message (import itself: import-e2e.test.mjs)', async () => {
    const r = await runCli(['import', '-f', 'x.yaml']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^isimport: cannot read x\.yaml: no such file or directory$/m);
  });
});

describe('exit codes', () => {
  test('0: every document valid', async () => {
    const r = await runCli(['validate', tree.path('valid.yaml'), tree.path('doc.json').replace('doc.json', 'tree/a.json')]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
  });

  test('1: some document invalid', async () => {
    const r = await runCli(['validate', tree.path('valid.yaml'), tree.path('multi.yaml')]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
  });

  test('1: a decode error (unknown field in Strict mode)', async () => {
    const r = await runCli(['validate', tree.path('typo.yaml')]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
  });

  test('1: a JSON document over 3 MiB is a 413', async () => {
    const r = await runCli(['validate', '-o', 'json', tree.path('big.json')]);
    assert.equal(r.code, 1, r.stderr);
    const [entry] = parseJsonReport(assert, r.stdout);
    assert.equal(entry.status.code, 413);
    assert.equal(entry.status.reason, 'RequestEntityTooLarge');
    assert.equal(entry.status.message, 'Request entity too large: limit is 3145728');
  });

  test('1: invalid UTF-8 is reported with its position, not a crash', async () => {
    const r = await runCli(['validate', tree.path('bad-utf8.yaml')]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /bad-utf8\.yaml#0: invalid UTF-8: byte 0xC3 at offset 77 \(line 4, column 10\)/);
    assert.match(r.stdout, /bad-utf8\.yaml:4:10: invalid UTF-8/);
    assert.equal(r.stderr, '');
  });

  test('1: a file with no document', async () => {
    const r = await runCli(['validate', tree.path('empty.yaml')]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /empty\.yaml#0: no objects passed to validate/);
  });

  test('2: a file that cannot be read; the others are still validated', async () => {
    const r = await runCli(['validate', tree.path('missing.yaml'), tree.path('multi.yaml')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot read .*missing\.yaml: no such file or directory/);
    assert.match(r.stdout, /multi\.yaml#1: /, 'the readable file was validated');
  });

  test('2 wins over 1: unreadable and invalid together', async () => {
    const r = await runCli(['validate', tree.path('typo.yaml'), tree.path('nope.json')]);
    assert.equal(r.code, 2);
  });

  test('2: a directory without .yaml/.yml/.json files', async () => {
    const r = await runCli(['validate', tree.path('empty-dir')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no \.yaml, \.yml or \.json files/);
  });

  test('Ignore: unknown fields pass silently (exit 0)', async () => {
    const r = await runCli(['validate', '-o', 'json', '--field-validation', 'Ignore', tree.path('typo-deep.yaml')]);
    // `knid` is dropped, so from.kind is empty: invalid for the validation rule, not for decoding.
    const [entry] = parseJsonReport(assert, r.stdout);
    assert.deepEqual(entry.warnings, []);
    assert.deepEqual(entry.causes.map((c) => c.field), ['spec.images[0].from.kind']);
    const ok = await runCli(['validate', '--field-validation', 'Ignore', '-'], { input: VALID_YAML.replace('import: false', 'import: false\n  bogus: 1') });
    assert.equal(ok.code, 0, ok.stdout);
  });
});

describe('text output', () => {
  test('valid documents read "path#index: valid"', async () => {
    const r = await runCli(['validate', tree.path('valid.yaml')], { cwd: tree.dir });
    assert.equal(r.stdout, `${tree.path('valid.yaml')}#0: valid\n`);
  });

  test('relative paths are printed as given', async () => {
    const r = await runCli(['validate', 'valid.yaml', 'multi.yaml'], { cwd: tree.dir });
    assert.equal(r.code, 1);
    const lines = r.stdout.split('\n');
    assert.equal(lines[0], 'valid.yaml#0: valid');
    assert.equal(lines[1], 'multi.yaml#0: valid');
    assert.equal(lines[2],
      'multi.yaml#1: ImageStreamImport.image.openshift.io "web" is invalid: [spec.images[0].from.kind: Invalid value: "ImageStreamTag": only DockerImage is supported, '
      + 'spec.images[1].to.name: Invalid value: "": the name of the target tag must be specified, '
      + 'spec.images[1].from.name: Invalid value: "Registry:3000/Foo": repository name must be lowercase, '
      + "metadata.labels: Invalid value: \"bad key!\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')]");
    assert.equal(lines[3], '  multi.yaml:22:13: spec.images[0].from.kind: Invalid value: "ImageStreamTag": only DockerImage is supported');
    assert.equal(lines[4], '  multi.yaml:28:13: spec.images[1].to.name: Invalid value: "": the name of the target tag must be specified');
    assert.equal(lines[5], '  multi.yaml:26:13: spec.images[1].from.name: Invalid value: "Registry:3000/Foo": repository name must be lowercase');
    assert.match(lines[6], /^ {2}multi\.yaml:17:5: metadata\.labels: Invalid value: "bad key!": name part must consist/);
    assert.equal(lines[7], '');
  });

  test('a decode error prints the status message, then each located problem with its hint', async () => {
    const r = await runCli(['validate', 'typo.yaml'], { cwd: tree.dir });
    assert.equal(r.code, 1);
    assert.equal(r.stdout,
      'typo.yaml#0: ImageStreamImport in version "v1" cannot be handled as a ImageStreamImport: strict decoding error: unknown field "spec.images[0].frm"\n'
      + '  typo.yaml:8:5: unknown field "spec.images[0].frm"; did you mean "from"?\n');
  });

  test('Warn: the document is decoded, warnings are printed like kubectl, with position and hint', async () => {
    const r = await runCli(['validate', '--field-validation', 'Warn', 'typo-deep.yaml'], { cwd: tree.dir });
    assert.equal(r.code, 1, 'from.kind is then empty');
    const lines = r.stdout.split('\n');
    assert.match(lines[0], /^typo-deep\.yaml#0: ImageStreamImport\.image\.openshift\.io "web" is invalid: spec\.images\[0\]\.from\.kind: Invalid value: "": only DockerImage is supported$/);
    assert.equal(lines[1], '  typo-deep.yaml:8:5: spec.images[0].from.kind: Invalid value: "": only DockerImage is supported');
    assert.equal(lines[2], 'Warning: unknown field "spec.images[0].from.knid"');
    assert.equal(lines[3], '  typo-deep.yaml:9:7: unknown field "spec.images[0].from.knid"; did you mean "kind"?');
  });
});

describe('-o json', () => {
  test('one array, an entry per document, exactly the contract keys (+ positions, hints)', async () => {
    const r = await runCli(['validate', '-o', 'json', 'valid.yaml', 'multi.yaml'], { cwd: tree.dir });
    assert.equal(r.code, 1);
    const entries = parseJsonReport(assert, r.stdout);
    assert.deepEqual(entries.map((e) => e.source), ['valid.yaml#0', 'multi.yaml#0', 'multi.yaml#1']);
    for (const e of entries) {
      const keys = Object.keys(e);
      assert.deepEqual(keys, e.valid
        ? ['source', 'valid', 'causes', 'positions', 'hints', 'diagnostics', 'warnings']
        : ['source', 'valid', 'causes', 'positions', 'hints', 'diagnostics', 'warnings', 'status']);
      assert.equal(e.positions.length, e.causes.length);
      for (const c of e.causes) assert.deepEqual(Object.keys(c).sort(), ['field', 'message', 'reason']);
    }
    const bad = entries[2];
    assert.equal(bad.valid, false);
    assert.deepEqual(bad.causes.slice(0, 3), BAD_SECOND_CAUSES);
    assert.equal(bad.causes[3].field, 'metadata.labels');
    assert.deepEqual(bad.positions, [{ line: 22, column: 13 }, { line: 28, column: 13 }, { line: 26, column: 13 }, { line: 17, column: 5 }]);
    assert.equal(bad.status.kind, 'Status');
    assert.equal(bad.status.code, 422);
    assert.equal(bad.status.reason, 'Invalid');
    assert.deepEqual(bad.status.details.causes, bad.causes, 'causes are exactly status.details.causes');
    assert.deepEqual(bad.status.details, { name: 'web', group: 'image.openshift.io', kind: 'ImageStreamImport', causes: bad.causes });
  });

  test('positions in JSON input', async () => {
    const r = await runCli(['validate', '-o', 'json', 'doc.json'], { cwd: tree.dir });
    const [e] = parseJsonReport(assert, r.stdout);
    assert.deepEqual(e.causes, [{ reason: 'FieldValueInvalid', field: 'spec.images[1].from.kind', message: 'Invalid value: "ImageStreamTag": only DockerImage is supported' }]);
    assert.deepEqual(e.positions, [{ line: 9, column: 25 }]);
  });

  test('hints: the did-you-mean lines, never inside the server texts', async () => {
    const r = await runCli(['validate', '-o', 'json', 'typo.yaml'], { cwd: tree.dir });
    const [e] = parseJsonReport(assert, r.stdout);
    assert.deepEqual(e.hints, ['unknown field "spec.images[0].frm"; did you mean "from"?']);
    assert.equal(e.status.message, 'ImageStreamImport in version "v1" cannot be handled as a ImageStreamImport: strict decoding error: unknown field "spec.images[0].frm"');
    assert.ok(!JSON.stringify(e.status).includes('did you mean'));
    assert.deepEqual(e.causes, []);
  });

  test('warnings are the server texts', async () => {
    const r = await runCli(['validate', '-o', 'json', '--field-validation', 'Warn', '-'], {
      input: VALID_YAML.replace('import: false', 'import: false\n  imprt: true'),
    });
    assert.equal(r.code, 0, r.stdout);
    const [e] = parseJsonReport(assert, r.stdout);
    assert.deepEqual(e.warnings, ['unknown field "spec.imprt"']);
    assert.deepEqual(e.hints, ['unknown field "spec.imprt"; did you mean "import"?']);
    assert.equal(e.status, undefined);
  });
});

describe('inputs', () => {
  test('a directory is read for its own files, sorted, .yaml/.yml/.json only; -R also reads its subdirectories (kubectl)', async () => {
    const top = await runCli(['validate', '-o', 'json', 'tree'], { cwd: tree.dir });
    assert.equal(top.code, 0, top.stderr);
    assert.deepEqual(parseJsonReport(assert, top.stdout).map((e) => e.source), ['tree/a.json#0', 'tree/b.yaml#0']);
    for (const flag of ['-R', '--recursive']) {
      const r = await runCli(['validate', '-o', 'json', flag, 'tree'], { cwd: tree.dir });
      assert.equal(r.code, 1, r.stderr);
      const entries = parseJsonReport(assert, r.stdout);
      assert.deepEqual(entries.map((e) => e.source), ['tree/a.json#0', 'tree/b.yaml#0', 'tree/sub/c.yml#0']);
      assert.deepEqual(entries.map((e) => e.valid), [true, true, false]);
    }
  });

  test('- reads YAML from stdin', async () => {
    const r = await runCli(['validate', '-'], { input: BAD_SECOND_DOC });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^<stdin>#0: valid\n<stdin>#1: ImageStreamImport\.image\.openshift\.io "web" is invalid: /);
    assert.match(r.stdout, /\n {2}<stdin>:22:13: spec\.images\[0\]\.from\.kind: /);
  });

  test('- reads JSON from stdin, mixed with files', async () => {
    const r = await runCli(['validate', '-o', 'json', 'valid.yaml', '-'], { cwd: tree.dir, input: JSON_DOC });
    const entries = parseJsonReport(assert, r.stdout);
    assert.deepEqual(entries.map((e) => [e.source, e.valid]), [['valid.yaml#0', true], ['<stdin>#0', false]]);
  });

  test('a leading BOM and CRLF line ends are read as kubectl reads them', async () => {
    const r = await runCli(['validate', '-'], { input: `\ufeff${VALID_YAML.replace(/\n/g, '\r\n')}` });
    assert.equal(r.code, 0, r.stdout);
    const j = await runCli(['validate', '-'], { input: `\ufeff${JSON.stringify(validImport())}` });
    assert.equal(j.code, 0, j.stdout);
  });

  test('UTF-16 with a BOM is decoded', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(VALID_YAML, 'utf16le')]);
    const r = await runCli(['validate', '-'], { input: utf16 });
    assert.equal(r.code, 0, r.stdout);
  });
});

describe('--namespace', () => {
  test('without it, an empty metadata.namespace becomes "default" and any namespace is accepted', async () => {
    const r = await runCli(['validate', 'valid.yaml', 'namespaced.yaml'], { cwd: tree.dir });
    assert.equal(r.code, 0, r.stdout);
  });

  test('given, a document in another namespace is the server\'s 400', async () => {
    const r = await runCli(['validate', '-o', 'json', '--namespace', 'team-b', 'namespaced.yaml', 'valid.yaml'], { cwd: tree.dir });
    assert.equal(r.code, 1);
    const [other, filled] = parseJsonReport(assert, r.stdout);
    assert.equal(other.status.code, 400);
    assert.equal(other.status.message, 'the namespace of the provided object does not match the namespace sent on the request');
    assert.equal(filled.valid, true);
  });

  test('given, the same namespace is fine; an invalid one fails validation of the filled field', async () => {
    let r = await runCli(['validate', '-n', 'team-a', 'namespaced.yaml'], { cwd: tree.dir });
    assert.equal(r.code, 0, r.stdout);
    r = await runCli(['validate', '-o', 'json', '--namespace=Bad_NS', 'valid.yaml'], { cwd: tree.dir });
    const [e] = parseJsonReport(assert, r.stdout);
    assert.equal(e.causes[0].field, 'metadata.namespace');
    assert.match(e.causes[0].message, /^Invalid value: "Bad_NS": a lowercase RFC 1123 label must consist of/);
  });
});

describe('-o junit', () => {
  test('well-formed XML, one testcase per document, failures with message and located body', async () => {
    const r = await runCli(['validate', '-o', 'junit', 'valid.yaml', 'multi.yaml', 'typo.yaml'], { cwd: tree.dir });
    assert.equal(r.code, 1);
    const root = parseXml(r.stdout);
    assert.equal(root.name, 'testsuites');
    assert.equal(root.attrs.tests, '4');
    assert.equal(root.attrs.failures, '2');
    const suites = findAll(root, 'testsuite');
    assert.deepEqual(suites.map((s) => s.attrs.name), ['valid.yaml', 'multi.yaml', 'typo.yaml']);
    const cases = findAll(root, 'testcase');
    assert.deepEqual(cases.map((c) => c.attrs.name), ['valid.yaml#0', 'multi.yaml#0', 'multi.yaml#1', 'typo.yaml#0']);
    const failure = findAll(cases[2], 'failure')[0];
    assert.match(failure.attrs.message, /^ImageStreamImport\.image\.openshift\.io "web" is invalid: \[spec\.images\[0\]\.from\.kind/);
    assert.equal(failure.attrs.type, 'Invalid');
    assert.match(failure.text, /^multi\.yaml:22:13: spec\.images\[0\]\.from\.kind: Invalid value: "ImageStreamTag": only DockerImage is supported$/m);
    const typo = findAll(cases[3], 'failure')[0];
    assert.match(typo.text, /typo\.yaml:8:5: unknown field "spec\.images\[0\]\.frm"; did you mean "from"\?/);
    assert.equal(findAll(cases[0], 'failure').length, 0);
  });

  test('markup and control characters from the input are escaped', async () => {
    const r = await runCli(['validate', '-o', 'junit', 'xml-hostile.yaml', 'odd'], { cwd: tree.dir });
    assert.equal(r.code, 1);
    const root = parseXml(r.stdout); // throws when not well-formed
    const [first, second] = findAll(root, 'failure');
    assert.ok(first.attrs.message.includes('a<b>&\\"c\'d'), first.attrs.message);
    const suite = findAll(root, 'testsuite')[1];
    assert.equal(suite.attrs.name, 'odd/we<ird>&"\\u0001\'.yaml', 'a control character in a file name is written out');
    assert.match(second.attrs.message, /Invalid value: "Docker<&>": only DockerImage is supported/);
    assert.match(second.text, /^odd\/we<ird>&"\\u0001'\.yaml:9:13: spec\.images\[0\]\.from\.kind: /);
  });

  test('an unreadable file is an error testcase (exit 2)', async () => {
    const r = await runCli(['validate', '-o', 'junit', 'valid.yaml', 'gone.yaml'], { cwd: tree.dir });
    assert.equal(r.code, 2);
    const root = parseXml(r.stdout);
    assert.equal(root.attrs.errors, '1');
    const error = findAll(root, 'error')[0];
    assert.match(error.attrs.message, /cannot read gone\.yaml/);
  });
});

test('npx isimport works in the repository', async () => {
  const { spawnSync } = await import('node:child_process');
  const r = spawnSync('npx', ['--offline', '--no-install', 'isimport', 'validate', 'examples/tag-import.yaml'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
  assert.equal(r.stdout, 'examples/tag-import.yaml#0: valid\n');
});
