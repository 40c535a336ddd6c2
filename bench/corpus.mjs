// The validation benchmarks' documents: realistic ImageStreamImports (0.5–2 KB of JSON: a few
// images with policies, some with a repository, labels and annotations), made from a fixed seed so
// every run and every tool sees the same ones, and invalid controls that every validator measured
// must refuse (unknown fields, wrong types).
const REGISTRIES = ['quay.io', 'registry.redhat.io', 'ghcr.io', 'docker.io', 'registry.example.com:5000', ''];
const NAMES = ['app', 'web', 'api', 'worker', 'cli', 'ubi9/ruby-33', 'openshift/origin-cli', 'library/nginx', 'team/tool'];
const TAGS = ['latest', '1.2', '1.2.3', 'v2', 'stable', '2024-01-01', 'edge'];

/** A small deterministic generator (mulberry32): the same numbers for the same seed, everywhere. */
export function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function corpus({ count = 440, seed = 42 } = {}) {
  const r = rng(seed);
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const ref = () => {
    const reg = pick(REGISTRIES);
    const name = `${reg ? `${reg}/` : ''}${pick(NAMES)}`;
    return r() < 0.15 ? `${name}@sha256:${Array.from({ length: 64 }, () => '0123456789abcdef'[Math.floor(r() * 16)]).join('')}` : `${name}:${pick(TAGS)}`;
  };
  const docs = [];
  for (let i = 0; i < count; i++) {
    const images = Array.from({ length: 1 + Math.floor(r() * 5) }, (_, k) => {
      const image = { from: { kind: 'DockerImage', name: ref() } };
      if (r() < 0.6) image.to = { name: `tag-${k}` };
      if (r() < 0.7) image.importPolicy = { ...(r() < 0.3 ? { insecure: true } : {}), ...(r() < 0.5 ? { importMode: pick(['Legacy', 'PreserveOriginal']) } : {}), ...(r() < 0.2 ? { scheduled: true } : {}) };
      if (r() < 0.5) image.referencePolicy = { type: pick(['Source', 'Local']) };
      if (r() < 0.2) image.includeManifest = true;
      return image;
    });
    const doc = {
      apiVersion: 'image.openshift.io/v1',
      kind: 'ImageStreamImport',
      metadata: {
        name: `stream-${i}`,
        namespace: pick(['default', 'team-a', 'ci']),
        ...(r() < 0.6 ? { labels: { app: `app-${i % 7}`, 'app.kubernetes.io/part-of': 'bench' } } : {}),
        ...(r() < 0.4 ? { annotations: { 'openshift.io/display-name': `Stream ${i}`, note: 'x'.repeat(Math.floor(r() * 300)) } } : {}),
      },
      spec: { import: r() < 0.5, images, ...(r() < 0.25 ? { repository: { from: { kind: 'DockerImage', name: `quay.io/${pick(NAMES)}` } } } : {}) },
    };
    docs.push(JSON.stringify(doc, null, r() < 0.5 ? 2 : undefined));
  }
  return docs;
}

/** Documents both validators must refuse: [text, what is wrong]. */
export function invalidControls() {
  const base = JSON.parse(corpus({ count: 1, seed: 7 })[0]);
  const variants = [
    ['an unknown top-level field', (d) => { d.labels = { a: 'b' }; }],
    ['an unknown field in an image', (d) => { d.spec.images[0].frm = d.spec.images[0].from; }],
    ['import as a string', (d) => { d.spec.import = 'yes'; }],
    ['images as an object', (d) => { d.spec.images = { from: {} }; }],
    ['insecure as a number', (d) => { d.spec.images[0].importPolicy = { insecure: 1 }; }],
    ['a label value as a number', (d) => { d.metadata.labels = { a: 1 }; }],
  ];
  return variants.map(([what, edit]) => {
    const d = structuredClone(base);
    edit(d);
    return [JSON.stringify(d), what];
  });
}
