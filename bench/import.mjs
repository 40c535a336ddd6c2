// A repository import bound by round trips: the demo's 70-tag repository (50 tags imported, the
// upstream cap) through a loopback proxy that holds every request for 25 ms, as a registry across
// a network would. Printed beside the bound the round trips set, (2 + 2·⌈50 / concurrency⌉) × 25 ms
// (the ping and the tag list, then a manifest and a config per tag, `concurrency` at a time), and
// beside what a script would do instead: `skopeo list-tags` and one `skopeo inspect` per tag.
//
//   node bench/import.mjs [--runs N] [--delay MS]    (npm run bench runs it; needs `npm run build`)
import { createServer, request as httpRequest, Agent } from 'node:http';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { load } from '../web/lib/isimport.js';
import { startRegistry } from '../e2e/registry/start.mjs';
import { populate, DEMO_REPOS } from '../e2e/registry/images.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const runs = arg('--runs', 5);
const delayMs = arg('--delay', 25);
const TAGS = 50; // OpenShift's default cap on tags per repository import

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// A proxy in front of `target` that answers each request `delay` ms late (the request reaches the
// registry after the delay; the answer streams back at once). Counts requests and keeps the
// largest number in flight at once.
async function startDelayProxy(target, delay) {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const upstream = new URL(target);
  const stats = { requests: 0, inFlight: 0, maxInFlight: 0 };
  const server = createServer((req, res) => {
    stats.requests++;
    stats.inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    res.on('close', () => { stats.inFlight--; });
    setTimeout(() => {
      const out = httpRequest({
        host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, agent,
        headers: { ...req.headers, host: upstream.host },
      }, (answer) => {
        res.writeHead(answer.statusCode, answer.headers);
        answer.pipe(res);
      });
      out.on('error', () => res.destroy());
      req.pipe(out);
    }, delay);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    host: `127.0.0.1:${server.address().port}`,
    stats,
    reset() { stats.requests = 0; stats.maxInFlight = 0; },
    stop: () => new Promise((resolve) => { agent.destroy(); server.close(resolve); }),
  };
}

const repositorySpec = (host) => ({
  kind: 'ImageStreamImport',
  apiVersion: 'image.openshift.io/v1',
  metadata: { name: 'versions', namespace: 'bench' },
  spec: {
    import: false,
    repository: { from: { kind: 'DockerImage', name: `${host}/${DEMO_REPOS.many}` }, importPolicy: { insecure: true } },
  },
});

// The bound for `concurrency` requests at a time.
export const roundTripBound = (concurrency, delay = delayMs) => (2 + 2 * Math.ceil(TAGS / concurrency)) * delay;

async function timeImports(isi, host, concurrency, n) {
  const times = [];
  let answer;
  for (let i = 0; i < n + 1; i++) {
    const start = performance.now();
    answer = await isi.importPreview(repositorySpec(host), { concurrency });
    const elapsed = performance.now() - start;
    if (i > 0) times.push(elapsed); // the first run loads the import engine
  }
  const tags = answer.status?.repository?.images ?? [];
  if (tags.length !== TAGS || tags.some((t) => t.status?.status !== 'Success')) {
    throw new Error(`the import did not bring ${TAGS} tags: ${JSON.stringify(answer.status?.repository?.status ?? answer).slice(0, 300)}`);
  }
  return { median: median(times), min: Math.min(...times), max: Math.max(...times), tags: tags.map((t) => t.tag) };
}

// One skopeo process (never spawnSync: the proxy it talks to runs in this process).
function skopeo(args) {
  return new Promise((resolve, reject) => {
    const child = spawn('skopeo', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`skopeo ${args.join(' ')}: ${stderr}`))));
  });
}

// `skopeo list-tags`, then `skopeo inspect` of each tag, `parallel` processes at a time.
async function timeSkopeo(host, tags, parallel) {
  const start = performance.now();
  await skopeo(['list-tags', '--tls-verify=false', `docker://${host}/${DEMO_REPOS.many}`]);
  const queue = [...tags];
  const worker = async () => {
    while (queue.length > 0) {
      const tag = queue.shift();
      await skopeo(['inspect', '--tls-verify=false', `docker://${host}/${DEMO_REPOS.many}:${tag}`]);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return performance.now() - start;
}

export async function benchImport() {
  const registry = await startRegistry({ mode: 'anonymous' });
  let proxy;
  try {
    await populate(registry, { repos: DEMO_REPOS, sets: ['many'] });
    proxy = await startDelayProxy(registry.url, delayMs);
    const direct = await startDelayProxy(registry.url, 0);
    const isi = await load();
    const out = { delayMs, rows: [] };
    for (const concurrency of [6, 16]) {
      const loopback = await timeImports(isi, direct.host, concurrency, runs);
      proxy.reset();
      const delayed = await timeImports(isi, proxy.host, concurrency, runs);
      const requests = proxy.stats.requests / (runs + 1);
      out.rows.push({ concurrency, loopback, delayed, requests, maxInFlight: proxy.stats.maxInFlight, bound: roundTripBound(concurrency), tags: delayed.tags });
    }
    await direct.stop();
    const tags = out.rows[0].tags;
    out.skopeoSequential = await timeSkopeo(proxy.host, tags, 1);
    out.skopeoParallel = await timeSkopeo(proxy.host, tags, 6);
    return out;
  } finally {
    await proxy?.stop();
    await registry.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await benchImport();
  const ms = (x) => `${Math.round(x)} ms`;
  console.log(`repository import of ${TAGS} tags (${DEMO_REPOS.many}), every request held ${r.delayMs} ms by a loopback proxy, median of ${runs}:`);
  for (const row of r.rows) {
    console.log(`  concurrency ${String(row.concurrency).padStart(2)}: ${ms(row.delayed.median)} (${ms(row.delayed.min)}–${ms(row.delayed.max)}), ` +
      `${Math.round(row.requests)} requests, at most ${row.maxInFlight} at once; bound (2 + 2·⌈${TAGS}/${row.concurrency}⌉) × ${r.delayMs} ms = ${ms(row.bound)}: ` +
      `${(row.delayed.median / row.bound).toFixed(2)}× the bound (bar ≤ 1.5×); with no delay ${ms(row.loopback.median)}`);
  }
  console.log(`  skopeo list-tags + ${TAGS} × skopeo inspect, one at a time: ${ms(r.skopeoSequential)} (${(r.skopeoSequential / r.rows[0].delayed.median).toFixed(1)}× isimport at concurrency 6)`);
  console.log(`  the same, 6 inspects at a time:                  ${ms(r.skopeoParallel)} (${(r.skopeoParallel / r.rows[0].delayed.median).toFixed(1)}×)`);
}
