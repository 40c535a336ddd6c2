// Builds web/cli/bundle/validate.mjs: `isimport validate` as one ES module (main.js, the validate
// command, the library and the host adapter for Node), which the bin (isimport.js) runs instead of
// the ~20 source modules when it is there and newer than each of them (its first line lists
// them). Node 20 has no compile cache and loads each ES module on its own (0.5–1.4 ms each); one
// module starts `isimport validate FILE` sooner. Run by `npm run build` (rolldown, which vite
// brings): `node web/cli/bundle.mjs`.
//
// What stays out, loaded from its own file as before: node: built-ins, the `yaml` package, the
// wasm glue (web/lib/wasm/*.mjs), and what only importing and the supply chain need (their
// commands and drivers; the bin never runs them from the bundle). A `new URL('…',
// import.meta.url)` in a bundled module is rewritten to point from the bundle to the same file.
import { createRequire } from 'node:module';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const outDir = resolve(here, 'bundle');

// rolldown is vite's dependency (vite's own build uses it): resolved from vite, wherever npm put it.
const fromVite = createRequire(createRequire(`${root}/package.json`).resolve('vite'));
const { rolldown } = /** @type {typeof import('rolldown')} */ (await import(pathToFileURL(fromVite.resolve('rolldown')).href));

/** @param {string} path an absolute path → the same file as seen from the bundle */
const fromBundle = (path) => {
  const rel = relative(outDir, path).split(sep).join('/');
  return rel.startsWith('.') ? rel : `./${rel}`;
};

const OUTSIDE = [
  /\/web\/lib\/wasm\/[^/]+\.mjs$/,
  /\/web\/cli\/(import|supply)-command\.js$/,
  /\/web\/lib\/(import-driver|supply-chain)\.js$/,
];

/** @type {import('rolldown').Plugin} */
const keepPaths = {
  name: 'isimport-keep-paths',
  async resolveId(source, importer, options) {
    if (source.startsWith('node:') || source === 'yaml' || source.startsWith('yaml/')) return { id: source, external: true };
    if (!importer || !source.startsWith('.')) return null;
    const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
    if (resolved && OUTSIDE.some((re) => re.test(resolved.id))) return { id: fromBundle(resolved.id), external: true };
    return resolved;
  },
  transform(code, id) {
    if (!code.includes('import.meta.url')) return null;
    const rewritten = code.replace(/new URL\((['"])(\.{1,2}\/[^'"]+)\1, import\.meta\.url\)/g,
      (_, quote, path) => `new URL(${quote}${fromBundle(resolve(dirname(id), path))}${quote}, import.meta.url)`);
    return rewritten === code ? null : { code: rewritten };
  },
};

const build = await rolldown({
  input: resolve(here, 'main.js'),
  platform: 'node',
  plugins: [keepPaths],
  resolve: { conditionNames: ['node', 'import', 'default'] },
  logLevel: 'warn',
});
const { output } = await build.generate({ format: 'esm', codeSplitting: false, comments: { legal: true, annotation: false, jsdoc: false } });
await build.close();
if (output.length !== 1 || output[0].type !== 'chunk') throw new Error(`bundle: expected one chunk, got ${output.map((o) => o.fileName).join(', ')}`);
const [chunk] = output;

// The bundle's first line lists its sources (the bin reads it to tell whether one has changed
// since). Written whole, then moved into place: a bin that reads it meanwhile finds the old one.
mkdirSync(outDir, { recursive: true });
const sources = chunk.moduleIds.filter((id) => id.startsWith(`${root}${sep}`)).map(fromBundle).sort();
/**
 * @param {string} name
 * @param {string} text
 */
const place = (name, text) => {
  writeFileSync(resolve(outDir, `${name}.tmp`), text);
  renameSync(resolve(outDir, `${name}.tmp`), resolve(outDir, name));
};
place('validate.mjs', `// sources: ${JSON.stringify(sources)}\n${chunk.code}`);
// Built, not committed; shipped (package.json "files": web/cli/): git ignores the folder, npm does not.
place('.gitignore', '*\n');
place('.npmignore', '.gitignore\n');
console.log(`bundle: web/cli/bundle/validate.mjs, ${(chunk.code.length / 1024).toFixed(0)} KiB from ${sources.length} modules`);
