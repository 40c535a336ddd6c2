// The include fence passes on the tree as it is and fails, naming the include and the rule, on
// a copy of wasm/ with one bad include planted per rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FENCE = fileURLToPath(new URL('./include-fence.mjs', import.meta.url));

const fence = (root) => spawnSync(process.execPath, [FENCE, root], { encoding: 'utf8' });

function withCopy(plant) {
  const root = mkdtempSync(join(tmpdir(), 'isimport-fence-'));
  try {
    cpSync(join(ROOT, 'wasm'), join(root, 'wasm'), { recursive: true });
    plant((file, line) => {
      const path = join(root, 'wasm', file);
      const text = readFileSync(path, 'utf8');
      // After the file's first include, so the planted line has a known line number.
      const at = text.indexOf('\n', text.indexOf('#include')) + 1;
      writeFileSync(path, text.slice(0, at) + line + '\n' + text.slice(at));
      return text.slice(0, at).split('\n').length;
    }, root);
    return fence(root);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

test('the tree as it is keeps the layering', () => {
  const r = fence(ROOT);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /include fence: \d+ files under wasm\/ keep the layering/);
});

const PLANTS = [
  ['json/codec.cpp', '#include "validation/field_error.h"', /json\/codec\.cpp:\d+: #include "validation\/field_error\.h": json\/ never includes validation\//],
  ['model/image.h', '#include "json/json_tree.h"', /model\/image\.h:\d+: #include "json\/json_tree\.h": model\/ never includes json\//],
  ['go/go_text.cpp', '#include "model/meta.h"', /go\/go_text\.cpp:\d+: #include "model\/meta\.h": go\/ never includes model\//],
  ['registry/manifest.cpp', '#include "validation/validation.h"', /registry\/ never includes validation\//],
  ['validation/validation.cpp', '#include "registry/digest.h"', /validation\/ never includes registry\//],
  ['registry/url.cpp', '#include "import/importer.h"', /registry\/ never includes import\//],
  ['import/importer.cpp', '#include "boundary/api.h"', /#include "boundary\/api\.h": nothing below the boundary includes boundary\/api\.h/],
  ['boundary/api.cpp', '#include "import_bindings.cpp"', /nothing includes import_bindings\.cpp/],
  ['json/codec.cpp', '#include "field_error.h"', /names its folder from wasm\//],
  ['registry/digest.cpp', '#include <fstream>', /#include <fstream>: the core does no I\/O/],
  ['import/importer.cpp', '#include <thread>', /#include <thread>: the core does no I\/O/],
  ['go/time_text.cpp', '#include <chrono>', /#include <chrono>: the core does no I\/O/],
  ['json/codec.cpp', '#include <cstdio>', /#include <cstdio>: the core does no I\/O/],
  ['boundary/api.cpp', '#include <emscripten/fetch.h>', /only the modules' glue \(wasm\/\*_bindings\.cpp\) includes Emscripten headers/],
];

for (const [file, line, expected] of PLANTS) {
  test(`fails on ${line} in wasm/${file}`, () => {
    let lineNumber;
    const r = withCopy((plant) => { lineNumber = plant(file, line); });
    assert.equal(r.status, 1, r.stdout);
    assert.match(r.stdout, expected);
    assert.ok(r.stdout.includes(`wasm/${file}:${lineNumber}: ${line}`), r.stdout);
    assert.match(r.stdout, /include fence: 1 violation\(s\)/);
  });
}

test('fails on a clock read in C++ outside tests/, but not on one in a comment or a string', () => {
  const r = withCopy((plant, root) => {
    appendFileSync(join(root, 'wasm', 'import', 'tag_order.cpp'),
      '// std::chrono::system_clock::now() in a comment is fine\n' +
      'static const char* kText = "time(nullptr)";\n' +
      'static long stamp() { return static_cast<long>(time(nullptr)); }\n');
  });
  assert.equal(r.status, 1, r.stdout);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, 2, r.stdout);
  assert.match(lines[0], /^wasm\/import\/tag_order\.cpp:\d+: time\(nullptr\): no C\+\+ outside tests\/ reads the clock/);
});

test('fails on a source file outside every layer folder', () => {
  const r = withCopy((plant, root) => {
    cpSync(join(root, 'wasm', 'go'), join(root, 'wasm', 'misc'), { recursive: true });
  });
  assert.equal(r.status, 1);
  assert.match(r.stdout, /wasm\/misc\/go_text\.cpp:1: every file of the core sits in a layer's folder/);
});
