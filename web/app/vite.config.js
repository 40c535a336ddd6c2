// The static site: `vite build` writes dist/ (entry dist/index.html, relative asset paths, so it
// works from any subpath of any static host), with the element also as dist/isimport-element.js
// and examples/embed.html beside it. `vite preview` serves dist/ and, behind the proxy prefix
// <page>/proxy/, Vite's own proxy to the registries named here (for registries without CORS).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (/** @type {string} */ path) => fileURLToPath(new URL(path, import.meta.url));

// Public registries and their token services, reached through the proxy when they send no CORS
// headers; ISIMPORT_PROXY_TARGETS adds origins (comma-separated), e.g. the demo registries.
const PUBLIC_ORIGINS = [
  'https://quay.io', 'https://cdn.quay.io', 'https://registry-1.docker.io', 'https://auth.docker.io',
  'https://production.cloudflare.docker.com', 'https://ghcr.io', 'https://registry.k8s.io',
  'https://registry.access.redhat.com', 'https://registry.redhat.io', 'https://sso.redhat.com',
  'https://gcr.io', 'https://mcr.microsoft.com', 'https://public.ecr.aws', 'https://registry.gitlab.com',
];

/**
 * Vite's proxy table: `/proxy/<origin>/` → the origin, for each registry.
 * @param {string} [extra] more origins, comma-separated
 * @returns {Record<string, import('vite').ProxyOptions>}
 */
export function proxyTable(extra = process.env.ISIMPORT_PROXY_TARGETS ?? '') {
  const origins = [...PUBLIC_ORIGINS, ...extra.split(',').map((s) => s.trim()).filter(Boolean).map((o) => new URL(o).origin)];
  /** @type {Record<string, import('vite').ProxyOptions>} */
  const table = {};
  for (const origin of new Set(origins)) {
    const prefix = `/proxy/${origin}/`;
    table[prefix] = {
      target: origin,
      changeOrigin: true,
      rewrite: (/** @type {string} */ path) => path.slice(prefix.length - 1),
      // The browser's Origin is this page's; the registry sees a plain client.
      headers: { origin: '' },
    };
  }
  return table;
}

// A request under /proxy/ for an origin the table does not hold gets its connection dropped, as a
// proxy that cannot reach the registry should: an answer (the page's own 404 or index.html) would
// read as the registry's. The importer then sees a network error (and, for an https attempt of an
// insecure image, falls back to http as upstream does).
/**
 * @param {Record<string, import('vite').ProxyOptions>} table
 * @returns {import('vite').Plugin}
 */
function refuseUnknownProxyTargets(table) {
  const known = Object.keys(table);
  /** @type {import('vite').Connect.NextHandleFunction} */
  const refuse = (req, res, next) => {
    const url = req.url;
    if (url?.startsWith('/proxy/') && !known.some((prefix) => url.startsWith(prefix))) req.socket.destroy();
    else next();
  };
  return {
    name: 'isimport-proxy-refusal',
    configureServer: (server) => { server.middlewares.use(refuse); },
    configurePreviewServer: (server) => { server.middlewares.use(refuse); },
  };
}

/** @returns {import('vite').Plugin} */
function embedExample() {
  return {
    name: 'isimport-embed-example',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'embed.html', source: readFileSync(here('../../examples/embed.html'), 'utf8') });
    },
  };
}

// What the page's first validation fetches once its script runs: the validation module and the
// JSON Schemas (load() waits for both). Named in index.html, they are fetched while the scripts
// are, not after them; `crossorigin` makes each preload the very request the library makes (a
// cors fetch, same-origin credentials), so the library is handed the preloaded answer. The import
// engine is not named: it is fetched only when an import starts.
/** @returns {import('vite').Plugin} */
function preloadFirstValidation() {
  const needed = (/** @type {string} */ source) => source.endsWith('/isimport_validation.wasm') || /\/schemas\/[^/]+\.json$/.test(source);
  return {
    name: 'isimport-preload-first-validation',
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle }) {
        if (!bundle) return []; // the dev server: nothing is built
        return Object.values(bundle)
          .filter((file) => file.type === 'asset' && file.originalFileNames.some(needed))
          .sort((a, b) => Number(b.fileName.endsWith('.wasm')) - Number(a.fileName.endsWith('.wasm'))) // the largest first
          .map((file) => ({ tag: 'link', attrs: { rel: 'preload', as: 'fetch', crossorigin: '', href: `./${file.fileName}` }, injectTo: 'head' }));
      },
    },
  };
}

const proxies = proxyTable();

export default defineConfig({
  root: here('.'),
  base: './',
  publicDir: false,
  // ISIMPORT_VITE_LOG names one of Vite's levels (info, warn, error, silent): the environment is not checked.
  logLevel: /** @type {import('vite').LogLevel} */ (process.env.ISIMPORT_VITE_LOG ?? 'info'),
  build: {
    outDir: here('../../dist'),
    emptyOutDir: true,
    target: 'es2022',
    // Every asset a file of its own: the CSP's connect-src has no data: (the schemas are fetched).
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1024,
    rolldownOptions: {
      input: { index: here('index.html'), element: here('../element/index.js') },
      output: {
        entryFileNames: (chunk) => (chunk.name === 'element' ? 'isimport-element.js' : 'assets/[name]-[hash].js'),
        // Two packages the first validation does without, each a chunk named after it (the
        // element imports them after it: web/element/isimport-preview.js): `yaml`, and CodeMirror
        // with its dependencies but for search, which comes with the later parts.
        codeSplitting: {
          groups: [
            { name: 'yaml', test: /[\\/]node_modules[\\/]yaml[\\/]/ },
            { name: 'codemirror', test: /[\\/]node_modules[\\/](?:@codemirror[\\/](?!search[\\/])|@lezer[\\/]|@marijn[\\/]|style-mod[\\/]|w3c-keyname[\\/]|crelt[\\/])/ },
          ],
        },
      },
    },
  },
  plugins: [embedExample(), preloadFirstValidation(), refuseUnknownProxyTargets(proxies)],
  server: { host: '127.0.0.1', proxy: proxies },
  preview: { host: '127.0.0.1', proxy: proxies },
});
