// Where `isimport import` finds registry logins without --authfile: podman's and docker's files,
// in containers/image's order, the first file with an entry for a registry winning.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { authFilePaths, lookUpCredentials } from '../../../web/cli/auth-files.js';
import { tempTree } from '../support/cli-run.mjs';

const entry = (user) => ({ auth: Buffer.from(`${user}:secret`).toString('base64') });

test('the files and their order: REGISTRY_AUTH_FILE alone; else XDG_RUNTIME_DIR, XDG_CONFIG_HOME, DOCKER_CONFIG (or ~/.docker), ~/.dockercfg', () => {
  assert.deepEqual(authFilePaths({ REGISTRY_AUTH_FILE: '/x/auth.json', XDG_RUNTIME_DIR: '/run/user/7', HOME: '/h' }), [{ path: '/x/auth.json', legacy: false }]);
  assert.deepEqual(authFilePaths({ XDG_RUNTIME_DIR: '/run/user/7', HOME: '/h' }).map((p) => p.path), [
    '/run/user/7/containers/auth.json', '/h/.config/containers/auth.json', '/h/.docker/config.json', '/h/.dockercfg',
  ]);
  assert.deepEqual(authFilePaths({ HOME: '/h', XDG_CONFIG_HOME: '/cfg', DOCKER_CONFIG: '/d' }, { uid: 1000 }).map((p) => p.path), [
    '/run/containers/1000/auth.json', '/cfg/containers/auth.json', '/d/config.json', '/h/.dockercfg',
  ]);
  assert.equal(authFilePaths({ HOME: '/h' }).at(-1).legacy, true);
});

test('entries merged with the earlier file winning per registry; missing files skipped; the legacy format read; helpers noted', async () => {
  const tree = await tempTree({
    'run/containers/auth.json': JSON.stringify({ auths: { 'quay.io': entry('podman') } }),
    'home/.docker/config.json': JSON.stringify({ auths: { 'quay.io': entry('docker'), 'ghcr.io': entry('docker') }, credsStore: 'desktop' }),
    'home/.dockercfg': JSON.stringify({ 'https://index.docker.io/v1/': entry('legacy'), 'ghcr.io': entry('legacy') }),
  });
  try {
    const paths = authFilePaths({ XDG_RUNTIME_DIR: tree.path('run'), HOME: tree.path('home') });
    const found = await lookUpCredentials(paths);
    assert.deepEqual(found.config, { auths: { 'quay.io': entry('podman'), 'ghcr.io': entry('docker'), 'https://index.docker.io/v1/': entry('legacy') } });
    assert.deepEqual(found.files, [tree.path('run/containers/auth.json'), tree.path('home/.docker/config.json'), tree.path('home/.dockercfg')]);
    assert.deepEqual(found.helpers, [tree.path('home/.docker/config.json')]);
    assert.deepEqual(await lookUpCredentials(authFilePaths({ XDG_RUNTIME_DIR: tree.path('none'), HOME: tree.path('none') })), { config: null, files: [], helpers: [] });
  } finally {
    await tree.remove();
  }
});

test('a file that is not JSON stops the look-up with its name, as the tools do', async () => {
  const tree = await tempTree({ 'auth.json': '{"auths": ' });
  try {
    const found = await lookUpCredentials([{ path: tree.path('auth.json'), legacy: false }, { path: '/nonexistent', legacy: false }]);
    assert.match(found.error, /^reading JSON file ".*auth\.json": /);
  } finally {
    await tree.remove();
  }
});
