// The page of `npm start`: serves the built site (dist/) with Vite's preview server on loopback,
// its proxy prefix (<page>/proxy/) reaching the demo registry and the public registries of
// web/app/vite.config.js, and prints one URL that opens the page with the demo spec in it and
// &run=1, so that it imports at once.
//
//   node scripts/serve-page.mjs [--registry URL] [--port N] [--write-spec FILE]
//     --registry    the demo registry (default: build/demo-registry/url)
//     --port        default 4173, the next free one if taken; 0 for any free port
//     --write-spec  only write the demo spec to FILE and exit
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { writeFragment } from '../web/app/fragment.js';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The demo import: an index kept whole, a Docker image, the 67-tag repository (plain HTTP). */
export function demoSpec(registryUrl) {
  const host = new URL(registryUrl).host;
  return `# The demo import of \`npm start\` (the registry at ${registryUrl} is plain HTTP: insecure: true).
apiVersion: image.openshift.io/v1
kind: ImageStreamImport
metadata:
  name: demo
  namespace: default
spec:
  import: false
  images:
  - from:
      kind: DockerImage
      name: ${host}/demo/web:latest
    importPolicy:
      insecure: true
      importMode: PreserveOriginal
  - from:
      kind: DockerImage
      name: ${host}/demo/tools:latest
    importPolicy:
      insecure: true
  repository:
    from:
      kind: DockerImage
      name: ${host}/demo/versions
    importPolicy:
      insecure: true
`;
}

function options(argv) {
  const o = { registry: null, port: 4173, writeSpec: null };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--registry') o.registry = argv[++i];
    else if (argv[i] === '--port') o.port = Number(argv[++i]);
    else if (argv[i] === '--write-spec') o.writeSpec = argv[++i];
    else {
      console.error('usage: serve-page.mjs [--registry URL] [--port N] [--write-spec FILE]');
      process.exit(2);
    }
  }
  o.registry ??= readFileSync(`${root}/build/demo-registry/url`, 'utf8').trim();
  return o;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const o = options(process.argv.slice(2));
  const spec = demoSpec(o.registry);
  if (o.writeSpec) {
    writeFileSync(o.writeSpec, spec);
    process.exit(0);
  }
  process.env.ISIMPORT_PROXY_TARGETS = [process.env.ISIMPORT_PROXY_TARGETS, o.registry].filter(Boolean).join(',');
  const { preview } = await import('vite');
  const server = await preview({
    configFile: `${root}/web/app/vite.config.js`,
    logLevel: 'warn',
    preview: { port: o.port, strictPort: false, open: false },
  });
  const base = server.resolvedUrls.local[0];
  console.log(`page: ${base}  (Vite preview of dist/; proxy prefix ${base}proxy/)`);
  console.log(`\nOpen this to import the demo in your browser:\n\n  ${base}${writeFragment({ spec, run: true })}\n`);
  console.log('Ctrl-C stops the page; the demo registry keeps running (bash scripts/demo-registry.sh --stop).');
  const stop = () => server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
