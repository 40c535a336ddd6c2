// The built site (dist/, from `npm run build`) and the page's safety rules: a CSP in a meta tag that
// allows no eval and no inline script, relative asset paths (any subpath of any static host), the
// element and the embed page beside it, and no HTML built from strings anywhere in web/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const dist = (f) => `${ROOT}dist/${f}`;

test('dist/index.html declares the CSP: self only, wasm compilation but no eval, no inline script, any registry', () => {
  const html = readFileSync(dist('index.html'), 'utf8');
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
  assert.ok(meta, 'a CSP meta tag');
  const policy = Object.fromEntries(meta[1].split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
  assert.deepEqual(policy['default-src'], ["'self'"]);
  assert.deepEqual(policy['script-src'], ["'self'", "'wasm-unsafe-eval'"]);
  assert.deepEqual(policy['style-src'], ["'self'"]);
  assert.deepEqual(policy['connect-src'], ['*']);
  assert.deepEqual(policy['object-src'], ["'none'"]);
  assert.doesNotMatch(meta[1], /'unsafe-eval'|'unsafe-inline'/);
});

test('dist/index.html has no inline script or style, and every asset path is relative', () => {
  const html = readFileSync(dist('index.html'), 'utf8');
  for (const tag of html.match(/<script\b[^>]*>/g)) assert.match(tag, /\ssrc="\.\//, tag);
  assert.doesNotMatch(html.replace(/<script\b[^>]*><\/script>/g, ''), /<script/);
  assert.doesNotMatch(html, /<style|\sstyle=/);
  for (const [, url] of html.matchAll(/(?:src|href)="([^"]+)"/g)) assert.match(url, /^\.\//, url);
});

test('the element is built beside the page with the embed example, and the wasm is a file of its own', () => {
  assert.ok(existsSync(dist('isimport-element.js')));
  const embed = readFileSync(dist('embed.html'), 'utf8');
  assert.equal(embed, readFileSync(`${ROOT}examples/embed.html`, 'utf8'));
  assert.match(embed, /<script type="module" src="\.\/isimport-element\.js"><\/script>/);
  const element = readFileSync(dist('isimport-element.js'), 'utf8');
  for (const module of ['isimport_validation', 'isimport_import']) {
    assert.ok(new RegExp(`new URL\\(["'\`](?:\\./)?assets/${module}-[\\w-]+\\.wasm["'\`],\\s*import\\.meta\\.url\\)`).test(element), `${module}.wasm is fetched relative to the module`);
  }
  assert.ok(!/\beval\(|new Function\(/.test(element), 'no eval in the element');
  // The import engine's glue is a chunk of its own, imported when the first import runs.
  const chunk = /import\(["'`]\.\/(assets\/isimport_import-[\w-]+\.js)["'`]\)/.exec(element);
  assert.ok(chunk, 'the element imports the import glue on demand');
  const glue = readFileSync(dist(chunk[1]), 'utf8');
  assert.ok(glue.length > 5000, 'the chunk is the glue');
  assert.ok(!element.includes(glue.slice(glue.length / 2, glue.length / 2 + 300)), 'the element does not carry the import glue');
});

test('no HTML from strings in web/: innerHTML, outerHTML, insertAdjacentHTML and document.write are never used', () => {
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', 'web/'], { cwd: ROOT, encoding: 'utf8' })
    .split('\n').filter((f) => /\.(m?js|ts|html)$/.test(f));
  assert.ok(files.length > 20);
  const offenders = [];
  for (const file of files) {
    readFileSync(`${ROOT}${file}`, 'utf8').split('\n').forEach((line, i) => {
      if (/\b(innerHTML|outerHTML|insertAdjacentHTML|document\.write)\b/.test(line)) offenders.push(`${file}:${i + 1}: ${line.trim()}`);
    });
  }
  assert.deepEqual(offenders, []);
});
