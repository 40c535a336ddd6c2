// Credentials as people paste them, mangled: seeded mutations (bytes flipped, cut, doubled, and
// JSON/YAML/base64 punctuation inserted) of pull Secrets (JSON and YAML, data and stringData) and
// docker config.json texts, each given to importPreview(). The JS side unwraps Secrets (the core's
// keyring reader is fuzzed natively: fuzz/targets/docker_config_fuzz.cpp); this is its fuzzing.
// Every outcome is an answer or a TypeError naming the credentials; none is another exception or
// a hang, and no credential (password, base64 pair, base64 config) appears in an error or an answer.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';

import { load } from '../../../web/lib/isimport.js';
import { rng as random } from '../../../bench/corpus.mjs';

const PASSWORD = 'hunter2-Zq9';
const AUTH = Buffer.from(`alice:${PASSWORD}`).toString('base64');
const CONFIG = JSON.stringify({ auths: { 'registry.invalid': { auth: AUTH } } });
// What must never be shown: the password, the user:password pair in base64, the config in base64.
const SECRETS = [PASSWORD, AUTH, Buffer.from(CONFIG).toString('base64')];
const shows = (text) => SECRETS.some((secret) => text.includes(secret));
const SEEDS = [
  CONFIG,
  JSON.stringify({ auths: { 'registry.invalid': { username: 'alice', password: PASSWORD } } }),
  JSON.stringify({ kind: 'Secret', apiVersion: 'v1', type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': Buffer.from(CONFIG).toString('base64') } }),
  JSON.stringify({ kind: 'Secret', apiVersion: 'v1', stringData: { '.dockerconfigjson': CONFIG } }),
  `apiVersion: v1\nkind: Secret\nmetadata:\n  name: pull\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: ${Buffer.from(CONFIG).toString('base64')}\n`,
  `apiVersion: v1\nkind: Secret\ntype: kubernetes.io/dockercfg\ndata:\n  .dockercfg: ${Buffer.from(JSON.stringify({ 'registry.invalid': { auth: AUTH } })).toString('base64')}\n`,
];
const PUNCTUATION = ['{', '}', '[', ']', '"', ':', ',', '\n', ' ', '=', '+', '/', '\\', '-', '#', '&', '*', '!', '\u0000', '\u00e9', '\ud83d\ude00', 'null', 'true', '0'];

function mutate(text, next) {
  let s = text;
  const edits = 1 + Math.floor(next() * 4);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(next() * (s.length + 1));
    switch (Math.floor(next() * 4)) {
      case 0: s = s.slice(0, at) + PUNCTUATION[Math.floor(next() * PUNCTUATION.length)] + s.slice(at); break;
      case 1: s = s.slice(0, at) + s.slice(at + 1 + Math.floor(next() * 8)); break;
      case 2: s = s.slice(0, at) + s.slice(at, at + 12) + s.slice(at); break;
      default: s = s.slice(0, at) + String.fromCharCode(s.charCodeAt(at) ^ (1 << Math.floor(next() * 7))) + s.slice(at + 1);
    }
  }
  return s;
}

const SPEC = {
  kind: 'ImageStreamImport', apiVersion: 'image.openshift.io/v1', metadata: { name: 'm', namespace: 'default' },
  spec: { import: false, images: [{ from: { kind: 'DockerImage', name: 'registry.invalid/team/app:1' } }] },
};
const offline = () => Promise.reject(new TypeError('offline'));

let isi;
before(async () => { isi = await load({ schemas: false }); });

test('1 200 mangled credentials: an answer or a TypeError about the credentials, never a credential in either', async () => {
  const outcomes = { answer: 0, refused: 0 };
  for (let n = 0; n < 1200; n++) {
    const next = random(n + 1); // seeded: a failure names a case that can be replayed
    const seed = SEEDS[n % SEEDS.length];
    const credentials = mutate(seed, next);
    const what = `case ${n} (seed ${n % SEEDS.length}): ${JSON.stringify(credentials).slice(0, 160)}`;
    let answer;
    try {
      answer = await isi.importPreview(SPEC, { credentials, fetch: offline, now: '2024-01-01T00:00:00Z' });
    } catch (error) {
      assert.ok(error instanceof TypeError, `${what}: ${error?.stack ?? error}`);
      assert.match(error.message, /^isimport: credentials/, what);
      assert.ok(!shows(error.message), `${what}: the error shows a credential`);
      outcomes.refused++;
      continue;
    }
    assert.ok(answer.kind === 'ImageStreamImport' || answer.kind === 'Status', what);
    assert.ok(!shows(JSON.stringify(answer)), `${what}: the answer shows a credential`);
    outcomes.answer++;
  }
  // Both kinds of outcome happen: the mutations are neither all harmless nor all fatal.
  assert.ok(outcomes.answer > 100 && outcomes.refused > 100, JSON.stringify(outcomes));
  console.log(`# 1200 mangled credentials: ${outcomes.answer} answered, ${outcomes.refused} refused as TypeError`);
});
