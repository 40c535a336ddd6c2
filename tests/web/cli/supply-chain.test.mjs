// `isimport supply-chain` end to end: the real registry with the supply-chain fixtures
// (e2e/registry/supply-artifacts.mjs: cosign signatures, attestation and SBOM tags, referrers,
// BuildKit attestations, lies), the CLI as a child process, each test a transcript of what a
// person would type and see. Keys are made fresh on each run, so fingerprints are filled in.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';

import { startRegistry } from '../../../e2e/registry/start.mjs';
import { pushSupplyChain, BUILDER_ID, SOURCE_URI } from '../../../e2e/registry/supply-artifacts.mjs';
import { load } from '../../../web/lib/isimport.js';
import { CLI, HERMETIC_ENV, runCli, tempTree } from '../support/cli-run.mjs';
import { reportSupplyChain } from '../../../web/cli/supply-report.js';

let reg;
let record;
let tree;
let host;
/** `SHA256:` and 12 hex digits: how the text output names a key. */
const short = (name) => record.keys[name].fingerprint.slice(0, 'SHA256:'.length + 12);
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const readText = (path) => readFile(path, 'utf8');
/** `isimport supply-chain ARGS…` in the temporary directory (no logins of this machine read). */
const supply = (args, options = {}) => runCli(['supply-chain', ...args], { cwd: tree.dir, ...options });

const spec = (images) => `apiVersion: image.openshift.io/v1
kind: ImageStreamImport
metadata:
  name: supply
spec:
  import: false
  images:
${images.map(([name, mode]) => `  - from:
      kind: DockerImage
      name: ${host}/${name}
    importPolicy:
      insecure: true${mode ? `\n      importMode: ${mode}` : ''}
`).join('')}`;

const policy = (name, { key = 'ecdsa', matchPolicy = 'MatchRepository', scope = `${host}/supply` } = {}) => `apiVersion: config.openshift.io/v1
kind: ClusterImagePolicy
metadata:
  name: ${name}
spec:
  scopes:
  - ${scope}
  policy:
    rootOfTrust:
      policyType: PublicKey
      publicKey:
        keyData: ${Buffer.from(record.keys[key].pem).toString('base64')}
    signedIdentity:
      matchPolicy: ${matchPolicy}
`;

before(async () => {
  reg = await startRegistry({ mode: 'anonymous' });
  host = reg.host;
  // 200 layers keep the many-layers lie over the 100 read, and its push short.
  ({ record } = await pushSupplyChain(reg, { manyLayers: 200 }));
  tree = await tempTree({
    'cosign.pub': record.keys.ecdsa.pem,
    'rsa.pub': record.keys.rsa.pem,
    'not-a-key.pub': 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE not a PEM\n',
    'private.key': '-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n-----END PRIVATE KEY-----\n',
    'app.yaml': spec([['supply/app:v1']]),
    'two.yaml': spec([['supply/app:v1'], ['supply/buildkit:v1', 'PreserveOriginal']]),
    'lies.yaml': spec(['tampered', 'other-digest', 'other-identity', 'unknown-key', 'wrong-key-type'].map((l) => [`supply/lie-${l}:v1`])),
    'refused.yaml': spec([['Supply/App:v1']]),
    'admit.yaml': policy('supply-signed'),
    'deny-identity.yaml': policy('supply-exact', { matchPolicy: 'MatchRepoDigestOrExact' }),
    'deny-key.yaml': policy('supply-rsa', { key: 'rsa', scope: `${host}/supply/lie-tampered` }),
    'invalid.yaml': `apiVersion: config.openshift.io/v1
kind: ClusterImagePolicy
metadata:
  name: broken
spec:
  scopes:
  - "*.example.com/x"
  policy:
    rootOfTrust:
      policyType: PublicKey
    signedIdentity:
      matchPolicy: ExactRepository
`,
  });
  // An answer as `isimport import` writes it, for the tests that read one as it is.
  const imported = await runCli(['import', '--no-creds', '-f', 'two.yaml'], { cwd: tree.dir });
  assert.equal(imported.code, 0, imported.stderr);
  await writeFile(tree.path('answer.json'), imported.stdout);
});
after(async () => {
  await reg?.stop();
  await tree?.remove();
});

function transcripts() {
  test('$ isimport supply-chain -f app.yaml --key cosign.pub: the spec is imported, then every artifact listed', async () => {
    const r = await supply(['-f', 'app.yaml', '--key', 'cosign.pub']);
    const ec = `${short('ecdsa')} (cosign.pub)`;
    assert.equal(r.stderr, '');
    // The test's certificates are made at each run: their validity is the run's time.
    const stdout = r.stdout.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ to \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/g, 'FROM to UNTIL');
    assert.equal(stdout, `${host}/supply/app@${record.subjects.app.digest}  (status.images[0])
├── signature    notation         referrers tag  unverified
│     a Notation signature rests on an X.509 certificate chain and a trust policy; isimport does not validate certificate chains, so it does not call it verified; signed by isimport e2e notation (a self-issued certificate, valid FROM to UNTIL), signing time 2024-01-01T00:00:00Z (the signer's claim)
├── signature    sigstore-bundle  referrers tag  verified ${ec}
│     signed with ${ec}, and its statement names this image's digest
├── signature    cosign           cosign tag     failed
│     none of the keys given can have made this signature (${ec})
├── signature    cosign           cosign tag     verified ${ec}
│     signed with ${ec}, and its payload names this image's digest and repository
├── attestation  cosign           cosign tag     verified ${ec}
│     provenance: builder ${BUILDER_ID}, source ${SOURCE_URI}
│     signed with ${ec}, and its statement names this image's digest
├── sbom         cyclonedx        referrers tag  unverified
│     SBOM "${host}/supply/app", 1 package
│     an SBOM is not a signature: nothing found here signs it
├── sbom         spdx             referrers tag  unverified
│     SBOM "${host}/supply/app", 1 package
│     an SBOM is not a signature: nothing found here signs it
└── sbom         spdx             cosign tag     unverified
      SBOM "${host}/supply/app", 1 package
      an SBOM is not a signature: nothing found here signs it
`);
    assert.equal(r.code, 0);
  });

  test('$ isimport supply-chain answer.json: an answer is read as it is (its spec is not imported again)', async () => {
    const answer = JSON.parse(await readText(tree.path('answer.json')));
    // Were the spec imported again, this name would fail: it is read for its status only.
    answer.spec.images[0].from.name = `${host}/supply/absent:v1`;
    const r = await supply(['-', '--key', 'cosign.pub', '--key', 'rsa.pub'], { input: JSON.stringify(answer) });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.match(r.stdout, new RegExp(`^${escape(`${host}/supply/app@${record.subjects.app.digest}  (status.images[0])`)}$`, 'm'));
    // The RSA layer of the .sig tag now verifies too, named by its file.
    assert.match(r.stdout, new RegExp(`^├── signature +cosign +cosign tag +verified ${escape(short('rsa'))} \\(rsa\\.pub\\)$`, 'm'));
    // BuildKit's attestations, per platform of the index kept whole.
    for (const platform of ['linux/amd64', 'linux/arm64/v8']) {
      const child = record.subjects.buildkit.platforms.find((p) => [p.platform.os, p.platform.architecture, p.platform.variant].filter(Boolean).join('/') === platform);
      const block = r.stdout.split('\n\n').find((b) => b.startsWith(`${host}/supply/buildkit@${child.digest}  (status.images[1].manifests[`));
      assert.ok(block, `a tree for the ${platform} image:\n${r.stdout}`);
      assert.ok(block.split('\n')[0].endsWith(`, ${platform})`), block);
      assert.match(block, /^├── attestation +buildkit +image index +unverified$/m);
      assert.match(block, new RegExp(`^│     provenance: builder ${escape(BUILDER_ID)}, source ${escape(SOURCE_URI)}$`, 'm'));
      assert.match(block, /sbom +buildkit +image index +unverified\n.*SBOM ".*", 1 package/);
    }
  });

  test('$ isimport supply-chain -o json: exactly what supplyChain() resolves to', async () => {
    const r = await supply(['-f', 'answer.json', '--key', 'cosign.pub', '-o', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const printed = JSON.parse(r.stdout);
    assert.equal(r.stdout, `${JSON.stringify(printed, null, 2)}\n`, 'pretty JSON, two spaces');
    assert.deepEqual(Object.keys(printed), ['subjects', 'errors']);
    const isi = await load({ schemas: false });
    const own = await isi.supplyChain(await readText(tree.path('answer.json')), { keys: [record.keys.ecdsa.pem] });
    // The same answer, member for member and in the same member order; artifacts are listed in
    // the order their lookups ended, which varies between two runs.
    const canonical = (result) => JSON.stringify(result.subjects.map((s) => ({ ...s, artifacts: s.artifacts.map((a) => JSON.stringify(a)).sort() })));
    assert.equal(canonical(printed), canonical(own));
    assert.deepEqual(printed.errors, own.errors);
    const app = printed.subjects[0];
    assert.deepEqual(Object.keys(app), ['source', 'repository', 'digest', 'artifacts', 'policy']);
    assert.equal(app.policy, null, 'no policy given: no decision');
    const sig = app.artifacts.find((a) => a.format === 'cosign' && a.kind === 'signature' && a.verification.state === 'verified');
    assert.deepEqual(Object.keys(sig), ['digest', 'mediaType', 'artifactType', 'kind', 'format', 'foundBy', 'verification']);
    assert.deepEqual(Object.keys(sig.verification), ['state', 'key', 'reason']);
    assert.equal(sig.verification.key, record.keys.ecdsa.fingerprint);
    assert.ok(printed.subjects.some((s) => s.platform === 'linux/arm64/v8'));
  });

  test('$ isimport supply-chain -o yaml: the same answer in YAML', async () => {
    const r = await supply(['-f', 'app.yaml', '-o', 'yaml']);
    assert.equal(r.code, 0, r.stderr);
    const { parse } = await import('yaml');
    const read = parse(r.stdout);
    assert.deepEqual(Object.keys(read), ['subjects', 'errors']);
    assert.equal(read.subjects[0].digest, record.subjects.app.digest);
    assert.ok(read.subjects[0].artifacts.every((a) => a.verification.state !== 'verified'), 'no key given: nothing verified');
  });
}

function policies() {
  test('$ isimport supply-chain --policy admit.yaml: PublicKey with the ECDSA key, MatchRepository → admit, exit 0', async () => {
    const r = await supply(['-f', 'app.yaml', '--policy', 'admit.yaml']);
    assert.equal(r.code, 0, r.stderr);
    const tail = r.stdout.split('\n').slice(-3).join('\n');
    assert.equal(tail, `└── policy: admit
      ClusterImagePolicy supply-signed (scope ${host}/supply): signature 1 in the ${record.subjects.app.digest.replace(':', '-')}.sig tag is signed by ${short('ecdsa')} and names ${host}/supply/app, which MatchRepository accepts
`);
    // The policy's key checks signatures as a --key would (named by its fingerprint alone).
    assert.match(r.stdout, new RegExp(`^├── signature +cosign +cosign tag +verified ${escape(short('ecdsa'))}$`, 'm'));
  });

  test('$ isimport supply-chain --policy deny-identity.yaml: cosign names only the repository, MatchRepoDigestOrExact → deny, exit 1', async () => {
    const r = await supply(['-f', 'app.yaml', '--policy', 'deny-identity.yaml']);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^└── policy: deny\n {6}ClusterImagePolicy supply-exact \(scope .*\): none of the 2 signatures .* which MatchRepoDigestOrExact never accepts/m);
    // With -o json the log still says why the status is 1.
    const json = await supply(['-f', 'app.yaml', '--policy', 'deny-identity.yaml', '-o', 'json']);
    assert.equal(json.code, 1);
    assert.equal(JSON.parse(json.stdout).subjects[0].policy.decision, 'deny');
    assert.match(json.stderr, new RegExp(`^isimport: denied: ${escape(`${host}/supply/app@${record.subjects.app.digest}`)}: ClusterImagePolicy supply-exact`));
  });

  test('$ isimport supply-chain --policy deny-key.yaml: another key than the signer\'s → deny, exit 1; other images are not governed', async () => {
    const r = await supply(['-f', 'lies.yaml', '--policy', 'deny-key.yaml']);
    assert.equal(r.code, 1, r.stderr);
    const tampered = r.stdout.split('\n\n').find((b) => b.startsWith(`${host}/supply/lie-tampered@`));
    assert.match(tampered, new RegExp(`└── policy: deny\n {6}ClusterImagePolicy supply-rsa \\(scope ${escape(host)}/supply/lie-tampered\\): .*${escape(short('rsa'))}`));
    const other = r.stdout.split('\n\n').find((b) => b.startsWith(`${host}/supply/lie-other-digest@`));
    assert.match(other, /└── policy: none of the policies given governs this image$/);
  });

  test('$ isimport supply-chain --policy invalid.yaml: refused as the API server would, with field paths, exit 2', async () => {
    const r = await supply(['-f', 'app.yaml', '--policy', 'invalid.yaml']);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, `isimport: --policy invalid.yaml: the API server would refuse ClusterImagePolicy "broken": 422 Invalid
  spec.policy.rootOfTrust: Invalid value: "object": publicKey is required when policyType is PublicKey, and forbidden otherwise
  spec.policy.signedIdentity: Invalid value: "object": exactRepository is required when matchPolicy is ExactRepository, and forbidden otherwise
  spec.scopes[0]: Invalid value: "string": invalid image scope with wildcard, a wildcard can only be at the start of the domain and is only supported for subdomain matching, not path matching
`);
  });
}

function lies() {
  test('a tampered, misdirected or foreign signature is never "verified"', async () => {
    const text = await supply(['-f', 'lies.yaml', '--key', 'cosign.pub']);
    assert.equal(text.code, 0, text.stderr);
    const trees = text.stdout.split('\n\n');
    assert.equal(trees.length, 5);
    for (const t of trees) {
      const artifacts = t.split('\n').filter((l) => /^[├└]── /.test(l));
      assert.ok(artifacts.length > 0 && artifacts.every((l) => / (failed|unverified)( |$)/.test(l) && !/ verified/.test(l)), t);
    }
    const tampered = text.stdout.split('\n\n').find((b) => b.startsWith(`${host}/supply/lie-tampered@`));
    assert.equal(tampered.split('\n').slice(1).join('\n'), `└── signature  cosign  cosign tag  failed ${short('ecdsa')} (cosign.pub)
      the signature does not verify with the key given (${short('ecdsa')} (cosign.pub))`);
  });

  test('a .sig tag of 200 signatures: the first 100 read, the rest an error', async () => {
    await writeFile(tree.path('many.yaml'), spec([['supply/lie-many-layers:v1']]));
    const r = await supply(['-f', 'many.yaml', '--key', 'cosign.pub']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^└── signature  cosign  cosign tag  verified .*$/m);
    // Like lines are counted, never repeated.
    const heads = r.stdout.split('\n').filter((l) => /^[├└]── /.test(l)).map((l) => l.replace(/  \(×\d+\)$/, ''));
    assert.equal(new Set(heads).size, heads.length, r.stdout);
    assert.match(r.stdout, new RegExp(`^error: ${escape(host)}/supply/lie-many-layers: sha256:[0-9a-f]{64}: .*200 layers; only the first 100 were read`, 'm'));
  });
}

function textReport() {
  test('like artifacts on one line with their count; fingerprints short and named by their file', () => {
    const key = `SHA256:${'ab'.repeat(32)}`;
    const sig = { digest: 'sha256:1', mediaType: 'm', artifactType: 'a', kind: 'signature', format: 'cosign', foundBy: 'cosign-tag', verification: { state: 'verified', key, reason: `signed with ${key}` } };
    const text = reportSupplyChain({
      subjects: [{ source: 'status.images[0]', repository: 'r.example.com/a', digest: 'sha256:d', platform: 'linux/arm64', artifacts: [sig, sig, sig], policy: null }],
      errors: [{ repository: 'r.example.com/a', message: 'sha256:d: gone' }],
    }, { keyNames: new Map([[key, 'k.pub']]), policies: true });
    assert.equal(text, `r.example.com/a@sha256:d  (status.images[0], linux/arm64)
├── signature  cosign  cosign tag  verified SHA256:abababababab (k.pub)  (×3)
│     signed with SHA256:abababababab (k.pub)
└── policy: none of the policies given governs this image

error: r.example.com/a: sha256:d: gone
`);
  });
}

function usage() {
  test('$ isimport supply-chain --key not-a-key.pub / private.key / missing.pub: the file is named', async () => {
    const [bad, priv, missing] = await Promise.all([
      supply(['-f', 'app.yaml', '--key', 'cosign.pub', '--key', 'not-a-key.pub']),
      supply(['-f', 'app.yaml', '--key', 'private.key']),
      supply(['-f', 'app.yaml', '--key', 'missing.pub']),
    ]);
    assert.deepEqual([bad.code, bad.stdout, bad.stderr], [2, '', 'isimport: --key not-a-key.pub: no PEM block found\n']);
    assert.equal(priv.code, 2);
    assert.match(priv.stderr, /^isimport: --key private\.key: a private key .*give the public key\n$/);
    assert.doesNotMatch(priv.stderr, /MIGHAgEA/, 'a key is never printed');
    assert.deepEqual([missing.code, missing.stderr], [2, 'isimport: --key: cannot read missing.pub: no such file or directory\n']);
  });

  test('$ isimport supply-chain -f refused.yaml: a spec the server would refuse, its cause at its line', async () => {
    const r = await supply(['-f', 'refused.yaml']);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, `error: the API server would refuse this request: 422 Invalid
  refused.yaml:10:13: spec.images[0].from.name: Invalid value: "${host}/Supply/App:v1": repository name must be lowercase
`);
  });

  test('flags: unknown ones, a value the core refuses (named by its flag), -n with an answer', async () => {
    const [unknown, concurrency, requests, namespace, output] = await Promise.all([
      supply(['-f', 'app.yaml', '--keys', 'cosign.pub']),
      supply(['-f', 'app.yaml', '--concurrency', '0']),
      supply(['-f', 'answer.json', '--max-requests', 'lots']),
      supply(['-f', 'answer.json', '-n', 'team-a']),
      supply(['-f', 'app.yaml', '-o', 'table']),
    ]);
    assert.deepEqual([unknown.code, unknown.stderr.split('\n')[0]], [2, 'isimport: unknown flag "--keys" for "supply-chain"']);
    assert.deepEqual([concurrency.code, concurrency.stderr.split('\n')[0]], [2, 'isimport: invalid value "0" for --concurrency: must be an integer from 1 to 64']);
    assert.equal(requests.code, 2);
    assert.match(requests.stderr, /^isimport: invalid value "lots" for --max-requests: must be /);
    assert.equal(namespace.code, 2);
    assert.match(namespace.stderr, /^isimport: -n and --platform apply to a spec/);
    assert.match(output.stderr, /^isimport: invalid value "table" for --output: must be text, json or yaml/);
  });

  test('$ isimport help supply-chain, and the command in isimport --help', async () => {
    const help = await runCli(['help', 'supply-chain']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: isimport supply-chain \[flags\] \[-f FILE\|-\]\n/);
    assert.match(help.stdout, /--max-requests N +registry requests per image at most \(default 100\)/);
    assert.equal((await runCli(['supply-chain', '--help'])).stdout, help.stdout);
    assert.match((await runCli(['--help'])).stdout, /^ {2}isimport supply-chain \[flags\] \[-f FILE\|-\]$/m);
  });
}

function cancelling() {
  let hanging;
  const held = [];
  before(async () => {
    // A registry that takes requests and never answers them (over HTTP: a TLS hello is refused at
    // once, as a plain HTTP registry refuses it).
    hanging = createServer((req, res) => held.push(res));
    await new Promise((resolve) => hanging.listen(0, '127.0.0.1', resolve));
  });
  after(() => {
    for (const res of held) res.destroy();
    hanging?.closeAllConnections();
    hanging?.close();
  });

  test('cancels the lookup: what still ran is an error, the report is printed, exit 130', async () => {
    const answer = (await readText(tree.path('answer.json'))).replaceAll(host, `127.0.0.1:${hanging.address().port}`);
    await writeFile(tree.path('hanging.json'), answer);
    const connected = new Promise((resolve) => hanging.once('request', resolve));
    const child = spawn(process.execPath, [CLI, 'supply-chain', '-f', 'hanging.json'], { cwd: tree.dir, env: HERMETIC_ENV });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => { stdout += c; });
    child.stderr.on('data', (c) => { stderr += c; });
    await connected;
    child.kill('SIGINT');
    const code = await new Promise((resolve) => child.on('close', resolve));
    assert.equal(code, 130, stderr);
    assert.match(stderr, /cancelling the requests still running/);
    assert.match(stdout, /^error: 127\.0\.0\.1:\d+\/supply\/app: sha256:[0-9a-f]{64}: .*context canceled$/m);
  });
}

// The groups run side by side (each CLI run is mostly a process start and two wasm compiles).
describe('supply-chain', { concurrency: 3 }, () => {
  describe('isimport supply-chain', transcripts);
  describe('policies', policies);
  describe('the lies', lies);
  describe('the text report', textReport);
  describe('usage and unreadable input: exit 2', usage);
  describe('Ctrl-C', cancelling);
});
