// Malformed and hostile documents (the corpus of tests/fixtures/bad-documents.mjs) through
// `isimport validate -o json` (one process each) and the JS API: each is refused with a clear
// message and exit 1 (never a crash, a hang or exit 2), and is handled well under a second
// (measured here with generous bounds; speed proper belongs to bench/).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { load } from 'isimport';
import { runCli, tempTree, parseJsonReport } from '../support/cli-run.mjs';
import { BAD_DOCUMENTS as CASES } from '../../fixtures/bad-documents.mjs';

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

test(`at least 100 hostile documents (${CASES.length})`, () => {
  assert.ok(CASES.length >= 100);
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
