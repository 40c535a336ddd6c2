// The consumer's webpack 5 build of element-app.js (no loaders, no plugins: webpack emits the
// .wasm files and schemas from `new URL(…, import.meta.url)` as assets itself). Prints webpack's
// errors and warnings as JSON, one line, and fails on an error.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import webpack from 'webpack';

const outDir = fileURLToPath(new URL('../dist-webpack', import.meta.url));
const compiler = webpack({
  mode: 'production',
  context: fileURLToPath(new URL('.', import.meta.url)),
  entry: './element-app.js',
  output: { path: outDir, filename: 'main.js', clean: true },
});
compiler.run((error, stats) => {
  if (error) throw error;
  const { errors, warnings } = stats.toJson({ all: false, errors: true, warnings: true });
  writeFileSync(`${outDir}/index.html`, '<!doctype html><meta charset="utf-8"><title>webpack consumer</title><body><script src="main.js"></script>\n');
  process.stdout.write(`${JSON.stringify({ errors: errors.map((e) => e.message), warnings: warnings.map((w) => w.message) })}\n`);
  compiler.close(() => { process.exitCode = errors.length ? 1 : 0; });
});
