#!/usr/bin/env node
// The include fence: reads every #include under wasm/ and fails when one breaks the core's
// layering or brings I/O into it. Run by `npm test`; `node tests/wasm/include-fence.mjs [ROOT]`
// checks another checkout (the fence's own test plants bad includes in a copy).
//
// The layers, lowest first. Each may include its own folder and the folders listed for it. The
// boundary (wasm/boundary/: the entry points, the options, the import session) sits on all of
// them; each module's glue (wasm/<module>_bindings.cpp, the only files at the top) may include
// anything, and nothing includes it.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const LAYERS = {
  go: [],
  model: ['go'],
  json: ['model', 'go'],
  validation: ['json', 'model', 'go'],
  registry: ['json', 'model', 'go'],
  import: ['validation', 'registry', 'json', 'model', 'go'],
  supply: ['validation', 'registry', 'json', 'model', 'go'],
  boundary: ['import', 'supply', 'validation', 'registry', 'json', 'model', 'go'],
};

// System headers that do I/O, start threads or read clocks: the core is sans-IO (docs/architecture.md).
const IO_HEADERS = new Set([
  'fstream', 'iostream', 'istream', 'cstdio', 'stdio.h', 'filesystem', 'thread', 'future', 'chrono',
  'ctime', 'time.h', 'unistd.h', 'fcntl.h', 'dirent.h', 'netdb.h',
]);
const IO_HEADER_PREFIXES = ['sys/', 'netinet/', 'arpa/'];

// Calls that read a clock, anywhere in C++ outside tests/ (time is an input of the core).
const CLOCK_CALLS = /\b(system_clock|steady_clock|high_resolution_clock|clock_gettime|gettimeofday|emscripten_get_now|emscripten_date_now)\b|(?<![\w.>:])(?:std::)?(?:time|clock)\s*\(\s*(?:NULL|nullptr|0|&\w+)?\s*\)/;

const isCpp = (name) => /\.(h|hpp|cpp|cc)$/.test(name);

// Folders that hold no C++ of the product (tests and benchmarks read clocks; build/ holds outputs).
const NOT_SOURCE = new Set(['.git', 'build', 'node_modules', 'dist', 'tests', 'bench']);

function walk(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) { if (!NOT_SOURCE.has(entry.name)) walk(path, out); }
    else if (isCpp(entry.name)) out.push(path);
  }
  return out;
}

// The text with comments and string literals blanked (newlines kept, so line numbers hold).
function codeOnly(text) {
  return text.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\/|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])'/g, (m) =>
    m.startsWith('"') || m.startsWith("'") ? '""' : m.replace(/[^\n]/g, ' '));
}

// A module's embind glue: wasm/validation_bindings.cpp, wasm/import_bindings.cpp.
const isBindings = (pathFromWasm) => /^[a-z]+_bindings\.cpp$/.test(pathFromWasm);

// Where a file under wasm/ sits: a layer's name, or "glue" for a module's glue at the top.
function roomOf(pathFromWasm) {
  const parts = pathFromWasm.split('/');
  if (parts.length === 1) return isBindings(pathFromWasm) ? 'glue' : 'unknown folder (the top holds only the modules\' glue) ';
  return parts[0] in LAYERS ? parts[0] : `unknown folder ${parts[0]}/`;
}

export function checkIncludes(root) {
  const wasmDir = join(root, 'wasm');
  const files = walk(wasmDir).sort();
  const known = new Set(files.map((f) => relative(wasmDir, f)));
  const violations = [];
  for (const file of files) {
    const fromWasm = relative(wasmDir, file);
    const room = roomOf(fromWasm);
    const where = (line) => `wasm/${fromWasm}:${line}`;
    const lines = readFileSync(file, 'utf8').split('\n');
    if (room.startsWith('unknown')) {
      violations.push({ at: where(1), include: '', rule: `every file of the core sits in a layer's folder (${Object.keys(LAYERS).join(', ')}) or is the boundary; not in an ${room}` });
      continue;
    }
    lines.forEach((text, i) => {
      const m = /^\s*#\s*include\s*([<"])([^>"]+)[>"]/.exec(text);
      if (!m) return;
      const [, quote, name] = m;
      const include = text.trim();
      if (quote === '<') {
        if (IO_HEADERS.has(name) || IO_HEADER_PREFIXES.some((p) => name.startsWith(p))) {
          violations.push({ at: where(i + 1), include, rule: 'the core does no I/O: no file under wasm/ includes a header for files, streams, sockets, threads or clocks' });
        } else if (name.startsWith('emscripten/') && !isBindings(fromWasm)) {
          violations.push({ at: where(i + 1), include, rule: 'only the modules\' glue (wasm/*_bindings.cpp) includes Emscripten headers' });
        }
        return;
      }
      const target = roomOf(name);
      if (!known.has(name)) {
        violations.push({ at: where(i + 1), include, rule: 'a core include names its folder from wasm/ ("registry/manifest.h") and the file exists' });
      } else if (target === 'glue') {
        violations.push({ at: where(i + 1), include, rule: `nothing includes ${name}` });
      } else if (target === 'boundary' && room !== 'boundary' && room !== 'glue') {
        violations.push({ at: where(i + 1), include, rule: `nothing below the boundary includes ${name}: ${room}/ is a layer under it` });
      } else if (room !== 'glue' && target !== room && !LAYERS[room]?.includes(target)) {
        const allowed = [room, ...(LAYERS[room] ?? [])].map((l) => `${l}/`).join(', ');
        violations.push({ at: where(i + 1), include, rule: `${room}/ never includes ${target}/ (it may include ${allowed})` });
      }
    });
  }
  return { files: files.length, violations };
}

// Clock reads in C++ outside tests/ and bench/: the core's time comes from its inputs (docs/architecture.md).
export function checkClocks(root) {
  const violations = [];
  for (const file of walk(root).sort()) {
    codeOnly(readFileSync(file, 'utf8')).split('\n').forEach((text, i) => {
      const m = CLOCK_CALLS.exec(text);
      if (m) violations.push({ at: `${relative(root, file)}:${i + 1}`, include: m[0].trim(), rule: 'no C++ outside tests/ reads the clock: time is an input of the core' });
    });
  }
  return violations;
}

function main() {
  const root = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const { files, violations } = checkIncludes(root);
  violations.push(...checkClocks(root));
  for (const v of violations) console.log(`${v.at}: ${v.include ? `${v.include}: ` : ''}${v.rule}`);
  if (violations.length) {
    console.log(`include fence: ${violations.length} violation(s) in ${files} files under wasm/`);
    process.exit(1);
  }
  console.log(`include fence: ${files} files under wasm/ keep the layering (go, model < json < validation | registry < import | supply < boundary < glue)`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
