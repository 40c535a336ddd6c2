// The consumer's Vite config. `optimizeDeps.exclude`: Vite's dev server pre-bundles dependencies
// into node_modules/.vite/deps, where isimport's `new URL('./wasm/…', import.meta.url)` no longer
// finds its .wasm (the dev server then answers with HTML); excluded, isimport is served as it is.
// `vite build` needs nothing.
import { fileURLToPath } from 'node:url';

export default {
  root: fileURLToPath(new URL('.', import.meta.url)),
  logLevel: 'warn',
  optimizeDeps: { exclude: ['isimport'] },
  build: { outDir: fileURLToPath(new URL('../dist-vite', import.meta.url)), emptyOutDir: true },
};
