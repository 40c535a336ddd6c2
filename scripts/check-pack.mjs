// `prepack` (npm pack, npm publish): refuses to pack a tree whose wasm modules are missing or older
// than the C++ they are built from, since the package would then install but not run (or run an
// old core). It builds nothing: the build needs the toolchain `npm run setup` installs.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const MODULES = ['isimport_validation', 'isimport_import'].flatMap((name) => [`${name}.mjs`, `${name}.wasm`])
  .map((file) => join(root, 'web/lib/wasm', file));

// The newest modification time under a folder (C++ sources and headers, and CMakeLists.txt).
function newestSource(dir) {
  let newest = { time: 0, path: '' };
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const candidate = entry.isDirectory() ? newestSource(path) : { time: statSync(path).mtimeMs, path };
    if (candidate.time > newest.time) newest = candidate;
  }
  return newest;
}

const missing = MODULES.filter((path) => { try { return !statSync(path).isFile(); } catch { return true; } });
if (missing.length > 0) {
  console.error(`isimport: not packing: the wasm modules are not built (${missing.map((p) => p.slice(root.length)).join(', ')}).\n` +
    'Run `npm run setup && npm run build` first, then pack again.');
  process.exit(1);
}
const oldest = Math.min(...MODULES.map((path) => statSync(path).mtimeMs));
const sources = [newestSource(join(root, 'wasm')), { time: statSync(join(root, 'CMakeLists.txt')).mtimeMs, path: join(root, 'CMakeLists.txt') }]
  .reduce((a, b) => (a.time >= b.time ? a : b));
if (sources.time > oldest) {
  console.error(`isimport: not packing: ${sources.path.slice(root.length)} is newer than the built wasm modules.\n` +
    'Run `npm run build` first, then pack again.');
  process.exit(1);
}
