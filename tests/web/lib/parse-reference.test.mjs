// isi.parseReference: OpenShift's reference grammar through the wasm core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from 'isimport';

const isi = await load();

test('splits a reference as OpenShift does, with Docker Hub defaults', () => {
  assert.deepEqual(isi.parseReference('nginx:1.25'), {
    valid: true, registry: '', namespace: '', name: 'nginx', tag: '1.25', id: '',
    exact: 'nginx:1.25', repository: 'library/nginx', registryUrl: 'https://registry-1.docker.io',
    normalized: 'docker.io/library/nginx:1.25',
  });
  const nested = isi.parseReference('quay.io/org/team/app@sha256:' + 'a'.repeat(64));
  assert.equal(nested.registry, 'quay.io');
  assert.equal(nested.namespace, 'org');
  assert.equal(nested.name, 'team/app');
  assert.equal(nested.id, 'sha256:' + 'a'.repeat(64));
  assert.equal(nested.registryUrl, 'https://quay.io');
});

test('answers upstream error texts', () => {
  assert.deepEqual(isi.parseReference('Quay.io/Org/App:v1'), { valid: false, error: 'repository name must be lowercase' });
  assert.deepEqual(isi.parseReference('foo@sha256:' + '0'.repeat(32)), { valid: false, error: 'invalid checksum digest length' });
  assert.deepEqual(isi.parseReference(''), { valid: false, error: 'repository name must have at least one component' });
  assert.throws(() => isi.parseReference(5), TypeError);
});
