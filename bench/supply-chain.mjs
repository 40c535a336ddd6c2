// What isi.supplyChain() adds to an import (docs/supply-chain.md §9): the demo-like spec (the
// page's demo images, the 50-tag demo/versions repository import, whose images carry cosign
// .sig/.att tags) plus the supply-chain fixtures (cosign, sigstore bundle, SBOM and Notation
// referrers, BuildKit attestations), in the real registry on loopback. Printed: the requests per
// lookup, counted by a wrapping fetch and by onProgress, by kind; then importPreview() alone against
// importPreview() + supplyChain(), median of --runs, on loopback and with every request held
// --delay ms (a fetch that waits first: the registry's host, and so the signatures' identity, stay
// the same).
//
//   node bench/supply-chain.mjs [--runs N] [--delay MS]    (npm run bench runs it; needs `npm run build`)
import { fileURLToPath } from 'node:url';

import { load } from '../web/lib/isimport.js';
import { startRegistry } from '../e2e/registry/start.mjs';
import { populate, DEMO_REPOS } from '../e2e/registry/images.mjs';
import { pushSupplyChain } from '../e2e/registry/supply-artifacts.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const runs = arg('--runs', 5);
const delayMs = arg('--delay', 25);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The page's demo spec, and the fixture images beside it. */
const demoSpec = (host) => {
  const entry = (name, mode) => ({ from: { kind: 'DockerImage', name: `${host}/${name}` }, importPolicy: { insecure: true, ...(mode ? { importMode: mode } : {}) } });
  return {
    kind: 'ImageStreamImport', apiVersion: 'image.openshift.io/v1', metadata: { name: 'demo', namespace: 'bench' },
    spec: {
      import: false,
      images: [
        entry(`${DEMO_REPOS.multi}:latest`, 'PreserveOriginal'), entry(`${DEMO_REPOS.docker}:latest`), entry(`${DEMO_REPOS.rich}:1.0`),
        entry('supply/app:v1'), entry('supply/app:multi', 'PreserveOriginal'), entry('supply/buildkit:v1', 'PreserveOriginal'),
      ],
      repository: entry(DEMO_REPOS.many),
    },
  };
};

/** A fetch that counts requests by kind and may hold each `delay` ms first. */
function countingFetch(delay = 0) {
  const kinds = { ping: 0, referrers: 0, tag: 0, manifest: 0, blob: 0, other: 0 };
  const f = async (url, init) => {
    f.total++;
    const path = new URL(url).pathname;
    if (path === '/v2/') kinds.ping++;
    else if (/\/referrers\//.test(path)) kinds.referrers++;
    else if (/\/manifests\/sha256:/.test(path)) kinds.manifest++;
    else if (/\/manifests\//.test(path)) kinds.tag++;
    else if (/\/blobs\//.test(path)) kinds.blob++;
    else kinds.other++;
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
    return fetch(url, init);
  };
  return Object.assign(f, { kinds, total: 0 });
}

async function timeRuns(isi, spec, delay, keys) {
  const alone = [];
  const both = [];
  const supply = [];
  for (let i = 0; i < runs + 1; i++) {
    const t0 = performance.now();
    const answer = await isi.importPreview(spec, { fetch: countingFetch(delay) });
    const t1 = performance.now();
    await isi.supplyChain(answer, { fetch: countingFetch(delay), keys });
    const t2 = performance.now();
    if (i === 0) continue; // the first run instantiates the import engine
    alone.push(t1 - t0);
    supply.push(t2 - t1);
    both.push(t2 - t0);
  }
  return { alone: median(alone), both: median(both), supply: median(supply) };
}

export async function benchSupplyChain() {
  const registry = await startRegistry({ mode: 'anonymous' });
  try {
    await populate(registry, { repos: DEMO_REPOS });
    const { record } = await pushSupplyChain(registry, { manyLayers: 1000 });
    const isi = await load({ schemas: false });
    const spec = demoSpec(registry.host);
    const answer = await isi.importPreview(spec);
    const failed = [...answer.status.images, ...(answer.status.repository?.images ?? [])].filter((s) => s.status?.status !== 'Success');
    if (failed.length) throw new Error(`the demo import failed: ${JSON.stringify(failed[0].status)}`);
    const keys = [record.keys.ecdsa.pem, record.keys.rsa.pem];

    const f = countingFetch();
    let last;
    const result = await isi.supplyChain(answer, { fetch: f, keys, onProgress: (p) => { last = p; } });
    const lookups = new Set(result.subjects.map((s) => `${s.repository}@${s.digest}`)).size;
    const artifacts = result.subjects.reduce((n, s) => n + s.artifacts.length, 0);
    const verified = result.subjects.reduce((n, s) => n + s.artifacts.filter((a) => a.verification.state === 'verified').length, 0);
    const imported = answer.status.images.length + (answer.status.repository?.images?.length ?? 0);
    return {
      imported, subjects: result.subjects.length, lookups, artifacts, verified, errors: result.errors.length,
      requests: f.total, progress: last, kinds: f.kinds,
      loopback: await timeRuns(isi, spec, 0, keys),
      delayed: await timeRuns(isi, spec, delayMs, keys),
    };
  } finally {
    await registry.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await benchSupplyChain();
  const ms = (x) => `${Math.round(x)} ms`;
  const k = r.kinds;
  console.log(`supply chain of the demo spec + fixtures (${r.imported} images imported → ${r.subjects} subjects, ${r.lookups} distinct lookups):`);
  console.log(`  ${r.artifacts} artifacts (${r.verified} verified with the 2 keys given), ${r.errors} errors`);
  console.log(`  requests: ${r.requests} (onProgress: ${r.progress.requestsDone} done of ${r.progress.requestsKnown}), ${(r.requests / r.lookups).toFixed(1)} per lookup: ` +
    `${k.ping} pings, ${k.referrers} referrers, ${k.tag} tags, ${k.manifest} manifests by digest, ${k.blob} blobs, ${k.other} other`);
  for (const [label, t] of [['loopback', r.loopback], [`every request held ${delayMs} ms`, r.delayed]]) {
    console.log(`  ${label}, median of ${runs}: importPreview ${ms(t.alone)}; + supplyChain ${ms(t.both)} ` +
      `(supplyChain ${ms(t.supply)}, +${Math.round((t.both / t.alone - 1) * 100)}%)`);
  }
}
