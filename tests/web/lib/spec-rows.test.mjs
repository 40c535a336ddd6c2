// docs/acceptance.md §5.1 rows through the CLI (`-o json`, JSON and YAML files) and the JS API: reason, field and
// message of every cause compared exactly, in order; each cause located in its file.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { stringify } from 'yaml';

import { load } from 'isimport';
import { runCli, tempTree, parseJsonReport } from '../support/cli-run.mjs';
import { V_ROWS, S_ROWS, IM_ROWS } from '../support/spec-rows.mjs';

const ALL = [...V_ROWS, ...S_ROWS, ...IM_ROWS];
const plain = ALL.filter((row) => row.namespace === undefined);
const fileName = (row, i, ext) => `${String(i).padStart(2, '0')}-${row.id}.${ext}`;
// YAML 1.1 quoting, so that strings such as "yes" stay strings when read back as kubectl reads them.
const toYaml = (doc) => stringify(doc, { version: '1.1', lineWidth: 0 });

let tree;
let isi;
const reports = {};
before(async () => {
  const files = {};
  plain.forEach((row, i) => {
    files[`json/${fileName(row, i, 'json')}`] = JSON.stringify(row.doc, null, 2);
    files[`yaml/${fileName(row, i, 'yaml')}`] = toYaml(row.doc);
  });
  files['all.yaml'] = plain.map((row) => toYaml(row.doc)).join('---\n');
  tree = await tempTree(files);
  isi = await load();
  for (const form of ['json', 'yaml', 'all.yaml']) {
    const r = await runCli(['validate', '-o', 'json', form], { cwd: tree.dir });
    assert.equal(r.code, 1, `${form}: some rows are invalid: exit 1 (${r.stderr})`);
    reports[form] = parseJsonReport(assert, r.stdout);
    assert.equal(reports[form].length, plain.length, `${form}: one entry per row`);
  }
});
after(() => tree?.remove());

function checkEntry(entry, row) {
  assert.deepEqual(entry.causes, row.causes, `${row.id}: causes`);
  assert.equal(entry.valid, row.causes.length === 0, `${row.id}: valid`);
  if (row.causes.length === 0) {
    assert.equal(entry.status, undefined);
    return;
  }
  assert.equal(entry.status.code, 422);
  assert.equal(entry.status.reason, 'Invalid');
  assert.deepEqual(entry.status.details.causes, entry.causes, `${row.id}: causes are status.details.causes`);
  if (row.message) assert.equal(entry.status.message, row.message);
  assert.equal(entry.positions.length, entry.causes.length);
  entry.positions.forEach((p, k) => {
    assert.ok(p && p.line >= 1 && p.column >= 1, `${row.id}: cause ${k} has a position`);
  });
}

describe('docs/acceptance.md §5.1 through `isimport validate -o json`', () => {
  plain.forEach((row, i) => {
    test(`${row.id} (JSON file)`, () => {
      const entry = reports.json[i];
      assert.equal(entry.source, `json/${fileName(row, i, 'json')}#0`);
      checkEntry(entry, row);
    });
    test(`${row.id} (YAML file, and document #${i} of a multi-document file)`, () => {
      const entry = reports.yaml[i];
      assert.equal(entry.source, `yaml/${fileName(row, i, 'yaml')}#0`);
      checkEntry(entry, row);
      const multi = reports['all.yaml'][i];
      assert.equal(multi.source, `all.yaml#${i}`);
      checkEntry(multi, row);
    });
  });

  for (const row of ALL.filter((r) => r.namespace !== undefined)) {
    test(`${row.id} (with --namespace ${JSON.stringify(row.namespace)})`, async () => {
      const r = await runCli(['validate', '-o', 'json', '--namespace', row.namespace, '-'], { input: toYaml(row.doc) });
      assert.equal(r.code, row.causes.length ? 1 : 0, r.stderr);
      const [entry] = parseJsonReport(assert, r.stdout);
      checkEntry(entry, row);
    });
  }

  test('V5 without --namespace: the empty namespace is filled with "default" (valid)', async () => {
    const row = V_ROWS.find((r) => r.id === 'V5');
    const r = await runCli(['validate', '-'], { input: toYaml(row.doc) });
    assert.equal(r.code, 0, r.stdout);
  });
});

describe('docs/acceptance.md §5.1 through isi.validate()', () => {
  for (const row of ALL) {
    test(row.id, () => {
      const options = row.namespace !== undefined ? { namespace: row.namespace } : {};
      for (const input of [row.doc, JSON.stringify(row.doc), toYaml(row.doc)]) {
        const result = isi.validate(input, options);
        assert.deepEqual(result.causes, row.causes.map((c) => ({ reason: c.reason, message: c.message, field: c.field })));
        assert.equal(result.valid, row.causes.length === 0);
        if (row.message) assert.equal(result.status.message, row.message);
      }
    });
  }
});
