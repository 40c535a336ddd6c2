// The consumer's esbuild build: `node build-esbuild.mjs ENTRY OUTDIR` (ENTRY and OUTDIR relative
// to the working directory). esbuild does not emit files named by `new URL(…, import.meta.url)`:
// @chialab/esbuild-plugin-meta-url emits them (the .wasm modules, the schemas) beside the bundle.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as esbuild from 'esbuild';
import metaUrl from '@chialab/esbuild-plugin-meta-url';

const [entry, outDir] = process.argv.slice(2);
const result = await esbuild.build({
  entryPoints: [resolve(entry)],
  outdir: resolve(outDir),
  bundle: true,
  format: 'esm',
  splitting: true,
  minify: true,
  platform: 'browser',
  logLevel: 'warning',
  plugins: [metaUrl()],
});
writeFileSync(resolve(outDir, 'index.html'),
  `<!doctype html><meta charset="utf-8"><title>esbuild consumer</title><body><script type="module" src="${entry.replace(/^.*\//, '').replace(/\.js$/, '.js')}"></script>\n`);
process.stdout.write(`${JSON.stringify({ errors: result.errors.length, warnings: result.warnings.map((w) => w.text) })}\n`);
