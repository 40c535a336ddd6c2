// isi.explain(): what an answer means for a person, with the core's own tag order and Legacy list
// choice (isi.prioritizeTags, isi.legacyChoice), on answers shaped as the server shapes them.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { load } from '../../../web/lib/isimport.js';
import { configFacts, imageFacts, nodePulls, streamFacts } from '../../../web/lib/explain.js';

let isi;
before(async () => { isi = await load(); });

const digest = (c) => `sha256:${c.repeat(64)}`;
const image = ({ name, arch = 'amd64', layers, configBytes = 100, user, list }) => ({
  metadata: { name },
  dockerImageReference: `quay.io/org/app@${name}`,
  dockerImageManifestMediaType: list ? 'application/vnd.oci.image.index.v1+json' : 'application/vnd.oci.image.manifest.v1+json',
  dockerImageMetadata: list
    ? { Id: name, Created: '2026-01-01T00:00:00Z' }
    : { Id: `${name}-config`, Architecture: arch, Size: configBytes + [...new Map(layers.map((l) => [l[0], l[1]])).values()].reduce((a, b) => a + b, 0), Config: { User: user } },
  ...(list ? { dockerImageManifests: list } : { dockerImageLayers: layers.map(([n, size]) => ({ name: n, size, mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip' })) }),
});
const ok = { metadata: {}, status: 'Success' };

test('an image: each layer\u2019s share of the distinct total, a repeated layer counted once, the config\u2019s bytes', () => {
  const f = imageFacts(image({ name: digest('a'), layers: [[digest('1'), 300], [digest('2'), 100], [digest('1'), 300]], configBytes: 50 }));
  assert.equal(f.layerBytes, 400);
  assert.equal(f.size, 450);
  assert.equal(f.configBytes, 50);
  assert.deepEqual(f.layers.map((l) => [l.share, l.repeat]), [[0.75, false], [0.25, false], [0, true]]);
  assert.equal(f.pullSpec, `quay.io/org/app@${digest('a')}`);
  assert.equal(f.isList, false);
});

test('the user an image runs as: no USER, root and uid 0 are root; anything else is not', () => {
  for (const user of [undefined, '', 'root', '0', '0:0', 'root:wheel']) assert.equal(configFacts({ User: user }).runsAsRoot, true, String(user));
  for (const user of ['1001', 'app', '1001:0', '10']) assert.equal(configFacts({ User: user }).runsAsRoot, false, user);
  const c = configFacts({ Entrypoint: ['/app'], ExposedPorts: { '8080/tcp': {} }, Volumes: { '/data': {} }, Labels: { a: '<b>' }, Env: ['A=1'] });
  assert.deepEqual([c.exposedPorts, c.volumes, c.labels, c.env], [['8080/tcp'], ['/data'], [['a', '<b>']], ['A=1']]);
});

const index = [
  { digest: digest('b'), mediaType: 'application/vnd.oci.image.manifest.v1+json', manifestSize: 500, architecture: 'arm64', os: 'linux', variant: 'v8' },
  { digest: digest('c'), mediaType: 'application/vnd.oci.image.manifest.v1+json', manifestSize: 500, architecture: 'amd64', os: 'linux' },
  { digest: digest('d'), mediaType: 'application/vnd.oci.image.manifest.v1+json', manifestSize: 300, architecture: 'unknown', os: 'unknown' },
];
const indexStatus = {
  status: ok,
  tag: 'latest',
  image: image({ name: digest('e'), list: index }),
  manifests: [
    image({ name: digest('b'), arch: 'arm64', layers: [[digest('5'), 1000], [digest('6'), 10]] }),
    image({ name: digest('c'), layers: [[digest('7'), 2000], [digest('6'), 10]] }),
    image({ name: digest('d'), arch: '', layers: [[digest('8'), 5]] }),
  ],
};

test('a list kept whole: a row per entry with its child\u2019s size and layers, and the entry Legacy mode would take, with why', () => {
  const answer = { kind: 'ImageStreamImport', spec: { images: [{}] }, status: { images: [indexStatus] } };
  const arm = isi.explain(answer, { platform: 'linux/arm64/v7' }).images[0].platforms;
  assert.deepEqual(arm.rows.map((r) => [r.architecture, r.variant, r.compressedSize, r.layerCount, r.legacy, r.attestation]), [
    ['arm64', 'v8', 1110, 2, true, false],
    ['amd64', '', 2110, 2, false, false],
    ['unknown', '', 105, 1, false, true],
  ]);
  assert.equal(arm.legacy.rule, 'preferred');
  assert.match(arm.legacy.reason, /linux\/arm64\/v8: the first entry for the control plane's linux\/arm64 \(variants are not compared\)/);
  const ppc = isi.explain(answer, { platform: 'linux/ppc64le' }).images[0].platforms;
  assert.equal(ppc.legacy.index, 1);
  assert.match(ppc.legacy.reason, /no entry is for the control plane's linux\/ppc64le, so the first linux\/amd64 entry is taken/);
  const win = isi.legacyChoice([{ os: 'windows', architecture: 'amd64' }, { os: 'linux', architecture: 's390x' }], 'linux/riscv64');
  assert.deepEqual(win, { index: 0, rule: 'first' });
});

test('every tag of a repository import with its class, its place and the cap; signature tags flagged', () => {
  const sig = `sha256-${'f'.repeat(64)}.sig`;
  const repository = {
    status: { metadata: {}, status: 'Failure', reason: 'ImportFailed', message: 'one of the images from this repository failed to import' },
    images: ['latest', '2.1', 'v2.0', sig, 'z-taken-over'].map((tag, i) => ({
      status: i === 1 ? { metadata: {}, status: 'Failure', reason: 'NotFound', code: 404, message: 'x' } : ok,
      tag,
      ...(i === 1 ? {} : { image: image({ name: digest(String(i)), layers: [] }) }),
    })),
    additionalTags: ['2.0.1', 'alpha'],
  };
  const answer = { kind: 'ImageStreamImport', spec: {}, status: { repository } };
  const facts = isi.explain(answer, { maxTagsPerRepository: 4 }).repository;
  assert.equal(facts.total, 7);
  assert.equal(facts.importedCount, 5);
  assert.equal(facts.signatureTags, 1);
  const row = (tag) => facts.tags.find((t) => t.tag === tag);
  assert.deepEqual([row('latest').position, row('latest').class, row('latest').rule], [0, 'latest', 'latest']);
  assert.deepEqual([row('2.1').class, row('v2.0').class, row('2.0.1').class, row(sig).class], ['minor', 'minor', 'full', 'other']);
  assert.equal(row('2.1').status.reason, 'NotFound');
  // Priority: latest, 2.1, v2.0, 2.0.1, alpha, sha256-….sig, z-taken-over: the cap of 4 cuts after 2.0.1.
  assert.equal(row('2.0.1').imported, false);
  assert.match(row('2.0.1').why, /^#4: beyond the cap of 4 tags/);
  assert.equal(row('z-taken-over').imported, true);
  assert.match(row('z-taken-over').why, /#7, beyond the cap of 4, but spec\.images already imported it/);
  assert.equal(row(sig).signature, true);
  assert.equal(isi.explain(answer, { maxTagsPerRepository: -1 }).repository.tags.every((t) => !t.imported || !/cap/.test(t.why)), true);
});

test('what each node pulls: per platform, layers shared by tags and entries counted once, plus configs', () => {
  const single = { status: ok, image: image({ name: digest('9'), layers: [[digest('7'), 2000], [digest('a'), 40]], configBytes: 60 }) };
  const answer = { kind: 'ImageStreamImport', spec: {}, status: { images: [indexStatus, single], repository: { status: ok, images: [{ ...single, tag: 'v1' }] } } };
  const pulls = nodePulls(answer);
  assert.deepEqual(pulls.map((p) => p.platform), ['linux/amd64', 'linux/arm64/v8']);
  const [amd, arm] = pulls;
  // amd64: the index's amd64 child (7, 6 + config 100) and the single image (7 again, a + config 60), twice.
  assert.deepEqual(amd.tags, ['spec.images[0]', 'spec.images[1]', 'tag v1']);
  assert.equal(amd.layerCount, 3);
  assert.equal(amd.bytes, 2000 + 10 + 40 + 100 + 60);
  assert.equal(amd.bytesIfNotShared, 2110 + 2100 + 2100);
  assert.deepEqual([arm.layerCount, arm.bytes], [2, 1110]);
  assert.deepEqual(nodePulls({ kind: 'ImageStreamImport', status: { images: [{ status: { status: 'Failure' } }] } }), []);
});

test('import: true — what changes in the ImageStream, tag by tag, against the current one', () => {
  const ref = (d) => `quay.io/org/app@${d}`;
  const current = {
    spec: { tags: [
      { name: 'latest', from: { kind: 'DockerImage', name: 'quay.io/org/app:latest' }, generation: 2, importPolicy: { importMode: 'Legacy' }, referencePolicy: { type: 'Source' } },
      { name: 'old', from: { kind: 'DockerImage', name: 'quay.io/org/app:old' }, generation: 1, importPolicy: { importMode: 'Legacy' }, referencePolicy: { type: 'Source' } },
    ] },
    status: { tags: [
      { tag: 'latest', items: [{ image: digest('1'), dockerImageReference: ref(digest('1')), generation: 2 }] },
      { tag: 'old', items: [{ image: digest('2'), dockerImageReference: ref(digest('2')), generation: 1 }] },
    ] },
  };
  const after = {
    spec: { tags: [
      { ...current.spec.tags[0], generation: 3 },
      current.spec.tags[1],
      { name: 'new', from: { kind: 'DockerImage', name: 'quay.io/org/app:9' }, generation: 3, importPolicy: { importMode: 'Legacy' }, referencePolicy: { type: 'Local' } },
    ] },
    status: { tags: [
      { tag: 'latest', items: [{ image: digest('3'), dockerImageReference: ref(digest('3')), generation: 3 }, current.status.tags[0].items[0]] },
      { tag: 'new', items: null, conditions: [{ type: 'ImportSuccess', status: 'False', reason: 'NotFound', message: 'gone' }] },
      current.status.tags[1],
    ] },
  };
  const facts = streamFacts(after, current);
  const tag = (name) => facts.tags.find((t) => t.tag === name);
  assert.equal(facts.againstCurrent, true);
  assert.equal(facts.changedCount, 2);
  assert.deepEqual(tag('latest').changes, ['spec generation: 2 → 3', `now ${digest('3')}, was ${digest('1')}`, 'history: 1 → 2 events']);
  assert.equal(tag('new').state, 'added');
  assert.equal(tag('new').failed, true);
  assert.deepEqual(tag('new').changes, ['spec tag added, from DockerImage quay.io/org/app:9', 'import failed: NotFound: gone']);
  assert.deepEqual([tag('old').state, tag('old').changes], ['unchanged', []]);
  assert.equal(streamFacts(after, null).tags.every((t) => t.state === 'added'), true);
});

test('explain() reads a pasted current ImageStream as the server stores it: with v1 defaults, so defaults are no change', () => {
  const stream = { kind: 'ImageStream', apiVersion: 'image.openshift.io/v1', metadata: { name: 's' }, spec: { tags: [{ name: 't', from: { kind: 'DockerImage', name: 'a:1' } }] } };
  const answer = {
    kind: 'ImageStreamImport', spec: {}, status: {
      images: [],
      import: { ...stream, spec: { tags: [{ name: 't', from: { kind: 'DockerImage', name: 'a:1' }, importPolicy: { importMode: 'Legacy' }, referencePolicy: { type: 'Source' } }] } },
    },
  };
  const yamlText = 'apiVersion: image.openshift.io/v1\nkind: ImageStream\nmetadata:\n  name: s\nspec:\n  tags:\n  - name: t\n    from:\n      kind: DockerImage\n      name: a:1\n';
  for (const currentImageStream of [stream, yamlText]) {
    const facts = isi.explain(answer, { currentImageStream }).stream;
    assert.deepEqual(facts.tags.map((t) => [t.tag, t.state]), [['t', 'unchanged']]);
  }
  assert.equal(isi.explain({ kind: 'Status', code: 422 }), null);
});

test('the rules refuse what they cannot read, as TypeErrors', () => {
  assert.throws(() => isi.prioritizeTags(['a', 1]), TypeError);
  assert.throws(() => isi.legacyChoice([], 'linux/amd64'), TypeError);
  assert.throws(() => isi.legacyChoice([{ os: 'linux', architecture: 'amd64' }], 'linux'), /platform must be os\/arch/);
});
