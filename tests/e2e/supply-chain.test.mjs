// isi.supplyChain() against real parts (docs/supply-chain.md §9): Debian's docker-registry
// (Distribution 2.8) on 127.0.0.1 filled by pushSupplyChain() with cosign signatures,
// attestations and SBOMs, a sigstore bundle, SPDX/CycloneDX/Notation referrers in the referrers tag
// schema, a keyless signature, BuildKit attestations and the lies; then the referrers API of
// referrers-server.mjs in front of it, honest and lying. Every expectation is read from the
// fixture's record (what was pushed, with which key, and what a verifier must conclude) or from
// the bytes the registry serves, never from the core. The images are imported with
// isi.importPreview() first, as a user would.
//
// Policies, options, credentials and hand-made answers: supply-chain-policies.test.mjs.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { load } from '../../web/lib/isimport.js';
import { startRegistry } from '../../e2e/registry/start.mjs';
import { pushSupplyChain, LIES, BUILDER_ID, SOURCE_URI } from '../../e2e/registry/supply-artifacts.mjs';
import { startReferrersServer, HUGE_COUNT } from '../../e2e/registry/referrers-server.mjs';
import { ANN, referrersTag } from '../../e2e/registry/supply-formats.mjs';
import { MANIFEST_ACCEPT } from '../../e2e/registry/util.mjs';

const SUITE_TIMEOUT = 60_000;
// The record names formats by what wrote them; the answer by family (docs/supply-chain.md §9.3).
const FORMAT = {
  'cosign-simplesigning': 'cosign', 'cosign-dsse': 'cosign', 'cosign-keyless': 'cosign', 'sigstore-bundle-v0.3': 'sigstore-bundle',
  'spdx-json': 'spdx', 'cyclonedx-json': 'cyclonedx', 'notation-jws': 'notation', 'buildkit-in-toto': 'buildkit',
};

let isi;
let reg;
let record;
before(async () => {
  const t0 = performance.now();
  // manyLayers at the fixture's default (10 000): more layers than cosign accepts at all.
  [isi, reg] = await Promise.all([load({ schemas: false }), startRegistry()]);
  ({ record } = await pushSupplyChain(reg));
  console.log(`# registry started and supply chain pushed in ${Math.round(performance.now() - t0)} ms`);
});
after(() => reg?.stop());

// ---------------------------------------------------------------------------------------------
// Helpers

const entry = (ref, mode) => ({
  from: { kind: 'DockerImage', name: `${reg.host}/${ref}` },
  importPolicy: { insecure: true, ...(mode ? { importMode: mode } : {}) },
});
const isiSpec = (images) => ({
  kind: 'ImageStreamImport', apiVersion: 'image.openshift.io/v1',
  metadata: { name: 'supply', namespace: 'default' }, spec: { import: false, images },
});
const fp = (keyName) => record.keys[keyName].fingerprint;
const platformText = (p) => `${p.os}/${p.architecture}${p.variant ? `/${p.variant}` : ''}`;
const short = (digest) => digest.slice(7, 19);

/** A fetch that logs every request ({method, url}) and may send it elsewhere (`rewrite`). */
function counting(rewrite = (url) => url) {
  const log = [];
  const f = (url, init) => {
    const to = rewrite(url);
    log.push({ method: init.method, url: to });
    return fetch(to, init);
  };
  f.log = log;
  /** Requests whose path matches `re` (the /v2/ pings included only when asked for). */
  f.paths = (re) => log.map((r) => new URL(r.url).pathname + new URL(r.url).search).filter((p) => re.test(p));
  return f;
}

async function registryGet(path) {
  const res = await fetch(`${reg.url}${path}`, { headers: { accept: MANIFEST_ACCEPT } });
  assert.equal(res.status, 200, path);
  return Buffer.from(await res.arrayBuffer());
}

/** The answer's subject whose digest is the record subject's. */
function subjectOf(answer, name) {
  const found = answer.subjects.filter((s) => s.digest === record.subjects[name].digest);
  assert.equal(found.length, 1, `one subject for ${name}`);
  return found[0];
}

/**
 * The verdict the record says a verifier must reach for one layer (or a whole-manifest artifact)
 * given these keys: verified only when a given key made the signature over a payload naming this
 * digest and repository; keyless and Notation signatures, SBOMs and unsigned attestations are
 * never verified here (docs/supply-chain.md §9.5).
 */
function expectedVerdict(artifact, layer, given) {
  if (['cosign-keyless', 'notation-jws'].includes(artifact.format)) return { state: 'unverified' };
  if (artifact.kind === 'sbom' || artifact.kind === 'buildkit-attestation') return { state: 'unverified' };
  if (given.length === 0) return { state: 'unverified' };
  const rows = artifact.expect.filter((e) => e.layer === layer && given.includes(e.key));
  const good = rows.find((e) => e.verifies && e.payloadDigestMatches !== false && e.identityMatches !== false);
  return good ? { state: 'verified', key: fp(good.key) } : { state: 'failed' };
}

/** What an SBOM document (or a statement carrying one) is summarised as: its name and package count. */
function sbomSummary(bytes) {
  let doc = JSON.parse(bytes);
  if (doc.predicate) doc = doc.predicate;
  if (doc.bomFormat === 'CycloneDX') return { name: doc.metadata.component.name, packages: doc.components.length };
  return { name: doc.name, packages: doc.packages.length };
}

/**
 * The artifacts the record says the lookup of `subjectName` must find, as lines to compare:
 * cosign's .sig/.att tags and BuildKit attestation manifests give one artifact per layer, any other
 * manifest one artifact (docs/supply-chain.md §9.3); found by the tag schema (Distribution 2.8 has no referrers API),
 * cosign's tags or the index. Summaries come from the documents the registry serves.
 */
async function expectedLines(subjectName, given, { referrersFoundBy = 'referrers-tag' } = {}) {
  const lines = [];
  for (const a of Object.values(record.artifacts)) {
    if (a.subject.name !== subjectName || a.kind === 'referrers-index') continue;
    const foundBy = a.kind === 'buildkit-attestation' ? 'index' : a.listedInReferrersTag ? referrersFoundBy : 'cosign-tag';
    const manifest = JSON.parse(await registryGet(`/v2/${a.repo}/manifests/${a.digest}`));
    const artifactType = manifest.artifactType ?? manifest.config.mediaType;
    const layered = a.kind === 'buildkit-attestation' || /\.(sig|att)$/.test(a.tag ?? '');
    const items = layered
      ? a.layers.map((l, i) => ({ digest: l.digest, mediaType: l.mediaType, layer: i, annotations: l.annotations ?? {}, content: l }))
      : [{ digest: a.digest, mediaType: a.mediaType, layer: 0, annotations: { ...manifest.annotations }, content: a.layers.find((l) => l.mediaType !== 'application/vnd.oci.empty.v1+json') }];
    for (const it of items) {
      const predicateType = it.annotations.predicateType ?? it.annotations[ANN.predicateType] ?? it.annotations[ANN.bundlePredicateType];
      let kind = a.kind;
      if (kind === 'buildkit-attestation') kind = predicateType === 'https://spdx.dev/Document' ? 'sbom' : 'attestation';
      let summary;
      if (kind === 'sbom') summary = sbomSummary(await registryGet(`/v2/${a.repo}/blobs/${it.content.digest}`));
      if (/provenance/.test(predicateType ?? '')) summary = { builder: BUILDER_ID, source: SOURCE_URI };
      const v = expectedVerdict(a, it.layer, given);
      lines.push(line({
        digest: it.digest, mediaType: it.mediaType, artifactType, kind, format: FORMAT[a.format], foundBy, predicateType, summary,
        verification: v,
      }));
    }
  }
  return lines.sort();
}

/** One artifact of the answer as a line: everything but the reason, which tests read on their own. */
function line(a) {
  const summary = a.summary ? JSON.stringify(Object.fromEntries(Object.entries(a.summary).filter(([, v]) => v !== undefined && v !== ''))) : '-';
  const key = a.verification.state === 'verified' ? a.verification.key : '';
  return [short(a.digest), a.mediaType, a.artifactType, a.kind, a.format, a.foundBy, a.predicateType ?? '-', summary, a.verification.state, key].join(' ');
}
const actualLines = (subject) => subject.artifacts.map(line).sort();

// ---------------------------------------------------------------------------------------------

describe('the fixture images: importPreview, then supplyChain', { timeout: SUITE_TIMEOUT }, () => {
  let answer;
  let withKeys;
  let withKeysFetch;
  let noKeys;
  before(async () => {
    answer = await isi.importPreview(isiSpec([entry('supply/app:v1'), entry('supply/app:multi', 'PreserveOriginal'), entry('supply/buildkit:v1', 'PreserveOriginal')]));
    for (const s of answer.status.images) assert.equal(s.status.status, 'Success', JSON.stringify(s.status));
    withKeysFetch = counting();
    const t0 = performance.now();
    withKeys = await isi.supplyChain(answer, { keys: [record.keys.ecdsa.pem, record.keys.rsa.pem], fetch: withKeysFetch });
    console.log(`# supplyChain, 3 imports (${withKeys.subjects.length} subjects): ${withKeysFetch.log.length} requests, ${Math.round(performance.now() - t0)} ms`);
    noKeys = await isi.supplyChain(answer);
  });

  test('the subjects: each imported image and each entry of the lists kept whole, with its source and platform', () => {
    const bySource = Object.fromEntries(withKeys.subjects.map((s) => [s.source, s]));
    const expect = [['status.images[0]', 'app'], ['status.images[1]', 'multi'], ['status.images[2]', 'buildkit']];
    record.subjects.multi.platforms.forEach((p, j) => expect.push([`status.images[1].manifests[${j}]`, p.digest]));
    record.subjects.buildkit.platforms.forEach((p, j) => expect.push([`status.images[2].manifests[${j}]`, p.digest]));
    for (const [source, nameOrDigest] of expect) {
      const s = bySource[source];
      assert.ok(s, `a subject from ${source}`);
      const digest = record.subjects[nameOrDigest]?.digest ?? nameOrDigest;
      assert.equal(s.digest, digest, source);
      const repo = source.startsWith('status.images[2]') ? 'supply/buildkit' : 'supply/app';
      assert.equal(s.repository, `${reg.host}/${repo}`, source);
    }
    for (const name of ['multi-amd64', 'multi-arm64']) {
      assert.equal(subjectOf(withKeys, name).platform, platformText(record.subjects[name].platform), name);
    }
    assert.equal(bySource['status.images[0]'].platform, undefined, 'an image imported by tag names no platform');
    assert.equal(bySource['status.images[0]'].policy, null, 'no policy given: null');
  });

  for (const name of ['app', 'multi', 'multi-amd64', 'multi-arm64', 'buildkit-amd64', 'buildkit-arm64']) {
    test(`${name}: every artifact the record lists, found where it says, verified as its expect says (ECDSA and RSA keys given)`, async () => {
      const subject = subjectOf(withKeys, name);
      assert.deepEqual(actualLines(subject), await expectedLines(name, ['ecdsa', 'rsa']));
    });
  }

  test('app: two signers in one .sig, each layer verified by its own key; the reason says what held', () => {
    const sig = record.artifacts.sig;
    const layers = subjectOf(withKeys, 'app').artifacts.filter((a) => a.digest === sig.layers[0].digest);
    assert.equal(layers.length, 2, 'both layers (one payload, two signatures) are artifacts');
    // Layers are reported in manifest order (docs/supply-chain.md §9.6: in the order found).
    assert.deepEqual(layers.map((a) => a.verification.key), [fp('ecdsa'), fp('rsa')]);
    for (const a of layers) {
      assert.match(a.verification.reason, new RegExp(`signed with ${a.verification.key}.*names this image's digest and repository`));
    }
  });

  test('reasons: keyless, Notation, SBOMs and BuildKit statements say why nothing was verified', () => {
    const byDigest = (name, digest) => subjectOf(withKeys, name).artifacts.find((a) => a.digest === digest);
    assert.match(byDigest('multi-amd64', record.artifacts.keyless.layers[0].digest).verification.reason, /keyless.*does not validate certificate chains/);
    assert.match(byDigest('app', record.artifacts.notation.digest).verification.reason, /Notation.*does not validate certificate chains/);
    for (const n of ['spdx', 'cyclonedx']) assert.match(byDigest('app', record.artifacts[n].digest).verification.reason, /an SBOM is not a signature/);
    assert.match(byDigest('app', record.artifacts['sbom-tag'].digest).verification.reason, /an SBOM is not a signature/);
    for (const l of record.artifacts['buildkit-att-amd64'].layers) {
      assert.match(byDigest('buildkit-amd64', l.digest).verification.reason, /unsigned attestation/);
    }
    assert.deepEqual(withKeys.errors, [], 'nothing went wrong');
  });

  test('the BuildKit attestation manifests, entries of the index themselves, have nothing referring to them', () => {
    const attestations = new Set(['buildkit-att-amd64', 'buildkit-att-arm64'].map((n) => record.artifacts[n].digest));
    const known = new Set(Object.values(record.subjects).map((s) => s.digest));
    for (const s of withKeys.subjects) {
      if (known.has(s.digest)) continue;
      assert.ok(attestations.has(s.digest), `${s.source} ${s.digest} is a record subject or an attestation manifest`);
      assert.deepEqual(s.artifacts, [], `${s.source}: no artifacts`);
    }
  });

  test('no key given: the same artifacts, none verified; signatures say no key was given', async () => {
    for (const name of ['app', 'multi', 'multi-amd64', 'buildkit-amd64']) {
      assert.deepEqual(actualLines(subjectOf(noKeys, name)), await expectedLines(name, []), name);
    }
    const states = noKeys.subjects.flatMap((s) => s.artifacts.map((a) => a.verification.state));
    assert.ok(states.length >= 12 && !states.includes('verified'), states.join());
    const sig = subjectOf(noKeys, 'app').artifacts.find((a) => a.digest === record.artifacts.sig.layers[0].digest);
    assert.match(sig.verification.reason, /no public key was given/);
    assert.equal(sig.verification.key, undefined);
  });

  test('the requests: only reads of the fixture repositories, each lookup within the default budget of 100', () => {
    for (const r of withKeysFetch.log) {
      assert.equal(r.method, 'GET', r.url);
      assert.match(r.url, new RegExp(`^https?://${reg.host.replace(/\./g, '\\.')}/v2/(supply/(app|buildkit)/|$)`), r.url);
    }
    assert.ok(withKeysFetch.log.length <= 100 * withKeys.subjects.length);
  });

  // docs/supply-chain.md §9.2 and discovery.cpp's own `blobs_` ("read once per lookup"): the app
  // image's .sig holds one payload signed twice, and its .sbom tag and SPDX referrer are the same
  // document; each is one blob.
  test('each blob is read once per lookup, even when several layers name it', () => {
    const blobs = withKeysFetch.paths(/^\/v2\/supply\/app\/blobs\//);
    const repeated = [...new Set(blobs)].filter((p) => blobs.filter((q) => q === p).length > 1);
    assert.deepEqual(repeated.map((p) => `${short(p.split('/').pop())} × ${blobs.filter((q) => q === p).length}`), [], 'no blob read twice');
  });
});

// ---------------------------------------------------------------------------------------------

describe('the lies: never verified, each with the reason it fails', { timeout: SUITE_TIMEOUT }, () => {
  let answer;
  let result;
  let f;
  const lieSubject = (name) => subjectOf(result, `lie-${name}`);
  before(async () => {
    answer = await isi.importPreview(isiSpec(LIES.map((n) => entry(`supply/lie-${n}:v1`))));
    for (const s of answer.status.images) assert.equal(s.status.status, 'Success', JSON.stringify(s.status));
    f = counting();
    // Only the ECDSA key: `unknown-key` is signed by a key not given, `wrong-key-type` by RSA.
    result = await isi.supplyChain(answer, { keys: [record.keys.ecdsa.pem], fetch: f });
  });

  test('every lie was pushed as the record says', () => {
    for (const name of LIES) assert.equal(record.lies[name].accepted, true, `${name}: ${record.lies[name].error}`);
  });

  // many-layers too: its .sig lists 10 000 layers, more than cosign accepts at all
  // (pkg/oci/remote: maxLayers 1000), so a verifier that reads 100 of them has not read the
  // signatures cosign would refuse; calling the first "verified" would vouch for what cosign would not.
  test('no lie is verified', () => {
    for (const name of LIES) {
      const states = lieSubject(name).artifacts.map((a) => `${a.verification.state}: ${a.verification.reason}`);
      assert.ok(!states.some((s) => s.startsWith('verified')), `${name}: ${states.slice(0, 3).join(' | ')}`);
    }
  });

  const failedWith = (name, re, { key } = {}) => {
    const arts = lieSubject(name).artifacts;
    assert.equal(arts.length, 1, `${name}: one signature (${arts.length})`);
    const [a] = arts;
    assert.equal(a.digest, record.artifacts[name].layers[0].digest);
    assert.equal(a.foundBy, 'cosign-tag');
    assert.equal(a.kind, 'signature');
    assert.equal(a.verification.state, 'failed', a.verification.reason);
    assert.match(a.verification.reason, re);
    if (key !== undefined) assert.equal(a.verification.key, key);
    return a;
  };

  test('other-digest: the payload names the app image, not this one', () => {
    failedWith('other-digest', new RegExp(`the payload names the image ${record.subjects.app.digest}, not this one \\(${record.lies['other-digest'].subject}\\)`));
  });

  test('tampered: the signature does not verify with the one key given (named)', () => {
    failedWith('tampered', new RegExp(`does not verify with the key given \\(${fp('ecdsa')}\\)`), { key: fp('ecdsa') });
  });

  test('unknown-key: signed by a key not given, so the one given does not verify it', () => {
    failedWith('unknown-key', new RegExp(`does not verify with the key given \\(${fp('ecdsa')}\\)`), { key: fp('ecdsa') });
    assert.ok(!JSON.stringify(result).includes(fp('unknown')), 'the key not given is named nowhere');
  });

  test('other-identity: the docker-reference names supply/other', () => {
    failedWith('other-identity', new RegExp(`identity does not name this repository.*${reg.host}/supply/other`));
  });

  test('wrong-key-type: an RSA signature, only the ECDSA key given: no key given can have made it', () => {
    failedWith('wrong-key-type', new RegExp(`none of the keys given can have made this signature \\(${fp('ecdsa')}\\)`));
  });

  test('tag-not-index: a plain manifest under the referrers tag means no referrers, and nothing breaks', () => {
    const s = lieSubject('tag-not-index');
    assert.deepEqual(s.artifacts, []);
    assert.deepEqual(result.errors.filter((e) => e.repository.endsWith('/supply/lie-tag-not-index')), []);
    // the referrers tag was read once, and nothing it names was fetched
    const tag = referrersTag(record.lies['tag-not-index'].subject);
    assert.equal(f.paths(new RegExp(`^/v2/supply/lie-tag-not-index/manifests/${tag}$`)).length, 1);
    assert.equal(f.paths(/^\/v2\/supply\/lie-tag-not-index\/manifests\/sha256:/).length, 0);
  });

  // cosign pkg/oci/remote/signatures.go refuses a signature manifest of more than 1000 layers
  // (maxLayers), and so does isimport: none of its layers is read or judged (docs/supply-chain.md §9.2).
  test('many-layers: a .sig of 10 000 layers is refused whole, as cosign refuses it: failed, no layer read, the errors say why', () => {
    const lie = record.lies['many-layers'];
    const artifact = record.artifacts['many-layers'];
    const errors = result.errors.filter((e) => e.repository === `${reg.host}/supply/lie-many-layers`).map((e) => e.message);
    const why = 'the manifest lists 10000 layers; cosign refuses a manifest of more than 1000, so none is read';
    assert.ok(errors.includes(`${lie.subject}: the artifact ${artifact.digest}: ${why}`), errors.join('\n'));
    const subject = lieSubject('many-layers');
    assert.deepEqual(subject.artifacts.map((a) => [a.digest, a.verification.state]), [[artifact.digest, 'failed']]);
    assert.match(subject.artifacts[0].verification.reason, new RegExp(why));
    assert.deepEqual(f.paths(/^\/v2\/supply\/lie-many-layers\/blobs\//), [], 'no layer of it is fetched');
  });

  test('many-layers with maxRequestsPerSubject 4: at most 4 requests, the error says where it stopped, the unread payload unverified', async () => {
    const g = counting();
    const small = await isi.supplyChain({ ...answer, status: { images: [answer.status.images[LIES.indexOf('many-layers')]] },
      spec: { ...answer.spec, images: [answer.spec.images[LIES.indexOf('many-layers')]] } }, { keys: [record.keys.ecdsa.pem], fetch: g, maxRequestsPerSubject: 4 });
    assert.ok(g.paths(/^\/v2\/supply\//).length <= 4, `${g.paths(/^\/v2\/supply\//).length} requests`);
    const subject = record.lies['many-layers'].subject;
    assert.ok(small.errors.some((e) => e.message.startsWith(`${subject}: stopped after 4 requests for this image (maxRequestsPerSubject); not read: `)),
      small.errors.map((e) => e.message).join('\n'));
    const states = small.subjects[0].artifacts.map((a) => a.verification.state);
    assert.ok(!states.includes('verified'), states.join());
  });
});

// ---------------------------------------------------------------------------------------------

describe('the referrers API (referrers-server.mjs in front of the registry)', { timeout: SUITE_TIMEOUT }, () => {
  let rs;
  let answer;
  const LISTED = ['bundle', 'spdx', 'cyclonedx', 'notation'];
  before(async () => {
    rs = await startReferrersServer(reg, { referrers: record.referrers });
    answer = await isi.importPreview(isiSpec([entry('supply/app:v1')]));
  });
  after(() => rs?.stop());

  // The core asks the registry it imported from; the fetch sends it through the server (whose
  // own origin would change the repository the signatures name).
  const run = async (conf, { keys = [record.keys.ecdsa.pem], on = answer } = {}) => {
    rs.configure({ pageSize: undefined, filter: true, lie: null, ...conf });
    const f = counting((url) => url.replace(reg.url, rs.url));
    const t0 = performance.now();
    const result = await isi.supplyChain(on, { keys, fetch: f });
    return { result, f, ms: performance.now() - t0 };
  };
  const tagSchema = (f) => f.paths(new RegExp(`^/v2/supply/app/manifests/${referrersTag(record.subjects.app.digest)}$`));
  const referrerPages = (f) => f.paths(/^\/v2\/supply\/app\/referrers\//);

  for (const [pageSize, filter] of [[undefined, true], [1, true], [2, true], [2, false]]) {
    test(`pageSize ${pageSize ?? 'none'}, filter ${filter}: every referrer found by the API, no tag schema request`, async () => {
      const { result, f } = await run({ pageSize, filter });
      assert.deepEqual(actualLines(subjectOf(result, 'app')), await expectedLines('app', ['ecdsa'], { referrersFoundBy: 'referrers' }));
      const pages = Math.ceil(LISTED.length / (pageSize ?? LISTED.length));
      assert.equal(referrerPages(f).length, pages, referrerPages(f).join(' '));
      assert.deepEqual(tagSchema(f), [], 'no fallback to the tag schema');
      assert.deepEqual(result.errors, []);
    });
  }

  test(`huge (${HUGE_COUNT} entries, ~20 MB): not read past the cap, reported, and the tag schema still finds the referrers`, async () => {
    const { result, f, ms } = await run({ lie: 'huge' });
    assert.deepEqual(actualLines(subjectOf(result, 'app')), await expectedLines('app', ['ecdsa']));
    assert.equal(referrerPages(f).length, 1);
    assert.equal(tagSchema(f).length, 1);
    const errors = result.errors.map((e) => e.message);
    assert.ok(errors.some((m) => m.startsWith(`${record.subjects.app.digest}: referrers list`) && /exceeds the limit of 4194304 bytes/.test(m)), errors.join('\n'));
    assert.ok(ms < 10_000, `${Math.round(ms)} ms`);
  });

  for (const lie of ['not-index', '500']) {
    test(`${lie}: falls back to the tag schema and still finds every referrer`, async () => {
      const { result, f } = await run({ lie });
      assert.deepEqual(actualLines(subjectOf(result, 'app')), await expectedLines('app', ['ecdsa']));
      assert.equal(referrerPages(f).length, 1);
      assert.equal(tagSchema(f).length, 1);
    });
  }

  // docs/supply-chain.md §9.2: a list served by another origin is not the registry's answer (as
  // GHCR's redirect to its web site): the redirect is followed, and the lookup falls back.
  test('redirect: followed to another origin, whose list is not the registry\'s: the tag schema finds every referrer', async () => {
    const from = rs.requests.length;
    const { result, f } = await run({ lie: 'redirect' });
    assert.deepEqual(actualLines(subjectOf(result, 'app')), await expectedLines('app', ['ecdsa']));
    assert.ok(f.log.some((r) => r.url.startsWith(`${rs.elsewhereUrl}/v2/supply/app/referrers/`)), 'the Location was followed');
    assert.ok(rs.requests.slice(from).some((r) => r.origin === 'elsewhere' && r.status === 200));
    assert.equal(tagSchema(f).length, 1);
  });

  test('wrong-subject: a real referrer of the app image listed for the list\'s entries is left out and reported', async () => {
    const multi = await isi.importPreview(isiSpec([entry('supply/app:multi', 'PreserveOriginal')]));
    const { result } = await run({ lie: 'wrong-subject' }, { on: multi });
    const bundle = record.artifacts.bundle.digest;
    for (const name of ['multi', 'multi-amd64', 'multi-arm64']) {
      const s = subjectOf(result, name);
      assert.ok(!s.artifacts.some((a) => a.digest === bundle), `${name}: the foreign referrer is left out`);
      assert.deepEqual(actualLines(s), await expectedLines(name, ['ecdsa']), name);
      assert.ok(result.errors.some((e) => e.message === `${s.digest}: the referrer ${bundle} names the subject ${record.subjects.app.digest}, not this image: left out`),
        `${name}: reported\n${result.errors.map((e) => e.message).join('\n')}`);
    }
  });

  // With nothing else in the repository to lie with, the server lists a digest that exists nowhere.
  // docs/supply-chain.md §9.2: "an artifact that cannot be read is one entry of errors".
  test('wrong-subject on the app image: a listed referrer that does not exist is unverified and reported', async () => {
    const { result } = await run({ lie: 'wrong-subject' });
    const ghost = `sha256:${'0'.repeat(63)}1`;
    const a = subjectOf(result, 'app').artifacts.find((x) => x.digest === ghost);
    if (a) assert.equal(a.verification.state, 'unverified');
    assert.ok(result.errors.some((e) => e.message.startsWith(`${record.subjects.app.digest}: `) && e.message.includes(ghost)),
      `the unreadable referrer is reported\n${JSON.stringify(result.errors)}`);
  });
});
