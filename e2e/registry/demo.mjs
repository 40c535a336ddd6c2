// The demo registry behind `npm start` (run through scripts/demo-registry.sh): Debian's
// docker-registry on 127.0.0.1 (anonymous, CORS headers), filled with the demo images, running until
// SIGINT/SIGTERM. Writes into STATE_DIR (default build/demo-registry/):
//   url          "http://127.0.0.1:PORT" (written last: its presence means the registry is ready)
//   pid          this process
//   record.json  what was pushed (images.mjs RECORD FORMAT)
//   cosign.pub   the public key the demo images are signed with (made at every start)
//   policy.yaml  a ClusterImagePolicy requiring it for the demo images (demo-supply.mjs)
// Options: --port N (default: a free port), --state-dir DIR, --quiet.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startRegistry } from './start.mjs';
import { populate, DEMO_REPOS } from './images.mjs';
import { signDemo } from './demo-supply.mjs';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const args = process.argv.slice(2);
let stateDir = join(root, 'build', 'demo-registry');
let port;
let quiet = false;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--port') port = Number(args[++i]);
  else if (args[i] === '--state-dir') stateDir = resolve(args[++i]);
  else if (args[i] === '--quiet') quiet = true;
  else {
    console.error('usage: demo.mjs [--port N] [--state-dir DIR] [--quiet]');
    process.exit(2);
  }
}

const t0 = performance.now();
await mkdir(stateDir, { recursive: true });
await rm(join(stateDir, 'url'), { force: true });
const reg = await startRegistry({ mode: 'anonymous', port });
let stopping = false;
const stop = async (code = 0) => {
  if (stopping) return;
  stopping = true;
  await reg.stop();
  await rm(join(stateDir, 'url'), { force: true });
  await rm(join(stateDir, 'pid'), { force: true });
  process.exit(code);
};
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
process.on('SIGHUP', () => stop(0));

let record;
let supply;
try {
  record = await populate(reg, { repos: DEMO_REPOS });
  // After the record: the signature tags it does not list are not images the demo imports.
  supply = await signDemo(reg, record, { stateDir });
} catch (e) {
  console.error(`demo registry: filling it failed: ${e.message}`);
  await stop(1);
}
await writeFile(join(stateDir, 'record.json'), `${JSON.stringify(record, null, 2)}\n`);
await writeFile(join(stateDir, 'pid'), `${process.pid}\n`);
await writeFile(join(stateDir, 'url'), `${reg.url}\n`);

if (!quiet) {
  const lines = [];
  for (const s of Object.values(record.sets)) {
    const repo = record.repositories[s.repo];
    const n = Object.keys(repo.tags).length;
    const top = repo.manifests[repo.tags[s.tags[0]]];
    const docker = top.mediaType.includes('docker');
    let what;
    if (n > 10) {
      what = `${n} tags over ${new Set(Object.values(repo.tags)).size} digests (semver, v-prefixed, dates, sha256-….sig, words; an index and a Docker image among them)`;
    } else if (top.kind === 'index') {
      const plats = top.manifests.map((m) => [m.platform.os, m.platform.architecture, m.platform.variant].filter(Boolean).join('/'));
      what = `${docker ? 'Docker manifest list' : 'OCI index'}: ${plats.join(', ')}`;
    } else {
      what = `${docker ? 'Docker schema2 image' : 'OCI image'}, ${Object.keys(top.image.config?.Labels ?? {}).length} labels`;
    }
    lines.push(`  ${reg.host}/${s.repo}${n > 10 ? '' : `:${s.tags[0]}`}  ${what}`);
  }
  console.log(`demo registry: ${reg.url}  (anonymous, plain HTTP, CORS on; ready in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  console.log(lines.join('\n'));
  console.log(`  record of every tag and digest: ${join(stateDir, 'record.json')}`);
  console.log(`  signed (cosign .sig, an SPDX .sbom; demo/tools also a SLSA provenance .att) with ${supply.fingerprint}`);
  console.log(`  to check them in the page (“Check the supply chain”), paste or drop into “Public keys and image policies”:`);
  console.log(`    ${supply.files.key}   the public key`);
  console.log(`    ${supply.files.policy}  a ClusterImagePolicy requiring it for ${reg.host}/demo`);
}
