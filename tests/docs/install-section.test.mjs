// The README's "Install and embed" snippets are the consumer projects' own lines: each block marked
// ```js consumer=FILE stands verbatim in tests/consumers/apps/FILE, which the consumer suite
// builds from the packed tarball and opens in Chromium (tests/consumers/).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const marked = [...README.matchAll(/^```js consumer=(\S+)\n([\s\S]*?)^```$/gm)].map(([, file, body]) => ({ file, body }));

test('the install section shows the consumers\' own configuration', () => {
  assert.ok(marked.length >= 4, `${marked.length} marked blocks`);
  for (const file of ['vite.config.js', 'build-esbuild.mjs', 'react-app.js']) assert.ok(marked.some((m) => m.file === file), file);
});

for (const { file, body } of marked) {
  test(`README block for ${file} stands in tests/consumers/apps/${file}`, () => {
    const source = readFileSync(new URL(`../consumers/apps/${file}`, import.meta.url), 'utf8');
    assert.ok(source.includes(body), `README shows:\n${body}\nwhich tests/consumers/apps/${file} does not hold`);
  });
}
