// The supply-chain fixtures: builders checked against upstream test data (tests/fixtures/
// supply-upstream), then everything pushed into the real registry (Distribution 2.8) and read
// back with plain fetch: every artifact byte for byte, every signature verified with node:crypto
// (or failing as its lie says), the tag schema index as cosign and oras leave it, and the
// referrers server in front of the registry paging, filtering and lying as configured.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createPublicKey, verify as cryptoVerify, X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';

import { startRegistry } from '../../e2e/registry/start.mjs';
import { pushSupplyChain, LIES } from '../../e2e/registry/supply-artifacts.mjs';
import { startReferrersServer, HUGE_COUNT } from '../../e2e/registry/referrers-server.mjs';
import { makeBuildkitIndex } from '../../e2e/registry/supply-subjects.mjs';
import { ST, ANN, pae, simpleSigningPayload, keyIds, cosignSignBundle, cosignImage, referrersTag } from '../../e2e/registry/supply-formats.mjs';
import { makeKey } from '../../e2e/registry/supply-keys.mjs';
import { MANIFEST_ACCEPT, MEDIA } from '../../e2e/registry/util.mjs';

const UP = new URL('../fixtures/supply-upstream/', import.meta.url);
const upstream = (f) => readFile(new URL(f, UP));
const sha = (buf) => `sha256:${createHash('sha256').update(buf).digest('hex')}`;
/** containers/image's sigstore signature storage: "\0sigstore-json\n" + {mimeType, payload, annotations}. */
const readStoredSig = async (f) => JSON.parse((await upstream(f)).toString().split('\n').slice(1).join('\n'));

async function get(url, headers = {}, init = {}) {
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\//, 'traffic stays on loopback');
  const res = await fetch(url, { headers, ...init });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

describe('builders match upstream fixtures', () => {
  test('simple-signing payload: byte for byte what cosign signed (containers/image fixture)', async () => {
    const stored = await readStoredSig('containers-image.cosign-valid.signature-1');
    const payload = Buffer.from(stored.payload, 'base64');
    const p = JSON.parse(payload);
    assert.equal(stored.mimeType, ST.simpleSigning);
    assert.equal(sha(await upstream('containers-image.cosign-valid.manifest.json')), p.critical.image['docker-manifest-digest']);
    assert.deepEqual(simpleSigningPayload(p.critical.identity['docker-reference'], p.critical.image['docker-manifest-digest']), payload);
    const key = createPublicKey(await upstream('containers-image.cosign.pub'));
    assert.ok(cryptoVerify('sha256', payload, key, Buffer.from(stored.annotations[ANN.signature], 'base64')), 'upstream DER signature verifies');
  });

  test('keyless annotations: the names (and Rekor bundle keys) cosign writes', async () => {
    const stored = await readStoredSig('containers-image.cosign-fulcio-rekor.signature-1');
    assert.deepEqual(Object.keys(stored.annotations), [ANN.signature, ANN.bundle, ANN.certificate, ANN.chain]);
    const rekor = JSON.parse(stored.annotations[ANN.bundle]);
    assert.deepEqual(Object.keys(rekor), ['SignedEntryTimestamp', 'Payload']);
    assert.deepEqual(Object.keys(rekor.Payload), ['body', 'integratedTime', 'logIndex', 'logID']);
    const cert = new X509Certificate(stored.annotations[ANN.certificate]);
    const payload = Buffer.from(stored.payload, 'base64');
    assert.ok(cryptoVerify('sha256', payload, cert.publicKey, Buffer.from(stored.annotations[ANN.signature], 'base64')));
  });

  test('sigstore bundle v0.3: hint = base64 sha256(SPKI DER), DSSE over PAE, field order (sigstore-conformance)', async () => {
    const bundle = JSON.parse(await upstream('sigstore-conformance.intoto-canonical-log-entry.bundle.sigstore.json'));
    const key = createPublicKey(await upstream('sigstore-conformance.intoto-canonical-log-entry.key.pub'));
    assert.equal(keyIds(key).hint, bundle.verificationMaterial.publicKey.hint);
    const env = bundle.dsseEnvelope;
    assert.ok(cryptoVerify('sha256', pae(env.payloadType, Buffer.from(env.payload, 'base64')), key, Buffer.from(env.signatures[0].sig, 'base64')));
    const mine = JSON.parse(cosignSignBundle(`sha256:${'a'.repeat(64)}`, makeKey('t', 'ecdsa-p256').privateKey, 'hint').bundle);
    assert.deepEqual(Object.keys(mine), Object.keys(bundle).filter((k) => k in mine));
    assert.equal(mine.mediaType, bundle.mediaType);
    assert.deepEqual(Object.keys(mine.dsseEnvelope), Object.keys(env));
    assert.deepEqual(Object.keys(mine.verificationMaterial.publicKey), ['hint']);
    const statement = JSON.parse(Buffer.from(mine.dsseEnvelope.payload, 'base64'));
    const theirs = JSON.parse(Buffer.from(env.payload, 'base64'));
    assert.deepEqual(Object.keys(statement), Object.keys(theirs));
    assert.equal(statement._type, theirs._type);
  });

  test('BuildKit attestation index: descriptors, annotations, config and statement as documented', async () => {
    const doc = JSON.parse(await upstream('buildkit.attestation-storage.example.json'));
    const bk = makeBuildkitIndex('127.0.0.1:5000/x', { sourceUri: 'git+https://x.invalid/r', builderId: 'https://b.invalid' });
    const index = JSON.parse(bk.index.bytes);
    const docAtt = doc.index.manifests[1];
    const att = index.manifests.at(-1);
    assert.deepEqual(Object.keys(att.annotations), Object.keys(docAtt.annotations));
    assert.deepEqual(att.platform, docAtt.platform);
    assert.equal(att.annotations[ANN.refType], docAtt.annotations[ANN.refType]);
    const m = JSON.parse(bk.attestations[1].manifest);
    assert.equal(m.config.mediaType, doc.attestationManifest.config.mediaType);
    assert.equal(m.layers[0].mediaType, doc.attestationManifest.layers[0].mediaType);
    assert.deepEqual(Object.keys(m.layers[0].annotations), Object.keys(doc.attestationManifest.layers[0].annotations));
    const statement = JSON.parse(bk.attestations[0].statements.sbom);
    assert.deepEqual(Object.keys(statement), [...Object.keys(doc.statementHead), 'predicate']);
    assert.equal(statement._type, doc.statementHead._type);
    assert.equal(statement.subject[0].digest.sha256, bk.images[0].digest.slice(7));
  });

  test('cosign image config: empty.Image plus one history entry and diff_id per layer', () => {
    const im = cosignImage([{ bytes: Buffer.from('a'), mediaType: ST.simpleSigning, annotations: { [ANN.signature]: 'x' } }]);
    assert.equal(im.config.toString(), '{"architecture":"","created":"0001-01-01T00:00:00Z","history":[{"created":"0001-01-01T00:00:00Z"}],"os":"","rootfs":{"type":"layers","diff_ids":["sha256:ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb"]},"config":{}}');
    assert.match(im.manifest.toString(), /^\{"schemaVersion":2,"mediaType":"application\/vnd\.oci\.image\.manifest\.v1\+json","config":\{"mediaType":"application\/vnd\.oci\.image\.config\.v1\+json","size":\d+,"digest":"sha256:[0-9a-f]{64}"\},"layers":\[\{"mediaType":"application\/vnd\.dev\.cosign\.simplesigning\.v1\+json","size":1,"digest":"sha256:[0-9a-f]{64}","annotations":\{"dev\.cosignproject\.cosign\/signature":"x"\}\}\]\}$/);
  });
});

describe('in the real registry', () => {
  let reg;
  let supply;
  let record;
  before(async () => {
    reg = await startRegistry();
    const t0 = performance.now();
    supply = await pushSupplyChain(reg);
    record = supply.record;
    console.log(`# supply chain pushed in ${Math.round(performance.now() - t0)} ms: ${Object.keys(record.artifacts).length} artifacts`);
  });
  after(async () => {
    await reg?.stop();
  });

  const manifestOf = async (repo, ref) => {
    const res = await get(`${reg.url}/v2/${repo}/manifests/${ref}`, { accept: MANIFEST_ACCEPT });
    assert.equal(res.status, 200, `${repo}:${ref}`);
    return res;
  };
  const blobOf = async (repo, digest) => {
    const res = await get(`${reg.url}/v2/${repo}/blobs/${digest}`);
    assert.equal(res.status, 200, `${repo}@${digest}`);
    assert.equal(sha(res.body), digest);
    return res.body;
  };

  test('every subject and artifact is served byte for byte, by tag and by digest, with its blobs', async () => {
    for (const [name, s] of Object.entries(record.subjects)) {
      const res = await manifestOf(s.repo, s.tag ?? s.digest);
      assert.equal(sha(res.body), s.digest, name);
      assert.equal(res.headers.get('content-type'), s.mediaType, name);
    }
    for (const [name, a] of Object.entries(record.artifacts)) {
      for (const ref of [a.digest, ...(a.tag ? [a.tag] : [])]) {
        const res = await manifestOf(a.repo, ref);
        assert.equal(sha(res.body), a.digest, `${name} @ ${ref}`);
        assert.equal(res.headers.get('docker-content-digest'), a.digest);
        assert.equal(res.headers.get('content-type'), a.mediaType, name);
      }
      const seen = new Set();
      for (const l of a.layers) {
        if (seen.has(l.digest)) continue;
        seen.add(l.digest);
        await blobOf(a.repo, l.digest);
      }
    }
  });

  test('the lies: which the registry accepted', () => {
    assert.deepEqual(Object.keys(record.lies), LIES);
    for (const [name, lie] of Object.entries(record.lies)) assert.equal(lie.accepted, true, `${name}: ${lie.error}`);
    assert.equal(record.artifacts['many-layers'].layers.length, 10_000);
  });

  /** Verifies layer `i` of an artifact with a key of the record; {verifies, payloadDigestMatches, identityMatches}. */
  async function check(a, layer, keyName) {
    const key = createPublicKey(record.keys[keyName].pem);
    const subject = Object.values(record.subjects).find((s) => s.digest === a.subject.digest);
    const l = a.layers[layer];
    const blob = await blobOf(a.repo, l.digest);
    const v = (data, sig, opts = {}) => {
      try { return cryptoVerify('sha256', data, { key, ...opts }, sig); } catch { return false; }
    };
    if (a.format === 'cosign-simplesigning' || a.format === 'cosign-keyless') {
      const p = JSON.parse(blob);
      return {
        verifies: v(blob, Buffer.from(l.annotations[ANN.signature], 'base64')),
        payloadDigestMatches: p.critical.image['docker-manifest-digest'] === a.subject.digest,
        identityMatches: p.critical.identity['docker-reference'] === `${record.registry}/${subject.repo}`,
      };
    }
    if (a.format === 'cosign-dsse' || a.format === 'sigstore-bundle-v0.3') {
      const env = a.format === 'cosign-dsse' ? JSON.parse(blob) : JSON.parse(blob).dsseEnvelope;
      const payload = Buffer.from(env.payload, 'base64');
      const st = JSON.parse(payload);
      return {
        verifies: v(pae(env.payloadType, payload), Buffer.from(env.signatures[0].sig, 'base64')),
        payloadDigestMatches: st.subject[0].digest.sha256 === a.subject.digest.slice(7),
        identityMatches: true,
      };
    }
    if (a.format === 'notation-jws') {
      const jws = JSON.parse(blob);
      const cert = new X509Certificate(Buffer.from(jws.header.x5c[0], 'base64'));
      assert.equal(cert.publicKey.export({ type: 'spki', format: 'pem' }), record.keys[keyName].pem, 'x5c carries the key');
      const payload = JSON.parse(Buffer.from(jws.payload, 'base64url'));
      return {
        verifies: v(Buffer.from(`${jws.protected}.${jws.payload}`), Buffer.from(jws.signature, 'base64url'), { dsaEncoding: 'ieee-p1363' }),
        payloadDigestMatches: payload.targetArtifact.digest === a.subject.digest,
      };
    }
    throw new Error(`no verifier for ${a.format}`);
  }

  test('signatures verify with the expected keys, and fail as designed', async () => {
    let n = 0;
    for (const [name, a] of Object.entries(record.artifacts)) {
      for (const e of a.expect) {
        const got = await check(a, e.layer, e.key);
        assert.equal(got.verifies, e.verifies, `${name} layer ${e.layer} with ${e.key}: ${e.reason}`);
        if (e.payloadDigestMatches !== undefined) assert.equal(got.payloadDigestMatches, e.payloadDigestMatches, `${name}: payload digest (${e.reason})`);
        if (e.identityMatches !== undefined) assert.equal(got.identityMatches, e.identityMatches, `${name}: identity (${e.reason})`);
        n++;
      }
    }
    assert.ok(n >= 19, `${n} checks`);
    // the record's fingerprints are the keys'
    for (const k of Object.values(record.keys)) assert.equal(keyIds(createPublicKey(k.pem)).fingerprint, k.fingerprint);
    assert.equal(record.keys.unknown.given, false);
    const bundle = JSON.parse(await blobOf('supply/app', record.artifacts.bundle.layers[0].digest));
    assert.equal(bundle.verificationMaterial.publicKey.hint, record.keys.ecdsa.hint);
    const notation = JSON.parse((await manifestOf('supply/app', record.artifacts.notation.digest)).body);
    assert.equal(notation.annotations[ANN.thumbprint], JSON.stringify([record.certificates.notation.thumbprint]));
  });

  test('the referrers tag schema index lists every referrer, as cosign and oras left it', async () => {
    const app = record.subjects.app;
    const res = await manifestOf(app.repo, referrersTag(app.digest));
    assert.equal(res.headers.get('content-type'), MEDIA.ociIndex);
    const index = JSON.parse(res.body);
    const listed = Object.values(record.artifacts).filter((a) => a.listedInReferrersTag && a.subject.name === 'app');
    assert.deepEqual(index.manifests.map((d) => d.digest).sort(), listed.map((a) => a.digest).sort());
    for (const d of index.manifests) {
      const a = listed.find((x) => x.digest === d.digest);
      assert.equal(d.artifactType, a.artifactType);
      assert.equal(d.size, a.size);
    }
    // cosign (go-containerregistry) lists the bundle without annotations; oras keeps them
    assert.equal(index.manifests.find((d) => d.artifactType === ST.bundle).annotations, undefined);
    assert.ok(index.manifests.find((d) => d.artifactType === ST.notation).annotations[ANN.thumbprint]);
    const lie = record.subjects['lie-tag-not-index'];
    const plain = await manifestOf(lie.repo, referrersTag(lie.digest));
    assert.equal(plain.headers.get('content-type'), MEDIA.ociManifest);
    assert.equal(JSON.parse(plain.body).manifests, undefined);
  });

  test('BuildKit attestation manifests point at their platform images', async () => {
    const bk = record.subjects.buildkit;
    const index = JSON.parse((await manifestOf(bk.repo, bk.tag)).body);
    assert.equal(index.manifests.length, 4);
    for (const arch of ['amd64', 'arm64']) {
      const a = record.artifacts[`buildkit-att-${arch}`];
      const d = index.manifests.find((x) => x.digest === a.digest);
      assert.deepEqual(d.platform, { architecture: 'unknown', os: 'unknown' });
      assert.equal(d.annotations[ANN.refType], 'attestation-manifest');
      assert.equal(d.annotations[ANN.refDigest], a.subject.digest);
      for (const l of a.layers) {
        const st = JSON.parse(await blobOf(bk.repo, l.digest));
        assert.equal(st.predicateType, l.annotations[ANN.predicateType]);
        assert.equal(`sha256:${st.subject[0].digest.sha256}`, a.subject.digest);
      }
    }
  });

  describe('the referrers server', () => {
    let rs;
    let base;
    const app = () => record.subjects.app;
    before(async () => {
      rs = await startReferrersServer(reg, { referrers: record.referrers });
      base = () => `${rs.url}/v2/${app().repo}/referrers/${app().digest}`;
    });
    after(async () => {
      await rs?.stop();
    });
    const referrers = async (url) => {
      const res = await get(url, { accept: MEDIA.ociIndex });
      return { ...res, index: res.status === 200 ? JSON.parse(res.body) : null };
    };

    test('answers an OCI index with artifactType and annotations, CORS exposing Link and OCI-Filters-Applied', async () => {
      rs.configure({ pageSize: undefined, filter: true, lie: null });
      const r = await referrers(base());
      assert.equal(r.status, 200);
      assert.equal(r.headers.get('content-type'), MEDIA.ociIndex);
      assert.equal(r.index.manifests.length, 4);
      const notation = r.index.manifests.find((d) => d.artifactType === ST.notation);
      assert.equal(notation.digest, record.artifacts.notation.digest);
      assert.ok(notation.annotations[ANN.thumbprint]);
      assert.equal(r.index.manifests.find((d) => d.artifactType === ST.bundle).annotations[ANN.bundleContent], 'dsse-envelope');
      assert.equal(r.headers.get('access-control-allow-origin'), '*');
      const exposed = r.headers.get('access-control-expose-headers').toLowerCase();
      for (const h of ['link', 'oci-filters-applied']) assert.ok(exposed.includes(h), h);
      // anything else passes through to the registry
      const m = await get(`${rs.url}/v2/${app().repo}/manifests/v1`, { accept: MANIFEST_ACCEPT });
      assert.equal(sha(m.body), app().digest);
    });

    test('computes the same answer from the tag schema index when not told', async () => {
      rs.configure({ referrers: {} });
      try {
        const r = await referrers(base());
        assert.deepEqual(r.index.manifests.map((d) => d.digest).sort(), record.referrers[`${app().repo}@${app().digest}`].map((d) => d.digest).sort());
        assert.ok(r.index.manifests.every((d) => d.artifactType));
        const none = await referrers(`${rs.url}/v2/supply/buildkit/referrers/${record.subjects.buildkit.digest}`);
        assert.deepEqual(none.index.manifests, []);
      } finally {
        rs.configure({ referrers: record.referrers });
      }
    });

    test('filters by artifactType (OCI-Filters-Applied), or ignores the filter without the header', async () => {
      rs.configure({ filter: true });
      const f = await referrers(`${base()}?artifactType=${encodeURIComponent(ST.spdx)}`);
      assert.equal(f.headers.get('oci-filters-applied'), 'artifactType');
      assert.deepEqual(f.index.manifests.map((d) => d.digest), [record.artifacts.spdx.digest]);
      rs.configure({ filter: false });
      const u = await referrers(`${base()}?artifactType=${encodeURIComponent(ST.spdx)}`);
      assert.equal(u.headers.get('oci-filters-applied'), null);
      assert.equal(u.index.manifests.length, 4);
      rs.configure({ filter: true });
    });

    test('pages with Link: rel="next"', async () => {
      rs.configure({ pageSize: 3 });
      const seen = [];
      let url = base();
      let pages = 0;
      while (url) {
        const r = await referrers(url);
        pages++;
        seen.push(...r.index.manifests.map((d) => d.digest));
        const link = r.headers.get('link');
        url = link ? new URL(/<([^>]+)>;\s*rel="next"/.exec(link)[1], rs.url).toString() : null;
      }
      assert.equal(pages, 2);
      assert.equal(new Set(seen).size, 4);
      rs.configure({ pageSize: undefined });
    });

    test('lies as configured', async () => {
      rs.configure({ lie: 'huge' });
      assert.equal((await referrers(base())).index.manifests.length, HUGE_COUNT);
      rs.configure({ lie: 'not-index' });
      const ni = await referrers(base());
      assert.equal(ni.headers.get('content-type'), MEDIA.ociManifest);
      assert.equal(ni.index.manifests, undefined);
      rs.configure({ lie: '500' });
      assert.equal((await referrers(base())).status, 500);
      rs.configure({ lie: 'redirect' });
      const rd = await get(base(), {}, { redirect: 'manual' });
      assert.equal(rd.status, 307);
      const loc = rd.headers.get('location');
      assert.notEqual(new URL(loc).origin, new URL(rs.url).origin);
      assert.equal((await referrers(loc)).index.manifests.length, 4, 'the other origin answers');
      rs.configure({ lie: 'wrong-subject' });
      const ws = await referrers(`${rs.url}/v2/${app().repo}/referrers/${record.subjects.multi.digest}`);
      assert.equal(ws.index.manifests.length, 1);
      const m = JSON.parse((await manifestOf(app().repo, ws.index.manifests[0].digest)).body);
      assert.notEqual(m.subject.digest, record.subjects.multi.digest, 'its subject is another digest');
      rs.configure({ lie: null });
    });
  });
});
