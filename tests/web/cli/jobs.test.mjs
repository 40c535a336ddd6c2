// `isimport validate --jobs N`: a directory of many files validated in worker threads gives the
// same report, in the same order, as one thread; unreadable entries and invalid documents keep
// their place; a bad --jobs value is a usage error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { symlink } from 'node:fs/promises';

import { runCli, tempTree, parseJsonReport } from '../support/cli-run.mjs';

const stream = (i) => JSON.stringify({
  apiVersion: 'image.openshift.io/v1',
  kind: 'ImageStreamImport',
  metadata: { name: `app-${i}`, namespace: 'ci' },
  spec: { import: false, images: [{ from: { kind: 'DockerImage', name: `quay.io/org/app-${i}:1.${i}` } }] },
});

// 120 files: every 7th invalid (a bad name), every 11th YAML with an unknown field, one List.
function files() {
  const out = {};
  for (let i = 0; i < 120; i++) {
    const name = `f${String(i).padStart(3, '0')}`;
    if (i % 11 === 0) out[`${name}.yaml`] = `apiVersion: image.openshift.io/v1\nkind: ImageStreamImport\nmetadata:\n  name: y-${i}\nspec:\n  imports: []\n`;
    else if (i % 7 === 0) out[`${name}.json`] = stream(i).replace(`app-${i}"`, `App_${i}"`);
    else out[`${name}.json`] = stream(i);
  }
  out['f050.json'] = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [JSON.parse(stream(500)), JSON.parse(stream(501))] });
  return out;
}

let tree;
before(async () => {
  tree = await tempTree(files());
  await symlink(tree.path('missing.json'), tree.path('f060-broken.json'));
});
after(() => tree.remove());

test('--jobs 2 reports exactly what one thread reports, in input order', async () => {
  const one = await runCli(['validate', '-o', 'json', '--summary', '--jobs', '1', tree.dir]);
  const two = await runCli(['validate', '-o', 'json', '--summary', '-j2', tree.dir]);
  assert.equal(one.code, 2, one.stderr); // the broken link is an unreadable input
  assert.equal(two.code, 2, two.stderr);
  assert.equal(two.stdout, one.stdout);
  assert.equal(two.stderr, one.stderr);
  const report = JSON.parse(one.stdout);
  assert.deepEqual(report.summary, { objects: 121, valid: 94, invalid: 27, skipped: 0, errors: 1, inputs: 121 });
  const sources = report.objects.map((o) => o.source);
  assert.deepEqual(sources.slice(49, 53), [`${tree.path('f049.json')}#0`, `${tree.path('f050.json')}#0/items[0]`, `${tree.path('f050.json')}#0/items[1]`, `${tree.path('f051.json')}#0`]);
  assert.match(one.stderr, /f060-broken\.json: broken symbolic link/);
});

test('text output with many threads: one line per object, in order, invalid ones with file:line:column', async () => {
  const r = await runCli(['validate', '--jobs', '4', tree.dir]);
  const lines = r.stdout.trim().split('\n').filter((l) => !l.startsWith('  '));
  assert.equal(lines.length, 121);
  assert.ok(lines[0].startsWith(`${tree.path('f000.yaml')}#0: `), lines[0]);
  assert.match(lines[7], /f007\.json#0: ImageStreamImport\.image\.openshift\.io "App_7" is invalid/);
  assert.match(r.stdout, /f011\.yaml:6:3: unknown field "spec\.imports"/);
});

test('--jobs takes a whole number from 1 to 256', async () => {
  for (const bad of ['0', 'two', '1.5', '1000']) {
    const r = await runCli(['validate', '--jobs', bad, tree.dir]);
    assert.equal(r.code, 2, bad);
    assert.match(r.stderr, new RegExp(`invalid value "${bad.replace('.', '\\.')}" for --jobs: must be an integer from 1 to 256`));
  }
});

test('one file with the default jobs starts no thread (same output as --jobs 1)', async () => {
  const a = await runCli(['validate', tree.path('f001.json')]);
  const b = await runCli(['validate', '-j', '1', tree.path('f001.json')]);
  assert.equal(a.code, 0);
  assert.equal(a.stdout, b.stdout);
});
