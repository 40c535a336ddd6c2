// isi.supplyChain() against the real registry, continued (supply-chain.test.mjs has the artifacts,
// lies and referrers API): ClusterImagePolicy and ImagePolicy decisions (docs/image-policy.md §11),
// the options and their refusals, abort and progress, a token-auth registry with credentials that
// must never show, and an answer a cluster wrote rather than importPreview().
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { stringify as toYaml } from 'yaml';

import { load } from '../../web/lib/isimport.js';
import { startRegistry } from '../../e2e/registry/start.mjs';
import { pushSupplyChain } from '../../e2e/registry/supply-artifacts.mjs';

const SUITE_TIMEOUT = 60_000;

let isi;
before(async () => {
  isi = await load({ schemas: false });
});

const entryFor = (host) => (ref, mode) => ({
  from: { kind: 'DockerImage', name: `${host}/${ref}` },
  importPolicy: { insecure: true, ...(mode ? { importMode: mode } : {}) },
});
const isiSpec = (images, namespace = 'default') => ({
  kind: 'ImageStreamImport', apiVersion: 'image.openshift.io/v1',
  metadata: { name: 'supply', namespace }, spec: { import: false, images },
});
const b64 = (text) => Buffer.from(text).toString('base64');

/** A fetch that logs every request and counts them. */
function counting() {
  const log = [];
  const f = (url, init) => {
    log.push({ method: init.method, url });
    return fetch(url, init);
  };
  f.log = log;
  return f;
}

// ---------------------------------------------------------------------------------------------

describe('policies, options, progress and a cluster\'s answer (anonymous registry)', { timeout: SUITE_TIMEOUT }, () => {
  let reg;
  let record;
  let answer; // app:v1, app:multi (PreserveOriginal), lie-other-identity:v1
  let entry;
  before(async () => {
    reg = await startRegistry();
    ({ record } = await pushSupplyChain(reg, { manyLayers: 2 }));
    entry = entryFor(reg.host);
    answer = await isi.importPreview(isiSpec([entry('supply/app:v1'), entry('supply/app:multi', 'PreserveOriginal'), entry('supply/lie-other-identity:v1')]));
    for (const s of answer.status.images) assert.equal(s.status.status, 'Success', JSON.stringify(s.status));
  });
  after(() => reg?.stop());

  const appScope = () => `${reg.host}/supply/app`;
  const policy = (name, spec, { kind = 'ClusterImagePolicy', namespace } = {}) => ({
    apiVersion: 'config.openshift.io/v1', kind, metadata: { name, ...(namespace ? { namespace } : {}) }, spec,
  });
  const publicKey = (keyName, matchPolicy, scopes = [appScope()]) => ({
    scopes,
    policy: {
      rootOfTrust: { policyType: 'PublicKey', publicKey: { keyData: b64(record.keys[keyName].pem) } },
      ...(matchPolicy ? { signedIdentity: { matchPolicy } } : {}),
    },
  });
  const bySource = (result) => Object.fromEntries(result.subjects.map((s) => [s.source, s]));
  const appTag = () => `${record.subjects.app.digest.replace(':', '-')}.sig`;

  test('PublicKey, MatchRepository, the ECDSA key: the app image and the index are admitted, the key named', async () => {
    const result = await isi.supplyChain(answer, { policies: [policy('ecdsa-app', publicKey('ecdsa', 'MatchRepository'))] });
    const s = bySource(result);
    for (const source of ['status.images[0]', 'status.images[1]']) {
      const p = s[source].policy;
      assert.deepEqual({ ...p, reason: undefined }, { kind: 'ClusterImagePolicy', name: 'ecdsa-app', scope: appScope(), decision: 'admit', reason: undefined }, source);
      assert.match(p.reason, new RegExp(`signed by ${record.keys.ecdsa.fingerprint} and names ${reg.host}/supply/app, which MatchRepository accepts`));
    }
    assert.match(s['status.images[0]'].policy.reason, new RegExp(appTag()));
    // the policy's key checks signatures too (docs/supply-chain.md §9.4), though `keys` is empty
    const sig = s['status.images[0]'].artifacts.filter((a) => a.digest === record.artifacts.sig.layers[0].digest);
    assert.ok(sig.some((a) => a.verification.state === 'verified' && a.verification.key === record.keys.ecdsa.fingerprint));
    // the amd64 entry has only a keyless signature, the arm64 entry none: both denied
    assert.equal(s['status.images[1].manifests[0]'].policy.decision, 'deny');
    assert.match(s['status.images[1].manifests[0]'].policy.reason, /no signature in the .*\.sig tag verifies with the policy's key/);
    assert.equal(s['status.images[1].manifests[1]'].policy.decision, 'deny');
    assert.match(s['status.images[1].manifests[1]'].policy.reason, /a signature is required, but the .*\.sig tag holds none/);
    assert.equal(s['status.images[2]'].policy, null, 'out of scope: no policy governs it');
  });

  test('PublicKey with the default identity rule (MatchRepoDigestOrExact): denied, because cosign signs the repository only', async () => {
    const result = await isi.supplyChain(answer, { policies: [policy('ecdsa-app', publicKey('ecdsa'))] });
    const p = bySource(result)['status.images[0]'].policy;
    assert.equal(p.decision, 'deny');
    assert.match(p.reason, new RegExp(`signature names ${reg.host}/supply/app, a repository without tag or digest, which MatchRepoDigestOrExact never accepts`));
    assert.match(p.reason, /cosign writes such identities by default/);
    // the verdicts themselves do not change: the signature is still the ECDSA key's
    assert.ok(bySource(result)['status.images[0]'].artifacts.some((a) => a.verification.state === 'verified'));
  });

  test('PublicKey with another key: denied, naming that key', async () => {
    const result = await isi.supplyChain(answer, { policies: [policy('unknown-app', publicKey('unknown', 'MatchRepository'))] });
    for (const source of ['status.images[0]', 'status.images[1]']) {
      const p = bySource(result)[source].policy;
      assert.equal(p.decision, 'deny', source);
      assert.match(p.reason, new RegExp(`no signature in the .*\\.sig tag verifies with the policy's key ${record.keys.unknown.fingerprint}`));
    }
    const states = result.subjects.flatMap((s) => s.artifacts.map((a) => a.verification.state));
    assert.ok(!states.includes('verified'), 'the only key there is verifies nothing');
  });

  test('FulcioCAWithRekor: not evaluated (keyless verification is not done here)', async () => {
    const spec = {
      scopes: [appScope()],
      policy: {
        rootOfTrust: {
          policyType: 'FulcioCAWithRekor',
          fulcioCAWithRekor: {
            fulcioCAData: b64(record.certificates.keyless.chainPem), rekorKeyData: b64(record.keys.ecdsa.pem),
            fulcioSubject: { oidcIssuer: record.certificates.keyless.issuer, signedEmail: record.certificates.keyless.email },
          },
        },
      },
    };
    const result = await isi.supplyChain(answer, { policies: [policy('keyless-app', spec)] });
    for (const source of ['status.images[0]', 'status.images[1].manifests[0]']) {
      const p = bySource(result)[source].policy;
      assert.equal(p.decision, 'not-evaluated', source);
      assert.match(p.reason, /keyless signatures .* are not verified in the browser/);
    }
  });

  test('an ImagePolicy of another namespace governs nothing; the same policy in the answer\'s namespace does', async () => {
    const other = await isi.supplyChain(answer, { policies: [policy('ns-app', publicKey('ecdsa', 'MatchRepository'), { kind: 'ImagePolicy', namespace: 'elsewhere' })] });
    for (const s of other.subjects) assert.equal(s.policy, null, s.source);
    const same = await isi.supplyChain(answer, { policies: [policy('ns-app', publicKey('ecdsa', 'MatchRepository'), { kind: 'ImagePolicy', namespace: 'default' })] });
    const p = bySource(same)['status.images[0]'].policy;
    assert.deepEqual([p.kind, p.name, p.decision], ['ImagePolicy', 'ns-app', 'admit']);
    assert.match(p.reason, /^ImagePolicy default\/ns-app /);
  });

  test('policies as one multi-document YAML text, and as a List: each document counts', async () => {
    const lieScope = `${reg.host}/supply/lie-other-identity`;
    const docs = [policy('ecdsa-app', publicKey('ecdsa', 'MatchRepository')), policy('ecdsa-lie', publicKey('ecdsa', 'MatchRepository', [lieScope]))];
    const check = (result, how) => {
      const s = bySource(result);
      assert.equal(s['status.images[0]'].policy.name, 'ecdsa-app', how);
      assert.equal(s['status.images[0]'].policy.decision, 'admit', how);
      const lie = s['status.images[2]'].policy;
      assert.equal(lie.name, 'ecdsa-lie', how);
      assert.equal(lie.decision, 'deny', how);
      assert.match(lie.reason, new RegExp(`${reg.host}/supply/other`), how);
    };
    const yamlText = docs.map((d) => toYaml(d)).join('---\n');
    assert.match(yamlText, /^---$/m);
    check(await isi.supplyChain(answer, { policies: [yamlText] }), 'YAML stream');
    check(await isi.supplyChain(answer, { policies: [{ apiVersion: 'v1', kind: 'List', items: docs }] }), 'List object');
    check(await isi.supplyChain(answer, { policies: [JSON.stringify({ apiVersion: 'v1', kind: 'List', items: docs })] }), 'List as JSON text');
  });

  test('a policy the API server would refuse: the call rejects with its 422 Status and field paths, before any request', async () => {
    const f = counting();
    const bad = policy('Bad_Name', { scopes: ['no-dot/x'], policy: { rootOfTrust: { policyType: 'PublicKey', publicKey: { keyData: b64('not a key') } } } });
    await assert.rejects(isi.supplyChain(answer, { policies: [bad], fetch: f }), (e) => {
      assert.ok(e instanceof Error && !(e instanceof TypeError), e.constructor.name);
      assert.match(e.message, /^isimport: ClusterImagePolicy\.config\.openshift\.io "Bad_Name" is invalid: \[/);
      assert.equal(e.status.kind, 'Status');
      assert.equal(e.status.code, 422);
      assert.equal(e.status.reason, 'Invalid');
      const fields = e.status.details.causes.map((c) => c.field);
      for (const field of ['metadata.name', 'spec.scopes[0]', 'spec.policy.rootOfTrust.publicKey.keyData']) assert.ok(fields.includes(field), `${field} in ${fields}`);
      return true;
    });
    assert.equal(f.log.length, 0, 'no request');
  });

  test('options are strict: wrong types, ranges, unknown names and keys that are not PEM public keys are TypeErrors, before any request', async () => {
    const f = counting();
    const refusals = [
      [{ keys: 'x' }, /keys must be an array of strings/, 'keys'],
      [{ maxRequestsPerSubject: 0 }, /maxRequestsPerSubject must be an integer from 1 to 10000 \(got 0\)/, 'maxRequestsPerSubject'],
      [{ concurrency: 0 }, /concurrency/, 'concurrency'],
      [{ keys: ['not a pem'] }, /^isimport: keys\[0\]: /],
      [{ keys: [record.keys.ecdsa.pem, record.certificates.notation.pem] }, /^isimport: keys\[1\]: a certificate, not a "PUBLIC KEY" block/],
      [{ keyz: [] }, /unknown option "keyz"/],
    ];
    for (const [options, re, option] of refusals) {
      await assert.rejects(isi.supplyChain(answer, { ...options, fetch: f }), (e) => {
        assert.ok(e instanceof TypeError, `${JSON.stringify(options).slice(0, 60)}: ${e}`);
        assert.match(e.message, re);
        if (option) assert.equal(e.option, option);
        return true;
      });
    }
    assert.equal(f.log.length, 0, 'no request');
  });

  test('an answer that is no ImageStreamImport is a TypeError', async () => {
    for (const [input, re] of [
      [{ kind: 'ImageStream', apiVersion: 'image.openshift.io/v1', metadata: { name: 'x' } }, /the answer is not an ImageStreamImport: its kind is ImageStream/],
      ['not json: [', /the answer/],
      [{ kind: 'Status', apiVersion: 'v1', status: 'Failure' }, /the answer/],
    ]) {
      await assert.rejects(isi.supplyChain(input), (e) => e instanceof TypeError && re.test(e.message));
    }
  });

  test('onProgress: counts that only grow, ending with every request and every lookup done', async () => {
    const f = counting();
    const seen = [];
    const result = await isi.supplyChain(answer, { fetch: f, onProgress: (p) => seen.push(p) });
    assert.ok(seen.length >= 3, `${seen.length} reports`);
    for (let i = 1; i < seen.length; i++) {
      assert.ok(seen[i].requestsDone >= seen[i - 1].requestsDone && seen[i].subjectsDone >= seen[i - 1].subjectsDone, JSON.stringify(seen.slice(i - 1, i + 1)));
    }
    const last = seen.at(-1);
    assert.equal(last.subjectsTotal, result.subjects.length);
    assert.equal(last.subjectsDone, last.subjectsTotal);
    assert.equal(last.requestsDone, last.requestsKnown);
    assert.equal(last.requestsDone, f.log.length, 'every request sent is counted');
  });

  test('signal: an abort ends the lookup promptly, every unfinished lookup reported as canceled', async () => {
    const controller = new AbortController();
    // a registry that would take 5 s per answer
    const slow = (url, init) => new Promise((resolve, reject) => {
      const timer = setTimeout(() => resolve(fetch(url, init)), 5000);
      init.signal?.addEventListener('abort', () => { clearTimeout(timer); reject(new DOMException('aborted', 'AbortError')); });
    });
    setTimeout(() => controller.abort(), 100);
    const t0 = performance.now();
    const result = await isi.supplyChain(answer, { signal: controller.signal, fetch: slow, keys: [record.keys.ecdsa.pem] });
    const ms = performance.now() - t0;
    assert.ok(ms < 1500, `${Math.round(ms)} ms`);
    assert.equal(result.subjects.length, answer.status.images.length + record.subjects.multi.platforms.length);
    for (const s of result.subjects) assert.deepEqual(s.artifacts, [], s.source);
    assert.ok(result.errors.length > 0);
    for (const e of result.errors) assert.match(e.message, /context canceled/);
  });

  test('an answer a cluster wrote: made by hand, with fields isimport does not know, as an object and as text', async () => {
    const app = record.subjects.app;
    const clusterAnswer = {
      kind: 'ImageStreamImport', apiVersion: 'image.openshift.io/v1',
      metadata: { name: 'app', namespace: 'team', uid: '3b7c1d2e-0000-4000-8000-000000000001', resourceVersion: '42', creationTimestamp: '2024-06-01T12:00:00Z', managedFields: [{ manager: 'oc' }] },
      spec: { import: true, images: [{ from: { kind: 'DockerImage', name: `${reg.host}/supply/app:v1` }, to: { name: 'v1' }, importPolicy: { insecure: true }, futureField: 1 }] },
      status: {
        images: [{
          tag: 'v1',
          status: { metadata: {}, status: 'Success' },
          image: {
            metadata: { name: app.digest, uid: 'x', annotations: { 'image.openshift.io/dockerLayersOrder': 'ascending' } },
            dockerImageReference: `${reg.host}/supply/app@${app.digest}`,
            dockerImageManifestMediaType: app.mediaType,
            somethingNew: { nested: true },
          },
        }],
        somethingElse: [],
      },
    };
    const keys = [record.keys.ecdsa.pem];
    const lines = (r) => r.subjects[0].artifacts.map((a) => `${a.digest} ${a.kind} ${a.format} ${a.foundBy} ${a.verification.state}`).sort();
    const mine = await isi.supplyChain({ ...answer, status: { images: [answer.status.images[0]] }, spec: { ...answer.spec, images: [answer.spec.images[0]] } }, { keys });
    for (const input of [clusterAnswer, JSON.stringify(clusterAnswer), toYaml(clusterAnswer)]) {
      const result = await isi.supplyChain(input, { keys, policies: [policy('team-app', publicKey('ecdsa', 'MatchRepository'), { kind: 'ImagePolicy', namespace: 'team' })] });
      assert.equal(result.subjects.length, 1);
      const [s] = result.subjects;
      assert.deepEqual([s.source, s.repository, s.digest], ['status.images[0]', `${reg.host}/supply/app`, app.digest]);
      assert.deepEqual(lines(result), lines(mine), 'what importPreview()\'s answer gives');
      assert.equal(s.policy?.decision, 'admit', 'the ImagePolicy of the answer\'s namespace governs it');
    }
  });
});

// ---------------------------------------------------------------------------------------------

describe('a token-auth registry with private repositories', { timeout: SUITE_TIMEOUT }, () => {
  let reg;
  let record;
  let answer;
  // distinctive, so that finding it in an answer means it leaked (bob's default, "builder", is
  // also a word of the fixture's provenance)
  const PASSWORD = 'Pw-9f3c-kept-secret';
  const WRONG = 'Sup3r-Secret-Wrong';
  const config = (password) => ({ auths: { [reg.host]: { username: 'bob', password } } });
  before(async () => {
    reg = await startRegistry({
      mode: 'token', privateRepos: ['supply/*'],
      users: [{ username: 'alice', password: 'wonderland', actions: ['pull', 'push'] }, { username: 'bob', password: PASSWORD, actions: ['pull'] }],
    });
    ({ record } = await pushSupplyChain(reg, { manyLayers: 2 }));
    const entry = entryFor(reg.host);
    answer = await isi.importPreview(isiSpec([entry('supply/app:v1'), entry('supply/app:multi', 'PreserveOriginal')]), { credentials: config(PASSWORD) });
    for (const s of answer.status.images) assert.equal(s.status.status, 'Success', JSON.stringify(s.status));
  });
  after(() => reg?.stop());

  /** Neither the password nor any encoding of it appears anywhere in what comes back. */
  const assertNoSecret = (what, password) => {
    const text = JSON.stringify(what);
    for (const secret of [password, b64(`bob:${password}`), Buffer.from(password).toString('base64url')]) {
      assert.ok(!text.includes(secret), `${secret} leaked`);
    }
  };

  test('with credentials (a docker config): the lookups authenticate, the artifacts are found and verified', async () => {
    const from = reg.issuer.requests.length;
    const f = counting();
    const result = await isi.supplyChain(answer, { credentials: config(PASSWORD), keys: [record.keys.ecdsa.pem], fetch: f });
    assert.deepEqual(result.errors, []);
    const app = result.subjects.find((s) => s.digest === record.subjects.app.digest);
    assert.equal(app.artifacts.length, 8, app.artifacts.map((a) => a.digest).join());
    assert.ok(app.artifacts.some((a) => a.verification.state === 'verified' && a.verification.key === record.keys.ecdsa.fingerprint));
    const tokens = reg.issuer.requests.slice(from);
    assert.ok(tokens.length >= 1 && tokens.every((t) => t.user === 'bob'), JSON.stringify(tokens));
    // Basic goes to the token realm only; the registry sees Bearer tokens
    assertNoSecret(result, PASSWORD);
  });

  test('with credentials as a kubernetes.io/dockerconfigjson Secret: the same', async () => {
    const secret = {
      apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/dockerconfigjson', metadata: { name: 'pull' },
      data: { '.dockerconfigjson': b64(JSON.stringify(config(PASSWORD))) },
    };
    const result = await isi.supplyChain(answer, { credentials: secret });
    assert.deepEqual(result.errors, []);
    assert.equal(result.subjects.find((s) => s.digest === record.subjects.app.digest).artifacts.length, 8);
  });

  test('without credentials: nothing found, each lookup reported as unauthorized', async () => {
    const result = await isi.supplyChain(answer);
    for (const s of result.subjects) assert.deepEqual(s.artifacts, [], s.source);
    assert.ok(result.errors.length >= result.subjects.length);
    for (const e of result.errors) assert.match(e.message, /unauthorized|denied/);
  });

  test('a wrong password: reported as such, the password in no message', async () => {
    const result = await isi.supplyChain(answer, { credentials: config(WRONG) });
    assert.ok(result.errors.length > 0);
    for (const e of result.errors) assert.match(e.message, /incorrect username or password/);
    assertNoSecret(result, WRONG);
    // nor in what a refusal throws
    await assert.rejects(isi.supplyChain(answer, { credentials: config(WRONG), maxRequestsPerSubject: -1 }), (e) => {
      assert.ok(e instanceof TypeError);
      assertNoSecret({ message: e.message, stack: e.stack }, WRONG);
      return true;
    });
  });
});
